/** Live checking on the fake Excel: edits are debounced, and a local edit re-reads only the rows it touched. */
import { seedSetup } from "../../src/seed/q2-2022-23";
import { LiveCheck, mergeRows, planNewReturn, tableOf, type WorkbookSnapshot } from "../../src/workbook";
import { applyPlan, readSnapshot, readTableRows, watchReturnEdits } from "../../src/workbook/office";
import { seed, syntheticSetup, syntheticTemplate } from "../support/excel-returns";
import { FakeWorkbook } from "../support/fake-excel";
import { fakeExcelEachTest } from "../support/fake-excel-each";

let fake: FakeWorkbook;
fakeExcelEachTest((made) => (fake = made));

function liveCheck(delayMs: number): { live: LiveCheck; seen: WorkbookSnapshot[] } {
  const seen: WorkbookSnapshot[] = [];
  const live = new LiveCheck({
    readSnapshot,
    readRows: readTableRows,
    onSnapshot: (s) => void seen.push(s),
    delayMs,
    onError: (err) => {
      throw err;
    },
  });
  return { live, seen };
}

test("edits in quick succession make one check that reads only the touched rows, in one sync", async () => {
  await applyPlan(planNewReturn(syntheticSetup(syntheticTemplate(1000, 1))));
  const { live, seen } = liveCheck(30);
  live.start(await readSnapshot());
  const stop = await watchReturnEdits((c) => live.notify(c));
  fake.resetCounts();
  await fake.editTable("KpiReturn", "G7", [[123]]);
  await fake.editTable("KpiReturn", "G9:H10", [
    [5, "a"],
    [6, "b"],
  ]);
  expect(seen).toHaveLength(0);
  await new Promise((r) => setTimeout(r, 80));
  await live.flush();
  expect(seen).toHaveLength(1);
  expect(fake.syncs).toBe(1);
  // What was merged is exactly what a full read now gives.
  const full = await readSnapshot();
  expect(seen[0].tables).toEqual(full.tables);
  const actual = tableOf(seen[0], "KpiReturn")
    ?.values.map((r) => r[6])
    .slice(0, 6);
  expect(actual).toEqual([null, 123, null, 5, 6, null]);
  await stop();
  await fake.editTable("KpiReturn", "G8", [[1]]);
  await new Promise((r) => setTimeout(r, 60));
  expect(seen).toHaveLength(1);
});

test("a row inserted by the user makes a full re-read", async () => {
  await applyPlan(planNewReturn(seedSetup(seed("idva"))));
  const { live, seen } = liveCheck(10);
  live.start(await readSnapshot());
  await watchReturnEdits((c) => live.notify(c));
  fake.insertTableRow("KpiReturn", 1);
  fake.resetCounts();
  await fake.editTable("KpiReturn", "A7:M7", undefined, "RowInserted");
  await new Promise((r) => setTimeout(r, 40));
  await live.flush();
  expect(seen).toHaveLength(1);
  expect(fake.syncs).toBe(2);
  expect(tableOf(seen[0], "KpiReturn")?.values).toHaveLength(7);
});

test("mergeRows replaces only the given rows of the named table", () => {
  const snapshot: WorkbookSnapshot = {
    sheets: ["KPIs"],
    metadata: {},
    tables: [
      {
        name: "KpiReturn",
        sheet: "KPIs",
        address: "A5:B7",
        headers: ["KPI ID", "Actual"],
        values: [
          ["a", 1],
          ["b", 2],
        ],
        formulas: [
          ["a", 1],
          ["b", 2],
        ],
      },
    ],
  };
  const merged = mergeRows(snapshot, "KpiReturn", [
    { row: 1, values: ["b", 9], formulas: ["b", 9] },
    { row: 7, values: ["x", 0], formulas: ["x", 0] },
  ]);
  expect(merged.tables[0].values).toEqual([
    ["a", 1],
    ["b", 9],
  ]);
  expect(snapshot.tables[0].values[1]).toEqual(["b", 2]);
});
