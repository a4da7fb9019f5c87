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
  // Each table on its own visible sheet, its range the header row and one row per KPI or budget line.
  const addTable = (
    sheet: string,
    name: string,
    headers: readonly string[],
    rows: number,
    parts: SheetParts,
  ) => {
    sheets.push(parts);
    sheetSteps.push({ name: sheet, visibility: "visible", tabColour: COLOURS.header });
    const address = rangeAddress(TABLE_HEADER_ROW, 1, TABLE_HEADER_ROW + rows, headers.length);
    tables.push({ sheet, name, address, headers, style: "TableStyleLight9" });
  };
  const { kpis, budgetLines } = template;
  if (kpis.length > 0)
    addTable(KPI_SHEET, KPI_TABLE, KPI_HEADERS, kpis.length, kpiSheet(setup, period.quarter));
  if (budgetLines.length > 0) {
    addTable(
      BUDGET_SHEET,
      BUDGET_TABLE,
      BUDGET_HEADERS,
      budgetLines.length,
      budgetSheet(setup, period.quarter),
    );
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
