/**
 * The office-js executor against the fake Excel's documented strictness: text stays text, tables land on their own
 * sheet, live highlights never clear the provider's undo, batches wait while a cell is being edited, the add-in's own
 * writes raise no edits while a co-author's are marked remote, large returns read under the 5 MB response limit,
 * validation texts fit, list values may hold commas, and nothing above the manifest's ExcelApi set is used unchecked.
 * Each of these failed against the executor as it was before the fake was made strict.
 */
import { seedSetup } from "../../src/seed/q2-2022-23";
import type { Finding, KpiTemplate } from "../../src/core/types";
import { findTemplate } from "../../src/templates";
import {
  planAnnotations,
  planNewReturn,
  planProviderInput,
  planReturnState,
  readReturn,
  emptyPlan,
  type ReturnEdit,
} from "../../src/workbook";
import {
  applyHighlights,
  applyPlan,
  readSnapshot,
  readTableRows,
  watchReturnEdits,
} from "../../src/workbook/office";
import { seed, syntheticSetup, syntheticTemplate } from "../support/excel-returns";
import { cellsOf, FakeWorkbook, RESPONSE_LIMIT, SheetModel } from "../support/fake-excel";
import { fakeExcelEachTest } from "../support/fake-excel-each";

let fake: FakeWorkbook;
fakeExcelEachTest((made) => (fake = made));

const idva = () => findTemplate("idva") as KpiTemplate;
const tick = () => new Promise((r) => setTimeout(r, 0));

async function newIdvaReturn(provider = "Victim Support") {
  const setup = { ...seedSetup(seed("idva")), provider };
  await applyPlan(planNewReturn(setup));
  return setup;
}

test("commentary, provider names and metadata are written as text, never as formulas, numbers or dates", async () => {
  await newIdvaReturn("+Plus 1-2-1 Support");
  const template = idva();
  const typed = [
    "-5 fewer referrals: a worker left",
    "+12% on last year",
    "50%",
    "1/2",
    "=SUM(A1:A9) was our guess",
  ];
  const kpis = Object.fromEntries(
    template.kpis.slice(0, typed.length).map((k, i) => [k.id, { commentary: typed[i] }]),
  );
  await applyPlan(planProviderInput(await readSnapshot(), { kpis }));
  const { ret } = readReturn(await readSnapshot(), [template]);
  expect(ret?.provider).toBe("+Plus 1-2-1 Support");
  expect(ret?.kpis.slice(0, typed.length).map((k) => k.commentary)).toEqual(typed);
  const formulas = fake.sheets.flatMap((s) => [...s.cells.values()].map((c) => c.formula ?? ""));
  expect(formulas.filter((f) => /fewer|12% on|guess|Plus/.test(f))).toEqual([]);
});

test("tables are made on their own sheet, before the formulas that name them, whichever sheet is active", async () => {
  fake.sheets.push(new SheetModel("Sheet1"));
  fake.activeSheet = "Sheet1";
  await newIdvaReturn();
  const kpiTable = fake.table("KpiReturn");
  expect(kpiTable?.sheet.name).toBe("KPIs");
  expect(fake.tables.every((t) => t.sheet.name !== "Sheet1")).toBe(true);
  const formulas = [...(kpiTable?.sheet.cells.values() ?? [])].map((c) => c.formula).filter(Boolean);
  expect(formulas.some((f) => f?.includes("KpiReturn[[#This Row]"))).toBe(true);
});

describe("live highlights keep the provider's undo", () => {
  const findings = (snapshot: Awaited<ReturnType<typeof readSnapshot>>): Finding[] => {
    const { ret } = readReturn(snapshot, [idva()]);
    return (ret?.kpis ?? []).map((k) => ({
      ruleId: "PREV-CHANGE-Q",
      severity: "query",
      message: `Check ${k.kpiId}.`,
      kpiId: k.kpiId,
      location: { table: "KpiReturn", row: k.row, column: "Actual" },
    }));
  };

  test("highlights and notes are written on the protected sheet without protect or unprotect", async () => {
    await newIdvaReturn();
    const snapshot = await readSnapshot();
    fake.resetCounts();
    expect(await applyHighlights(planAnnotations(snapshot, findings(snapshot)))).toBe(true);
    expect(fake.undoClearing).toEqual([]);
    expect(fake.sheet("KPIs")?.protected).toBe(true);
    expect(fake.notes.length).toBeGreaterThan(0);
    // Validate (not live) writes them the same way: no undo cleared there either.
    fake.resetCounts();
    await applyPlan(planAnnotations(snapshot, []));
    expect(fake.undoClears).toBe(0);
  });

  test("a sheet protected without those allowances gets no live highlights (and no undo cleared); Validate fixes it once", async () => {
    await newIdvaReturn();
    const snapshot = await readSnapshot();
    const sheet = fake.sheet("KPIs") as SheetModel;
    sheet.protectionOptions = { allowFormatColumns: true };
    fake.resetCounts();
    expect(await applyHighlights(planAnnotations(snapshot, findings(snapshot)))).toBe(false);
    expect(fake.undoClears).toBe(0);
    expect(fake.notes).toHaveLength(0);
    await applyPlan(planAnnotations(snapshot, findings(snapshot)));
    expect(sheet.protected).toBe(true);
    expect(sheet.protectionOptions).toMatchObject({ allowFormatCells: true, allowEditObjects: true });
    fake.resetCounts();
    expect(await applyHighlights(planAnnotations(snapshot, []))).toBe(true);
    expect(fake.undoClears).toBe(0);
  });
});

