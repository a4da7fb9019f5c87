/** The template workbook: every built-in template survives export and check unchanged, and each kind of mistake is named by its cell. */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import {
  BUDGET_LINES_SHEET_FIELDS,
  KPIS_SHEET_FIELDS,
  RULES_SHEET_FIELDS,
  TEMPLATE_ROWS,
} from "../../src/core/template-sheets";
import { problemText, templateFromSheets } from "../../src/core/template-sheets-read";
import { uncarriedFields } from "../../src/core/template-sheets-write";
import { KPI_FIELDS, TEMPLATE_FIELDS } from "../../src/core/template-vocabulary";
import { builtInTemplates, findTemplate } from "../../src/templates";
import { templateGridFromBuffer, templateWorkbookBuffer } from "../../src/workbook/template-xlsx";
import { testIo, tempDir } from "../cli/support";

describe("template workbook round trip", () => {
  it.each(builtInTemplates.map((t) => [t.id, t] as const))(
    "%s: export then check gives back exactly the same template",
    async (_id, template) => {
      const bytes = await templateWorkbookBuffer(template);
      const read = templateFromSheets(await templateGridFromBuffer(bytes, "t.xlsx"), "t.xlsx");
      expect(read.problems.map(problemText)).toEqual([]);
      // JSON text, not toEqual: a field present as undefined, or in another order, would be a difference too.
      expect(JSON.stringify(read.template)).toBe(JSON.stringify(template));
    },
  );

  it("carries every field a template's JSON may have", () => {
    // "$schema" is an editor's hint, not the template's: the workbook does not carry it, on purpose.
    const notCarried = ["$schema"];
    const top = new Set(TEMPLATE_ROWS.map((f) => f.key.split(".")[0]));
    for (const key of TEMPLATE_FIELDS) {
      if (notCarried.includes(key)) continue;
      if (["kpis", "rules", "budgetLines"].includes(key)) continue;
      expect(top.has(key) ? key : `template field "${key}" has no row`).toBe(key);
    }
    const kpi = new Set(KPIS_SHEET_FIELDS.map((f) => f.key.split(".")[0]));
    for (const key of KPI_FIELDS) expect(kpi.has(key) ? key : `KPI field "${key}" has no column`).toBe(key);
    expect(RULES_SHEET_FIELDS.map((f) => f.key)).toEqual([
      "id",
      "kind",
      "severity",
      "left",
      "op",
      "right",
      "parts",
      "total",
      "message",
    ]);
    // Each field once: a second row or column for the same field would be read over the first, silently.
    for (const fields of [TEMPLATE_ROWS, KPIS_SHEET_FIELDS, RULES_SHEET_FIELDS, BUDGET_LINES_SHEET_FIELDS]) {
      const keys = fields.map((f) => f.key);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    }
    expect(BUDGET_LINES_SHEET_FIELDS.map((f) => f.key)).toEqual([
      "id",
      "label",
      "profile.0",
      "profile.1",
      "profile.2",
      "profile.3",
    ]);
  });

  it("refuses to export a template with a field it cannot hold, rather than drop it", async () => {
    const idva = findTemplate("idva")!;
    const extended = { ...idva, kpis: [{ ...idva.kpis[0], sparkle: "x" }, ...idva.kpis.slice(1)] };
    expect(uncarriedFields(extended)).toEqual(["kpis.sparkle"]);
    await expect(templateWorkbookBuffer(extended)).rejects.toThrow(/cannot hold yet \(kpis\.sparkle\)/);
  });
});

