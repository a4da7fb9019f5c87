/**
 * The plan for a new, blank return for one provider and quarter, laid out from its KPI template: its sheets and
 * tables, formats, data validation, protection, frozen headers and metadata (state and the figures issued).
 */
import { UserError } from "../core/errors";
import { parsePeriod } from "../core/period";
import { rangeAddress } from "./a1";
import {
  BUDGET_HEADERS,
  BUDGET_SHEET,
  BUDGET_TABLE,
  COLOURS,
  KPI_HEADERS,
  KPI_SHEET,
  KPI_TABLE,
  META,
  METADATA_SHEET,
  TABLE_HEADER_ROW,
} from "./contract";
import { FORMULA_VERSION } from "./formulas";
import { encodeState } from "./metadata";
import { emptyPlan, type WorkbookPlan } from "./plan";
import { issuedFigures, type ReturnSetup } from "./return-setup";
import { budgetSheet, kpiSheet } from "./return-sheets";
import type { SheetParts } from "./table-sheet";

/** A new, blank return for one provider and quarter, laid out from its KPI template. */
export function planNewReturn(setup: ReturnSetup): WorkbookPlan {
  const period = parsePeriod(setup.period);
  if (setup.provider.trim() === "")
    throw new UserError("A new return needs the provider's name.", "provider");
  const { template } = setup;
  if (template.kpis.length === 0 && template.budgetLines.length === 0) {
    throw new UserError(
      `Template "${template.id}" has no KPIs and no budget lines, so there is nothing to return.`,
    );
  }
  const plan = emptyPlan();
  const sheets: SheetParts[] = [];
  const sheetSteps: WorkbookPlan["sheets"][number][] = [];
  const tables: WorkbookPlan["tables"][number][] = [];
  if (template.kpis.length > 0) {
    sheets.push(kpiSheet(setup, period.quarter));
    sheetSteps.push({ name: KPI_SHEET, visibility: "visible", tabColour: COLOURS.header });
    tables.push({
      sheet: KPI_SHEET,
      name: KPI_TABLE,
      address: rangeAddress(TABLE_HEADER_ROW, 1, TABLE_HEADER_ROW + template.kpis.length, KPI_HEADERS.length),
      headers: KPI_HEADERS,
      style: "TableStyleLight9",
    });
  }
  if (template.budgetLines.length > 0) {
    sheets.push(budgetSheet(setup, period.quarter));
    sheetSteps.push({ name: BUDGET_SHEET, visibility: "visible", tabColour: COLOURS.header });
    tables.push({
      sheet: BUDGET_SHEET,
      name: BUDGET_TABLE,
      address: rangeAddress(
        TABLE_HEADER_ROW,
        1,
        TABLE_HEADER_ROW + template.budgetLines.length,
        BUDGET_HEADERS.length,
      ),
      headers: BUDGET_HEADERS,
      style: "TableStyleLight9",
    });
  }
  sheetSteps.push({ name: METADATA_SHEET, visibility: "veryHidden" });
  const previousSpent: Record<string, number> = { ...(setup.previousSpent ?? {}) };
  const metadata = {
    ...encodeState({
      templateId: template.id,
      templateVersion: template.version,
      provider: setup.provider.trim(),
      period: setup.period.trim(),
      status: "draft",
      overrides: [],
      history: [],
      previousSpent,
    }),
    [META.issued]: JSON.stringify(issuedFigures(setup)),
    [META.formulas]: FORMULA_VERSION,
  };
  return {
    ...plan,
    sheets: sheetSteps,
    tables,
    cells: sheets.flatMap((s) => s.cells),
    numberFormats: sheets.flatMap((s) => s.numberFormats),
    formats: sheets.flatMap((s) => s.formats),
    validations: sheets.flatMap((s) => s.validations),
    widths: sheets.flatMap((s) => s.widths),
    freezes: tables.map((t) => ({ sheet: t.sheet, rows: TABLE_HEADER_ROW })),
    protection: [
      ...tables.map((t) => ({ sheet: t.sheet, protect: true })),
      { sheet: METADATA_SHEET, protect: true },
    ],
    metadata,
    activate: tables[0].sheet,
  };
}