test("a read while the provider is typing in a cell waits for them instead of failing", async () => {
  await newIdvaReturn();
  const snapshot = await readSnapshot();
  fake.startCellEdit();
  let rows: unknown = null;
  const reading = readTableRows(snapshot.tables[0], [0]).then((r) => (rows = r));
  await tick();
  expect(rows).toBeNull();
  fake.endCellEdit();
  await reading;
  expect(rows).toHaveLength(1);
});

test("the add-in's own writes raise no edits to check; a co-author's edits are marked remote", async () => {
  await newIdvaReturn();
  const edits: ReturnEdit[] = [];
  const stop = await watchReturnEdits((e) => edits.push(e));
  const kpi = idva().kpis[0];
  await applyPlan(planProviderInput(await readSnapshot(), { kpis: { [kpi.id]: { actual: 12 } } }));
  const { ret } = readReturn(await readSnapshot(), [idva()]);
  if (!ret) throw new Error("no return");
  await applyPlan(planReturnState({ ...ret, status: "submitted" }));
  await tick();
  expect(edits).toEqual([]);
  expect(fake.eventsEnabled).toBe(true);
  const table = fake.table("KpiReturn");
  const cell = `B${(table?.top ?? 0) + 1}`;
  await fake.editTable("KpiReturn", cell, [["x"]], "RangeEdited", "Remote");
  await fake.editTable("KpiReturn", cell, [["y"]]);
  expect(edits.map((e) => e.remote ?? false)).toEqual([true, false]);
  await stop();
});

test("a failed write switches events back on", async () => {
  await newIdvaReturn();
  const plan = { ...emptyPlan(), cells: [{ sheet: "KPIs", address: "Z1", values: [["=NoSuchTable[Col]"]] }] };
  await expect(applyPlan(plan)).rejects.toThrow();
  expect(fake.eventsEnabled).toBe(true);
});

test("a return larger than Excel on the web answers at once is read in parts under 5 MB, without number formats", async () => {
  const template = syntheticTemplate(3000, 1);
  await applyPlan(planNewReturn(syntheticSetup(template)));
  const snapshot = await readSnapshot();
  const kpis = Object.fromEntries(
    template.kpis.map((k, i) => [k.id, { commentary: `${i} ` + "y".repeat(1200) }]),
  );
  await applyPlan(planProviderInput(snapshot, { kpis }));
  fake.resetCounts();
  const { ret } = readReturn(await readSnapshot(), [template]);
  expect(ret?.kpis).toHaveLength(3000);
  expect(ret?.kpis[2999].commentary.startsWith("2999 ")).toBe(true);
  // Only the first attempt, which Excel refuses, passes the limit; the parts read after it are under it.
  expect(fake.responses.filter((bytes) => bytes > RESPONSE_LIMIT)).toHaveLength(1);
  expect(fake.responses.length).toBeGreaterThan(3);
});

test("validation texts fit Excel's limits, and allowed values containing commas stay whole", async () => {
  const base = idva();
  const long = "A very long KPI label ".repeat(12);
  const template: KpiTemplate = {
    ...base,
    kpis: [{ ...base.kpis[0], label: long, guidance: long }, ...base.kpis.slice(1)],
  };
  await applyPlan(planNewReturn({ ...seedSetup(seed("idva")), template }));
  const table = fake.table("KpiReturn");
  if (!table) throw new Error("no table");
  let actual = table.left;
  while (table.sheet.peek(table.top, actual)?.value !== "Actual") actual += 1;
  const alert = table.sheet.peek(table.top + 1, actual)?.validation?.errorAlert as { message: string };
  expect(alert.message.length).toBeLessThanOrEqual(225);

  const step = {
    sheet: "KPIs",
    address: "H40",
    rule: { kind: "list" as const, values: ["Yes, fully", "No"] },
    alert: { title: "Not allowed", message: "Choose Yes, fully or No." },
  };
  await applyPlan({ ...emptyPlan(), validations: [step] });
  const validation = cellsOf(fake, "KPIs", "H40")[0][0].validation;
  expect(validation?.list).toBeUndefined();
  expect(validation?.rule).toEqual({ custom: { formula: '=OR(H40="Yes, fully",H40="No")' } });
  await applyPlan({
    ...emptyPlan(),
    validations: [{ ...step, rule: { kind: "list" as const, values: ["Yes", "No"] } }],
  });
  expect(cellsOf(fake, "KPIs", "H40")[0][0].validation?.list).toEqual(["Yes", "No"]);
});

test("nothing above the manifest's ExcelApi set is used without asking isSetSupported first", async () => {
  await newIdvaReturn();
  await applyPlan(
    planProviderInput(await readSnapshot(), { kpis: { [idva().kpis[0].id]: { commentary: "ok" } } }),
  );
  await applyHighlights(planAnnotations(await readSnapshot(), []));
  await readTableRows((await readSnapshot()).tables[0], [0, 1]);
  expect(fake.refusedMembers).toEqual([]);
});
