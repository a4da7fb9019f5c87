/** The ExcelJS executor: a new return and a provider's figures written to .xlsx and read back exactly. */
/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read --
   these tests inspect ExcelJS's in-memory cells, which the office-js rules mistake for Excel's. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { UserError } from "../../src/core/errors";
import { numberOf, parseCell } from "../../src/core/values";
import { builtInTemplates } from "../../src/templates";
import { seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import type { Return } from "../../src/core/types";
import {
  BUDGET_HEADERS,
  KPI_COLUMNS,
  KPI_HEADERS,
  METADATA_SHEET,
  NOTE_MARKER,
  combinePlans,
  planReturnState,
  readReturn,
  tableOf,
} from "../../src/workbook";
import { openXlsx, xlsxFromBuffer } from "../../src/workbook/xlsx";
import { blankReturn, filledReturn, rawWorkbook, seed } from "../support/excel-returns";

const errorsOf = (findings: readonly { severity: string }[]): unknown[] =>
  findings.filter((f) => f.severity === "error");

describe("a new return written to .xlsx", () => {
  test.each([
    ["idva", undefined],
    ["victim-advice-line", undefined],
    ["csp-budget", "Telford & Wrekin CSP"],
    ["roadpeace", undefined],
  ])("%s reads back as its template's return, with no structural findings", async (templateId, provider) => {
    const entry = seed(templateId, provider);
    const setup = seedSetup(entry);
    const wb = await blankReturn(entry);
    const { ret, template, findings } = readReturn(wb.snapshot(), builtInTemplates);
    expect(findings).toEqual([]);
    expect(template?.id).toBe(templateId);
    expect(ret).not.toBeNull();
    const r = ret as Return;
    expect(r).toMatchObject({ templateId, provider: entry.provider, period: entry.period, status: "draft" });
    expect(r.kpis.map((k) => k.kpiId)).toEqual(setup.template.kpis.map((k) => k.id));
    for (const k of r.kpis) {
      expect(numberOf(k.target)).toBe(setup.targets[k.kpiId] ?? null);
      expect(numberOf(k.previous)).toBe(setup.previous[k.kpiId] ?? null);
      expect(numberOf(k.lastYear)).toBe(setup.lastYear[k.kpiId] ?? null);
      expect(k.actual.kind).toBe("blank");
    }
    expect(r.budget.map((b) => b.lineId)).toEqual(setup.template.budgetLines.map((l) => l.id));
    for (const b of r.budget) expect(numberOf(b.awarded)).toBe(setup.awarded[b.lineId] ?? null);
  });

  test("tables carry the contract's exact names and headers, on their own sheets", async () => {
    const snapshot = (await blankReturn(seed("csp-budget", "Shropshire CSP"))).snapshot();
    expect(tableOf(snapshot, "KpiReturn")?.headers).toEqual(KPI_HEADERS);
    expect(tableOf(snapshot, "BudgetReturn")?.headers).toEqual(BUDGET_HEADERS);
    expect(tableOf(snapshot, "KpiReturn")?.sheet).not.toBe(tableOf(snapshot, "BudgetReturn")?.sheet);
    expect(snapshot.tables.map((t) => t.name).sort()).toEqual(["BudgetReturn", "KpiReturn"]);
  });

  test("computed columns hold live formulas with structured references, inputs hold none", async () => {
    const table = tableOf((await blankReturn(seed("idva"))).snapshot(), "KpiReturn");
    if (!table) throw new Error("no KpiReturn table");
    const col = (h: string): number => table.headers.indexOf(h);
    for (const row of table.formulas) {
      for (const h of [
        "Variance",
        "Variance %",
        "Change vs previous quarter",
        "Change vs same quarter last year",
        "RAG",
      ]) {
        expect(String(row[col(h)])).toMatch(/^=.*KpiReturn\[\[#This Row\],\[/);
      }
      expect(row[col(KPI_COLUMNS.actual)]).toBeNull();
    }
  });

  test("metadata sheet is very hidden and protected; input cells unlocked, computed cells locked", async () => {
    const raw = await rawWorkbook(await blankReturn(seed("idva")));
    const meta = raw.getWorksheet(METADATA_SHEET);
    expect(meta?.state).toBe("veryHidden");
    const protectedSheet = (name: string): boolean =>
      Boolean(
        (raw.getWorksheet(name) as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection
          ?.sheet,
      );
    expect(protectedSheet(METADATA_SHEET)).toBe(true);
    expect(protectedSheet("KPIs")).toBe(true);
    const ws = raw.getWorksheet("KPIs");
    if (!ws) throw new Error("no KPIs sheet");
    const actual = ws.getCell("G6");
    const commentary = ws.getCell("H6");
    const variance = ws.getCell("I6");
    const target = ws.getCell("D6");
    expect(actual.protection?.locked).toBe(false);
    expect(commentary.protection?.locked).toBe(false);
    expect(variance.protection?.locked).not.toBe(false);
    expect(target.protection?.locked).not.toBe(false);
  });

  test("en-GB number formats, data validation with the KPI's guidance, widths", async () => {
    const entry = seed("idva");
    const template = seedSetup(entry).template;
    const raw = await rawWorkbook(await blankReturn(entry));
    const ws = raw.getWorksheet("KPIs");
    if (!ws) throw new Error("no KPIs sheet");
    template.kpis.forEach((kpi, i) => {
      const actual = ws.getCell(6 + i, KPI_HEADERS.indexOf("Actual") + 1);
      expect(actual.numFmt).toBe(kpi.unit === "percent" ? "0.0%" : "#,##0");
      const dv = actual.dataValidation;
      expect(dv.type).toBe(kpi.unit === "count" ? "whole" : "decimal");
      expect(dv.prompt).toBe(kpi.guidance.slice(0, 255));
      expect(dv.errorStyle).toBe("stop");
      expect(dv.showErrorMessage).toBe(true);
      expect(dv.formulae?.[0]).toBe(kpi.min ?? 0);
    });
    expect(ws.getCell("D3").numFmt).toBe("dd/mm/yyyy");
    // Written as Excel's serial day with a date format, so ExcelJS reads it back as the date: Q2 starts 1 July.
    expect(ws.getCell("D3").value).toEqual(new Date(Date.UTC(2022, 6, 1)));
    expect(ws.getCell("F3").value).toEqual(new Date(Date.UTC(2022, 8, 30)));
    expect(ws.getColumn("B").width).toBeGreaterThan(30);
    const budget = raw.getWorksheet("Budget");
    expect(budget?.getCell("C6").numFmt).toBe("£#,##0");
    expect(budget?.getCell("F6").numFmt).toBe("0.0%");
  });
});

describe("a provider's figures written into a return", () => {
  test("actuals and commentaries read back as typed (numbers out of text written as numbers)", async () => {
    const entry = seed("idva");
    const { ret, findings } = readReturn((await filledReturn(entry)).snapshot(), builtInTemplates);
    expect(errorsOf(findings)).toEqual([]);
    const input = seedInput(entry);
    for (const k of ret?.kpis ?? []) {
      const typed = input.kpis[k.kpiId];
      expect(numberOf(k.actual)).toBe(numberOf(parseCell(typed?.actual ?? null)));
      expect(k.commentary).toBe(typed?.commentary ?? "");
    }
  });

  test('Telford\'s "£135, 640" is written as 135640 with a note saying how it was read', async () => {
    const wb = await filledReturn(seed("csp-budget", "Telford & Wrekin CSP"));
    const { ret } = readReturn(wb.snapshot(), builtInTemplates);
    expect(numberOf(ret?.budget[0].spentToDate ?? { kind: "blank" })).toBe(135640);
    const note = (await rawWorkbook(wb)).getWorksheet("Budget")?.getCell("D6").note;
    expect(String(note)).toContain(NOTE_MARKER);
    expect(String(note)).toContain('"£135, 640"');
    expect(String(note)).toContain("135640");
  });

  test("an unknown KPI id in the input is a plain error naming it", async () => {
    const wb = await blankReturn(seed("idva"));
    const { planProviderInput } = await import("../../src/workbook");
    expect(() => planProviderInput(wb.snapshot(), { kpis: { "no-such-kpi": { actual: 1 } } })).toThrow(
      /"no-such-kpi".*KpiReturn/,
    );
  });
});

describe("return state in the metadata", () => {
  test("status, approval, overrides, history and returned reasons survive a save; issued figures are kept", async () => {
    const entry = seed("victim-advice-line");
    const wb = await filledReturn(entry);
    const read = readReturn(wb.snapshot(), builtInTemplates);
    const approved: Return = {
      ...(read.ret as Return),
      status: "approved",
      approval: { by: "A. Officer", at: "2022-10-20T10:00:00Z", hash: "ab".repeat(32), comment: "Fine" },
      overrides: [
        {
          ruleId: "PREV-CHANGE-Q",
          subject: "referrals",
          reason: "IT outage",
          by: "A. Officer",
          at: "2022-10-20T09:00:00Z",
        },
      ],
      // The history bears the status out: the reader believes the steps recorded, not the status cell alone.
      history: [
        { from: "draft", to: "submitted", by: "VAL", at: "2022-10-10T09:00:00Z" },
        { from: "submitted", to: "approved", by: "A. Officer", at: "2022-10-20T10:00:00Z" },
      ],
      returnedReasons: ["Explain the fall in referrals"],
    };
    wb.apply(planReturnState(approved));
    const again = await xlsxFromBuffer(await wb.toBuffer());
    const back = readReturn(again.snapshot(), builtInTemplates);
    expect(back.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(back.ret).toMatchObject({
      status: "approved",
      approval: approved.approval,
      overrides: approved.overrides,
      history: approved.history,
      returnedReasons: approved.returnedReasons,
    });
    expect(again.snapshot().metadata?.issued).toBe(wb.snapshot().metadata?.issued);
    expect((await rawWorkbook(again)).getWorksheet("KPIs")?.getCell("D2").value).toBe(
      "Approved by A. Officer on 20/10/2022",
    );
    // Voiding the approval removes it from the metadata rather than leaving a stale record.
    const voided: Return = {
      ...approved,
      status: "draft",
      approval: undefined,
      returnedReasons: undefined,
      history: [
        ...approved.history,
        { from: "approved", to: "draft", by: "A. Officer", at: "2022-10-21T09:00:00Z" },
      ],
    };
    again.apply(planReturnState(voided));
    const third = readReturn((await xlsxFromBuffer(await again.toBuffer())).snapshot(), builtInTemplates);
    expect(third.ret?.approval).toBeUndefined();
    expect(third.ret?.returnedReasons).toBeUndefined();
    expect(third.ret?.status).toBe("draft");
  });

  test("a history longer than one cell holds is split over rows and joined again", async () => {
    const wb = await blankReturn(seed("idva"));
    const ret = readReturn(wb.snapshot(), builtInTemplates).ret as Return;
    const history = Array.from({ length: 600 }, (_, i) => ({
      from: "submitted" as const,
      to: "returned" as const,
      by: `Officer ${i}`,
      at: "2022-10-20T10:00:00Z",
      note: "x".repeat(60),
    }));
    expect(JSON.stringify(history).length).toBeGreaterThan(32767);
    wb.apply(combinePlans(planReturnState({ ...ret, history })));
    const back = readReturn((await xlsxFromBuffer(await wb.toBuffer())).snapshot(), builtInTemplates);
    expect(back.ret?.history).toEqual(history);
  });
});

describe("tampering found in a saved file", () => {
  test("a computed cell overwritten with a number is reported at its cell", async () => {
    const wb = await filledReturn(seed("idva"));
    wb.apply({ ...combinePlans(), cells: [{ sheet: "KPIs", address: "I6", values: [[12]] }] });
    const snapshot = (await xlsxFromBuffer(await wb.toBuffer())).snapshot();
    const { findings } = readReturn(snapshot, builtInTemplates);
    const tampered = findings.filter((f) => f.ruleId === "FORMULA-OVERWRITTEN");
    expect(tampered).toHaveLength(1);
    expect(tampered[0]).toMatchObject({
      severity: "error",
      kpiId: "referrals",
      location: { table: "KpiReturn", row: 0, column: "Variance" },
    });
    expect(tampered[0].message).toContain("KPIs!I6");
  });

  test("a changed target is reported against the figure issued", async () => {
    const wb = await filledReturn(seed("idva"));
    wb.apply({ ...combinePlans(), cells: [{ sheet: "KPIs", address: "D7", values: [[0.5]] }] });
    const { findings } = readReturn((await xlsxFromBuffer(await wb.toBuffer())).snapshot(), builtInTemplates);
    const changed = findings.filter((f) => f.ruleId === "ISSUED-FIGURE-CHANGED");
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({
      kpiId: "contacted-48h",
      location: { table: "KpiReturn", row: 1, column: "Target" },
    });
  });
});

describe("opening files", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "kpi-xlsx-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test("save and open round trip through a real file", async () => {
    const file = path.join(dir, "idva.xlsx");
    await (await filledReturn(seed("idva"))).save(file);
    const { ret } = readReturn((await openXlsx(file)).snapshot(), builtInTemplates);
    expect(ret?.kpis[0].kpiId).toBe("referrals");
  });

  test.each([
    ["a missing file", "missing.xlsx", null, /Could not open ".*missing\.xlsx": no such file/],
    [
      "a CSV named .xlsx",
      "figures.xlsx",
      "KPI,Actual\nreferrals,492\n",
      /"[^"]*figures\.xlsx" is not an Excel \.xlsx workbook/,
    ],
    [
      "a damaged zip",
      "damaged.xlsx",
      "PK\u0003\u0004 not really a zip",
      /"[^"]*damaged\.xlsx" could not be read as an Excel workbook/,
    ],
  ])("%s is a UserError naming the file", async (_what, name, content, message) => {
    const file = path.join(dir, name);
    if (content !== null) await fs.writeFile(file, content);
    const err = await openXlsx(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(message);
    expect((err as UserError).message).not.toMatch(/\n\s+at /);
  });

  test("saving into a folder that does not exist is a UserError naming the path", async () => {
    const file = path.join(dir, "no", "such", "folder", "x.xlsx");
    const err = await (await blankReturn(seed("idva"))).save(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain(file);
  });
});
