/**
 * The two sheets of a new return: the KPI sheet (issued figures, the Actual and Commentary to type, five computed
 * columns, number formats by each KPI's unit) and the budget sheet (award, spend to type, six computed columns).
 */
import type { KpiDefinition } from "../core/types";
import { rangeAddress } from "./a1";
import {
  BUDGET_COLUMNS,
  BUDGET_COMPUTED_COLUMNS,
  BUDGET_HEADERS,
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

const KPI_WIDTHS: Record<string, number> = {
  [KPI_COLUMNS.id]: 16,
  [KPI_COLUMNS.label]: 46,
  [KPI_COLUMNS.unit]: 10,
  [KPI_COLUMNS.target]: 11,
  [KPI_COLUMNS.previous]: 12,
  [KPI_COLUMNS.lastYear]: 14,
  [KPI_COLUMNS.actual]: 11,
  [KPI_COLUMNS.commentary]: 46,
  [KPI_COLUMNS.variance]: 11,
  [KPI_COLUMNS.variancePct]: 11,
  [KPI_COLUMNS.changeVsPrevious]: 15,
  [KPI_COLUMNS.changeVsLastYear]: 17,
  [KPI_COLUMNS.rag]: 8,
};

const BUDGET_WIDTHS: Record<string, number> = {
  [BUDGET_COLUMNS.id]: 16,
  [BUDGET_COLUMNS.label]: 40,
  [BUDGET_COLUMNS.awarded]: 12,
  [BUDGET_COLUMNS.spentToDate]: 12,
  [BUDGET_COLUMNS.commentary]: 46,
  [BUDGET_COLUMNS.utilisation]: 11,
  [BUDGET_COLUMNS.expectedUtilisation]: 12,
  [BUDGET_COLUMNS.varianceVsProfile]: 13,
  [BUDGET_COLUMNS.forecastOutturn]: 12,
  [BUDGET_COLUMNS.forecastVariance]: 12,
  [BUDGET_COLUMNS.rag]: 8,
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
    headers: KPI_HEADERS,
    inputs: KPI_INPUT_COLUMNS,
    computed: KPI_COMPUTED_COLUMNS,
    widths: KPI_WIDTHS,
    rows: template.kpis.map((kpi) => {
      const f = kpiFormulas(template, kpi, quarter);
      return {
        [KPI_COLUMNS.id]: kpi.id,
        [KPI_COLUMNS.label]: kpi.label,
        [KPI_COLUMNS.unit]: kpi.unit,
        [KPI_COLUMNS.target]: setup.targets?.[kpi.id] ?? null,
        [KPI_COLUMNS.previous]: setup.previous?.[kpi.id] ?? null,
        [KPI_COLUMNS.lastYear]: setup.lastYear?.[kpi.id] ?? null,
        [KPI_COLUMNS.variance]: f.variance,
        [KPI_COLUMNS.variancePct]: f.variancePct,
        [KPI_COLUMNS.changeVsPrevious]: f.changeVsPrevious,
        [KPI_COLUMNS.changeVsLastYear]: f.changeVsLastYear,
        [KPI_COLUMNS.rag]: f.rag,
      };
    }),
    labelColumn: KPI_COLUMNS.label,
    commentaryColumn: KPI_COLUMNS.commentary,
    ragColumn: KPI_COLUMNS.rag,
    validatedColumn: KPI_COLUMNS.actual,
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
    headers: BUDGET_HEADERS,
    inputs: BUDGET_INPUT_COLUMNS,
    computed: BUDGET_COMPUTED_COLUMNS,
    widths: BUDGET_WIDTHS,
    rows: template.budgetLines.map((line) => {
      const f = budgetFormulas(template, line, quarter);
      return {
        [BUDGET_COLUMNS.id]: line.id,
        [BUDGET_COLUMNS.label]: line.label,
        [BUDGET_COLUMNS.awarded]: setup.awarded?.[line.id] ?? null,
        [BUDGET_COLUMNS.utilisation]: f.utilisation,
        [BUDGET_COLUMNS.expectedUtilisation]: f.expectedUtilisation,
        [BUDGET_COLUMNS.varianceVsProfile]: f.varianceVsProfile,
        [BUDGET_COLUMNS.forecastOutturn]: f.forecastOutturn,
        [BUDGET_COLUMNS.forecastVariance]: f.forecastVariance,
        [BUDGET_COLUMNS.rag]: f.rag,
      };
    }),
    labelColumn: BUDGET_COLUMNS.label,
    commentaryColumn: BUDGET_COLUMNS.commentary,
    ragColumn: BUDGET_COLUMNS.rag,
    validatedColumn: BUDGET_COLUMNS.spentToDate,
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
