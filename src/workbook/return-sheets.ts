/**
 * The two sheets of a new return: the KPI sheet (issued figures, the Actual and Commentary to type, five computed
 * columns, number formats by each KPI's unit) and the budget sheet (award, spend to type, six computed columns).
 */
import type { KpiDefinition } from "../core/types";
import { rangeAddress } from "./a1";
import {
  BUDGET_COLUMNS,
  BUDGET_COMPUTED_COLUMNS,
  BUDGET_INPUT_COLUMNS,
  BUDGET_SHEET,
  KPI_COLUMNS,
  KPI_COMPUTED_COLUMNS,
  KPI_HEADERS,
  KPI_INPUT_COLUMNS,
  KPI_SHEET,
  TABLE_HEADER_ROW,
} from "./contract";
import { budgetFormulas, kpiFormulas } from "./formulas";
import { budgetValidation, validationFor } from "./input-validation";
import { FORMATS, numberFormatFor, signedFormat } from "./looks";
import type { ReturnSetup } from "./return-setup";
import { tableSheet, type SheetParts } from "./table-sheet";

const KPI_WIDTHS: Record<keyof typeof KPI_COLUMNS, number> = {
  id: 16,
  label: 46,
  unit: 10,
  target: 11,
  previous: 12,
  lastYear: 14,
  actual: 11,
  commentary: 46,
  variance: 11,
  variancePct: 11,
  changeVsPrevious: 15,
  changeVsLastYear: 17,
  rag: 8,
};

const BUDGET_WIDTHS: Record<keyof typeof BUDGET_COLUMNS, number> = {
  id: 16,
  label: 40,
  awarded: 12,
  spentToDate: 12,
  commentary: 46,
  utilisation: 11,
  expectedUtilisation: 12,
  varianceVsProfile: 13,
  forecastOutturn: 12,
  forecastVariance: 12,
  rag: 8,
};

/** Each KPI row's number formats from Target to RAG, by column: rows differ by unit. */
function kpiNumberFormats(setup: ReturnSetup, kpi: KpiDefinition): string[] {
  const unit = numberFormatFor(kpi.unit, setup.template.percentScale, kpi.integer);
  const change = kpi.unit === "percent" ? FORMATS.signedPoints : FORMATS.signedPercent;
  const byHeader: Record<string, string> = {
    [KPI_COLUMNS.target]: unit,
    [KPI_COLUMNS.previous]: unit,
    [KPI_COLUMNS.lastYear]: unit,
    [KPI_COLUMNS.actual]: unit,
    [KPI_COLUMNS.commentary]: FORMATS.text,
    [KPI_COLUMNS.variance]: signedFormat(unit),
    [KPI_COLUMNS.variancePct]: FORMATS.signedPercent,
    [KPI_COLUMNS.changeVsPrevious]: change,
    [KPI_COLUMNS.changeVsLastYear]: change,
    [KPI_COLUMNS.rag]: "General",
  };
  return KPI_HEADERS.slice(
    KPI_HEADERS.indexOf(KPI_COLUMNS.target),
    KPI_HEADERS.indexOf(KPI_COLUMNS.rag) + 1,
  ).map((h) => byHeader[h]);
}

/** The KPI sheet of a new return, for the quarter numbered `quarter` of the financial year. */
export function kpiSheet(setup: ReturnSetup, quarter: number): SheetParts {
  const { template } = setup;
  const sheet = KPI_SHEET;
  const { parts } = tableSheet(setup, {
    sheet,
    title: `${template.title}: KPI return`,
    instructions:
      "Type your figures in the yellow Actual and Commentary cells; grey columns calculate themselves. " +
      "Please explain any large change or missed target in Commentary.",
    columns: KPI_COLUMNS,
    inputs: KPI_INPUT_COLUMNS,
    computed: KPI_COMPUTED_COLUMNS,
    widths: KPI_WIDTHS,
    // The computed cells' formulas are keyed by their columns' keys.
    rows: template.kpis.map((kpi) => ({
      id: kpi.id,
      label: kpi.label,
      unit: kpi.unit,
      target: setup.targets?.[kpi.id] ?? null,
      previous: setup.previous?.[kpi.id] ?? null,
      lastYear: setup.lastYear?.[kpi.id] ?? null,
      ...kpiFormulas(template, kpi, quarter),
    })),
    validatedColumn: "actual",
    validation: (cell, i) => validationFor(template, template.kpis[i], sheet, cell),
  });
  // One grid of number formats for Target…RAG: rows differ by unit, so each row has its own.
  const first = TABLE_HEADER_ROW + 1;
  parts.numberFormats.push({
    sheet,
    address: rangeAddress(
      first,
      KPI_HEADERS.indexOf(KPI_COLUMNS.target) + 1,
      first + template.kpis.length - 1,
      KPI_HEADERS.indexOf(KPI_COLUMNS.rag) + 1,
    ),
    formats: template.kpis.map((kpi) => kpiNumberFormats(setup, kpi)),
  });
  return parts;
}

/** The budget sheet of a new return, for the quarter numbered `quarter` of the financial year. */
export function budgetSheet(setup: ReturnSetup, quarter: number): SheetParts {
  const { template } = setup;
  const sheet = BUDGET_SHEET;
  const { parts, span } = tableSheet(setup, {
    sheet,
    title: `${template.title}: budget return`,
    instructions:
      "Type the amount spent since 1 April in the yellow Spent to date cells, and explain any difference from " +
      "the expected profile in Commentary. Grey columns calculate themselves.",
    columns: BUDGET_COLUMNS,
    inputs: BUDGET_INPUT_COLUMNS,
    computed: BUDGET_COMPUTED_COLUMNS,
    widths: BUDGET_WIDTHS,
    rows: template.budgetLines.map((line) => ({
      id: line.id,
      label: line.label,
      awarded: setup.awarded?.[line.id] ?? null,
      ...budgetFormulas(template, line, quarter),
    })),
    validatedColumn: "spentToDate",
    validation: (cell, i) => budgetValidation(sheet, cell, template.budgetLines[i]),
  });
  for (const header of [BUDGET_COLUMNS.awarded, BUDGET_COLUMNS.spentToDate, BUDGET_COLUMNS.forecastOutturn]) {
    parts.formats.push({ sheet, address: span(header), numberFormat: FORMATS.currency });
  }
  parts.formats.push(
    { sheet, address: span(BUDGET_COLUMNS.forecastVariance), numberFormat: FORMATS.signedCurrency },
    { sheet, address: span(BUDGET_COLUMNS.utilisation), numberFormat: FORMATS.fraction },
    { sheet, address: span(BUDGET_COLUMNS.expectedUtilisation), numberFormat: FORMATS.fraction },
    { sheet, address: span(BUDGET_COLUMNS.varianceVsProfile), numberFormat: FORMATS.signedPercent },
  );
  return parts;
}