describe("kpi-returns template export and check", () => {
  const dir = tempDir("kpi-template-");
  const file = path.join(dir, "idva.xlsx");

  beforeAll(async () => {
    const io = testIo(dir);
    expect(await main(["template", "export", "idva@1.0.0", "-o", "idva.xlsx"], io)).toBe(ExitCode.ok);
    expect(io.stdout()).toContain(
      'Wrote idva.xlsx: template "idva" version 1.0.0 (6 KPIs, 2 rules, 1 budget lines)',
    );
  });

  it("writes the workbook in the return's style: validation lists, guidance prompts, protected headings", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Template", "KPIs", "Rules", "Budget lines"]);
    const kpis = wb.getWorksheet("KPIs")!;
    expect(kpis.getCell("D5").value).toBe("Unit");
    expect(kpis.getCell("D6").value).toBe("count");
    expect(kpis.getCell("D6").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"count,percent,currency,number,days"'],
      showInputMessage: true,
    });
    expect(kpis.getCell("E6").dataValidation).toMatchObject({ type: "list", formulae: ['"yes,no"'] });
    expect(kpis.getCell("G6").dataValidation).toMatchObject({ type: "decimal" });
    expect(String(kpis.getCell("D4").value)).toMatch(/count, percent/);
    expect((kpis as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(kpis.getCell("D5").protection?.locked).not.toBe(false);
    expect(kpis.getCell("D6").protection?.locked).toBe(false);
    const rules = wb.getWorksheet("Rules")!;
    expect(rules.getCell("C6").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"error,query,info"'],
    });
  });

  it("check --json prints the template read", async () => {
    const io = testIo(dir);
    expect(await main(["template", "check", "idva.xlsx", "--json"], io)).toBe(ExitCode.ok);
    expect(JSON.parse(io.stdout())).toEqual(JSON.parse(JSON.stringify(findTemplate("idva"))));
  });

  async function edited(
    name: string,
    edits: Record<string, Record<string, ExcelJS.CellValue>>,
  ): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const [sheet, cells] of Object.entries(edits)) {
      for (const [cell, value] of Object.entries(cells)) wb.getWorksheet(sheet)!.getCell(cell).value = value;
    }
    const out = path.join(dir, name);
    await wb.xlsx.writeFile(out);
    return name;
  }

  async function problems(name: string): Promise<string[]> {
    const io = testIo(dir);
    expect(await main(["template", "check", name], io)).toBe(ExitCode.badInput);
    const lines = io.stderr().trim().split("\n");
    expect(lines.pop()).toMatch(/problems? in the template workbook/);
    return lines.map((l) => l.replace(/^kpi-returns: /, "").replace(`${name}: `, ""));
  }

  it("names each kind of problem by sheet and cell, exit 2", async () => {
    const name = await edited("bad.xlsx", {
      Template: { B7: "1.0", B9: "" },
      KPIs: {
        D7: "people",
        A8: "Contacted 72h",
        A9: "referrals",
        E10: "maybe",
        H7: -1,
        J6: "0, x",
        B11: "=SUM(1)",
      },
      Rules: { D6: "nonsense", C7: "warning" },
      "Budget lines": { C6: 0.5 },
    });
    expect(await problems(name)).toEqual([
      'Template!B7: version "1.0" is not a version number like "1.0.0".',
      "Template!B9: Service area is required.",
      'KPIs!J6: Allowed values "x" is not a number (separate the values with commas).',
      'KPIs!D7: unit "people" is not one of count, percent, currency, number, days',
      "KPIs!H7: max -1 is below min 0.",
      'KPIs!A8: KPI id "Contacted 72h" must be lower-case letters, digits and hyphens (e.g. "volunteers").',
      'KPIs!A9: KPI id "referrals" is already used in row 6; each needs its own.',
      'KPIs!E10: Required "maybe" must be yes or no.',
      'KPIs!B11: Label starts with "=", which Excel would take for a formula; reword it.',
      'Rules!D6: "nonsense" is not a KPI id on the KPIs sheet.',
      'Rules!C7: severity "warning" is not one of error, query, info',
      // The rule's KPI was the one whose id row 9 overwrote: the rule is now dangling, and says so.
      'Rules!F7: "ypidva-referrals" is not a KPI id on the KPIs sheet.',
      "Budget lines!C6: fill in all four profile quarters, or none for a straight line.",
    ]);
  });

  it("says when a rule names fields of the other kind, or a heading was changed", async () => {
    const name = await edited("bad-rule.xlsx", { Rules: { B6: "sum" }, "Budget lines": { B5: "Name" } });
    expect(await problems(name)).toEqual([
      "Rules!D6: Left KPI is only for compare rules; clear it.",
      "Rules!E6: Op is only for compare rules; clear it.",
      "Rules!F6: Right KPI is only for compare rules; clear it.",
      "Rules!G6: a sum rule needs Parts.",
      "Rules!H6: a sum rule needs Total KPI.",
      'Budget lines!B5: the heading should be "Label", not "Name"; the sheet is read by column, so put it back.',
    ]);
  });

  it("refuses a file that is not a workbook with one plain line", async () => {
    await fs.writeFile(path.join(dir, "not.xlsx"), "hello");
    const io = testIo(dir);
    expect(await main(["template", "check", "not.xlsx"], io)).toBe(ExitCode.badInput);
    expect(io.stderr().trim()).toBe('kpi-returns: "not.xlsx" is not an Excel .xlsx workbook.');
  });
});
