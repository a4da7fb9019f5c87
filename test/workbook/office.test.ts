/**
 * The office-js executor on the fake Excel: what it writes and reads, and the round trips it costs. Reading and
 * applying must each take at most 2 context.sync calls, at 10 KPI rows as at 1,000, with calculation suspended while
 * writing and no request over Excel on the web's 5 MB limit.
 */
import { builtInTemplates } from "../../src/templates";
import { seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import type { Finding } from "../../src/core/types";
import { UserError } from "../../src/core/errors";
import {
  planAnnotations,
  planNewReturn,
  planProviderInput,
  planReturnState,
  readReturn,
  type WorkbookPlan,
} from "../../src/workbook";
import { applyPlan, readSnapshot, selectCell } from "../../src/workbook/office";
import { blankReturn, seed, syntheticSetup, syntheticTemplate } from "../support/excel-returns";
import { FakeWorkbook, REQUEST_LIMIT, cellsOf } from "../support/fake-excel";
import { fakeExcelEachTest } from "../support/fake-excel-each";

let fake: FakeWorkbook;
fakeExcelEachTest((made) => (fake = made));

/** Applies a plan and returns the syncs it cost. */
async function syncsFor(run: () => Promise<unknown>): Promise<number> {
  fake.resetCounts();
  await run();
  return fake.syncs;
}

describe("the fake holds code to office-js's rules", () => {
  test("reading a property that was not loaded and synced throws", async () => {
    await applyPlan(planNewReturn(seedSetup(seed("idva"))));
    await expect(
      Excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem("KPIs").getRange("A5");
        // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- the mistake under test
        return range.values;
      }),
    ).rejects.toThrow(/not available.*load/);
    await expect(
      Excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem("KPIs").getRange("A5").load("values");
        const early = (): unknown => range.values;
        expect(early).toThrow(/not available/);
        await context.sync();
        return range.values;
      }),
    ).resolves.toEqual([["KPI ID"]]);
  });

  test("writing a locked cell on a protected sheet fails, as in Excel", async () => {
    await applyPlan(planNewReturn(seedSetup(seed("idva"))));
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("KPIs").getRange("I6").values = [[1]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });
});

describe("a new return applied in Excel", () => {
  test("two syncs, calculation suspended, tables and protection as the contract says", async () => {
    const syncs = await syncsFor(() =>
      applyPlan(planNewReturn(seedSetup(seed("csp-budget", "Telford & Wrekin CSP")))),
    );
    expect(syncs).toBe(2);
    expect(fake.calculationSuspended).toEqual([false, true]);
    expect(fake.tables.map((t) => t.name).sort()).toEqual(["BudgetReturn", "KpiReturn"]);
    expect(fake.sheet("KpiReturnsMetadata")).toMatchObject({ visibility: "VeryHidden", protected: true });
    expect(fake.sheet("KPIs")?.protected).toBe(true);
    expect(fake.sheet("Budget")?.protected).toBe(true);
    const [[awarded, spent, , utilisation]] = cellsOf(fake, "Budget", "C6:F6");
    expect(awarded).toMatchObject({ value: 158934, numberFormat: "£#,##0", locked: true });
    expect(spent).toMatchObject({ locked: false, fill: "#FFF2CC" });
    // From £0 to the limit of any plausible sum: Excel refuses 1e308 typed in, as core never believes it.
    expect(spent.validation?.rule).toEqual({ decimal: { formula1: 0, formula2: 1e11, operator: "Between" } });
    expect(spent.validation?.errorAlert).toMatchObject({ showAlert: true, style: "Stop" });
    expect(utilisation.formula).toMatch(/^=IF\(/);
    expect(fake.activeSheet).toBe("KPIs");
  });

  test("what Excel holds reads back exactly as the .xlsx file does", async () => {
    const entry = seed("idva");
    await applyPlan(planNewReturn(seedSetup(entry)));
    const inExcel = await readSnapshot();
    const inFile = (await blankReturn(entry)).snapshot();
    expect(inExcel.tables).toEqual(inFile.tables);
    expect(inExcel.metadata).toEqual(inFile.metadata);
    expect(readReturn(inExcel, builtInTemplates)).toEqual(readReturn(inFile, builtInTemplates));
  });

  test("a second new return into the same workbook is refused in plain words", async () => {
    await applyPlan(planNewReturn(seedSetup(seed("idva"))));
    const err = await applyPlan(planNewReturn(seedSetup(seed("idva")))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/already has a KpiReturn table/);
  });
});

describe("round trips stay constant with size", () => {
  test.each([10, 1000])(
    "%i KPI rows: read 2, new return 2, provider input 2, state 2, annotations 2",
    async (rows) => {
      const template = syntheticTemplate(rows, 3);
      const setup = syntheticSetup(template);
      expect(await syncsFor(() => applyPlan(planNewReturn(setup)))).toBe(2);
      let snapshot = await readSnapshot();
      expect(await syncsFor(() => readSnapshot())).toBe(2);
      expect(snapshot.tables.find((t) => t.name === "KpiReturn")?.values).toHaveLength(rows);
      const input = {
        kpis: Object.fromEntries(template.kpis.map((k, i) => [k.id, { actual: i, commentary: `Row ${i}` }])),
      };
      expect(await syncsFor(() => applyPlan(planProviderInput(snapshot, input)))).toBe(2);
      snapshot = await readSnapshot();
      const { ret } = readReturn(snapshot, [template]);
      if (!ret) throw new Error("no return read");
      expect(ret.kpis.map((k) => k.commentary)).toEqual(template.kpis.map((_, i) => `Row ${i}`));
      expect(await syncsFor(() => applyPlan(planReturnState({ ...ret, status: "submitted" })))).toBe(2);
      const findings: Finding[] = ret.kpis.map((k) => ({
        ruleId: "PREV-CHANGE-Q",
        severity: "query",
        message: `Check ${k.kpiId}`,
        kpiId: k.kpiId,
        location: { table: "KpiReturn", row: k.row, column: "Actual" },
      }));
      expect(await syncsFor(() => applyPlan(planAnnotations(snapshot, findings)))).toBe(2);
      expect(fake.notes).toHaveLength(rows);
      expect(fake.calculationSuspended.every((s, i) => s === i > 0)).toBe(true);
    },
  );

  test("a plan past the 5 MB request limit is split, and only then", async () => {
    const template = syntheticTemplate(1000, 1);
    await applyPlan(planNewReturn(syntheticSetup(template)));
    const snapshot = await readSnapshot();
    // 1,000 commentaries of 8,000 characters: about 8 MB of text.
    const input = {
      kpis: Object.fromEntries(
        template.kpis.map((k, i) => [k.id, { commentary: `${i} ` + "x".repeat(8000) }]),
      ),
    };
    const syncs = await syncsFor(() => applyPlan(planProviderInput(snapshot, input)));
    expect(syncs).toBeGreaterThan(2);
    expect(Math.max(...fake.requests)).toBeLessThanOrEqual(REQUEST_LIMIT);
    expect(fake.calculationSuspended.slice(1).every(Boolean)).toBe(true);
    const { ret } = readReturn(await readSnapshot(), [template]);
    expect(ret?.kpis[999].commentary.startsWith("999 ")).toBe(true);
    expect(ret?.kpis[999].commentary).toHaveLength(8004);
  });
});

describe("provider input and state in Excel", () => {
  test('Telford\'s "£135, 640" is written as 135640 with a note, and state lands in the metadata', async () => {
    const entry = seed("csp-budget", "Telford & Wrekin CSP");
    await applyPlan(planNewReturn(seedSetup(entry)));
    await applyPlan(planProviderInput(await readSnapshot(), seedInput(entry)));
    const [[spent]] = cellsOf(fake, "Budget", "D6");
    expect(spent.value).toBe(135640);
    expect(fake.notes.map((n) => n.content)).toEqual([
      expect.stringMatching(/^KPI Returns: Budget!D6\ntyped "£135, 640", read as 135640/),
    ]);
    const { ret } = readReturn(await readSnapshot(), builtInTemplates);
    if (!ret) throw new Error("no return");
    await applyPlan(
      planReturnState({
        ...ret,
        status: "returned",
        returnedReasons: ["Spend is ahead of profile"],
        // The history bears the status out: the reader believes the steps recorded, not the status cell alone.
        history: [
          { from: "draft", to: "submitted", by: "Telford & Wrekin CSP", at: "2022-10-12T09:00:00Z" },
          { from: "submitted", to: "returned", by: "A. Officer", at: "2022-10-14T10:00:00Z" },
        ],
      }),
    );
    const back = readReturn(await readSnapshot(), builtInTemplates);
    expect(back.ret).toMatchObject({ status: "returned", returnedReasons: ["Spend is ahead of profile"] });
    expect(back.findings).toEqual([]);
    expect(cellsOf(fake, "Budget", "D2")[0][0].value).toBe("Returned to you: Spend is ahead of profile");
    expect(fake.sheet("KpiReturnsMetadata")?.protected).toBe(true);
  });

  test("a deleted sheet is a plain error, not an Excel exception", async () => {
    const entry = seed("idva");
    await applyPlan(planNewReturn(seedSetup(entry)));
    const snapshot = await readSnapshot();
    fake.sheets.splice(
      fake.sheets.findIndex((s) => s.name === "Budget"),
      1,
    );
    const plan: WorkbookPlan = planProviderInput(snapshot, { budget: { grant: { spentToDate: 5 } } });
    const err = await applyPlan(plan).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/no sheet "Budget"/);
  });
});

describe("Go to", () => {
  beforeEach(async () => {
    await applyPlan(planNewReturn(seedSetup(seed("idva"))));
  });
  test("selects the finding's cell, its column header, or its row, in one sync", async () => {
    expect(await syncsFor(() => selectCell({ table: "KpiReturn", row: 2, column: "Actual" }))).toBe(1);
    expect(fake.selection).toEqual({ sheet: "KPIs", address: "KPIs!G8" });
    await selectCell({ table: "KpiReturn", column: "RAG" });
    expect(fake.selection?.address).toBe("KPIs!M5");
    await selectCell({ table: "BudgetReturn", row: 0 });
    expect(fake.selection).toEqual({ sheet: "Budget", address: "Budget!A6:K6" });
    expect(fake.activeSheet).toBe("Budget");
  });
  test("metadata and vanished cells are plain errors", async () => {
    await expect(selectCell({ table: "Metadata", column: "status" })).rejects.toThrow(UserError);
    await expect(selectCell({ table: "KpiReturn", row: 0, column: "No such column" })).rejects.toThrow(
      /no longer in the workbook/,
    );
  });
});
