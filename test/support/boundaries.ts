/**
 * Returns whose figures fall exactly on a tolerance, where binary arithmetic lands a hair either side of it
 * (1,587.6 against 1,764 is −10.000000000000005%), and returns holding what a provider should not type in a number
 * cell (TRUE, FALSE, 1e308). Shared by the core test and the LibreOffice test, which hold core and the sheet to the
 * same decision at each.
 */
import { loadTemplate } from "../../src/core/template";
import type { KpiTemplate } from "../../src/core/types";
import {
  BUDGET_COLUMNS,
  BUDGET_SHEET,
  KPI_COLUMNS,
  KPI_HEADERS,
  BUDGET_HEADERS,
  KPI_SHEET,
  META,
  TABLE_HEADER_ROW,
  emptyPlan,
  type ProviderInput,
  type ReturnSetup,
  type WorkbookPlan,
} from "../../src/workbook";
import { budgetFormulas, kpiFormulas } from "../../src/workbook/formulas";
import { rangeAddress } from "../../src/workbook/a1";

const kpi = (id: string, unit: string, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  label: `Boundary ${id}`,
  unit,
  guidance: `Type ${id}.`,
  ...more,
});

/** Green up to 10% short, amber up to 25%, a budget 15 points off profile or forecast 15% over its award. */
export const boundaryTemplate: KpiTemplate = loadTemplate(
  {
    id: "boundaries",
    version: "1.0.0",
    title: "Exactly on the tolerance",
    serviceArea: "Testing",
    tolerance: { targetGreenPct: 10, targetRedPct: 25, budgetProfilePoints: 15 },
    kpis: [
      kpi("ten-short", "count", { integer: false }),
      kpi("ten-short-1097", "number", { integer: false }),
      kpi("ten-short-94-5", "number", { integer: false }),
      kpi("quarter-short", "percent", { max: 1 }),
      kpi("ten-over-lower-better", "days", { higherIsBetter: false }),
    ],
    budgetLines: [
      { id: "fifteen-behind", label: "Exactly 15 points behind profile" },
      { id: "fifteen-over", label: "Forecast exactly 15% over the award" },
    ],
  },
  "boundaries.json",
);

/** A KPI's figures and the RAG both core and the sheet must give it. */
export const KPI_BOUNDARIES: readonly {
  id: string;
  target: number;
  actual: number;
  rag: "green" | "amber";
}[] = [
  { id: "ten-short", target: 1764, actual: 1587.6, rag: "green" },
  { id: "ten-short-1097", target: 1097, actual: 987.3, rag: "green" },
  { id: "ten-short-94-5", target: 94.5, actual: 85.05, rag: "green" },
  { id: "quarter-short", target: 0.55, actual: 0.4125, rag: "amber" },
  { id: "ten-over-lower-better", target: 7, actual: 7.7, rag: "green" },
];

/**
 * Budget lines in Q2 (half the award expected spent): 3,500 of 10,000 is 0.35, 15 points behind (−0.15000000000000002
 * in binary); £578.45 of £1,006 forecasts £1,156.90, 15% over (15.000000000000007% in binary), 7.5 points ahead, within 15.
 */
export const BUDGET_BOUNDARIES: readonly { id: string; awarded: number; spent: number; rag: "green" }[] = [
  { id: "fifteen-behind", awarded: 10000, spent: 3500, rag: "green" },
  { id: "fifteen-over", awarded: 1006, spent: 578.45, rag: "green" },
];

export const boundarySetup: ReturnSetup = {
  template: boundaryTemplate,
  provider: "Boundary",
  period: "2022-23 Q2",
  targets: Object.fromEntries(KPI_BOUNDARIES.map((k) => [k.id, k.target])),
  awarded: Object.fromEntries(BUDGET_BOUNDARIES.map((b) => [b.id, b.awarded])),
};

export const boundaryInput: ProviderInput = {
  kpis: Object.fromEntries(KPI_BOUNDARIES.map((k) => [k.id, { actual: k.actual }])),
  budget: Object.fromEntries(BUDGET_BOUNDARIES.map((b) => [b.id, { spentToDate: b.spent }])),
};

/**
 * What a provider should not type in a number cell, written past data validation (a paste, another program): TRUE,
 * FALSE, and magnitudes no service reaches. Core calls them TYPE and RANGE errors and computes nothing from them; the
 * sheet must show "" in their computed cells, never a figure or a RAG.
 */
export const hostileTemplate: KpiTemplate = loadTemplate(
  {
    id: "hostile-values",
    version: "1.0.0",
    title: "Not numbers, or not plausible",
    serviceArea: "Testing",
    kpis: [
      kpi("true", "count"),
      kpi("false", "count"),
      kpi("huge", "count"),
      kpi("huge-negative", "number", { min: -1e308 }),
      kpi("huge-rate", "percent", { max: 1e308 }),
      kpi("just-in-bounds", "count"),
    ],
    budgetLines: [
      { id: "true", label: "TRUE as spend" },
      { id: "huge", label: "1e308 as spend" },
    ],
  },
  "hostile-values.json",
);

export const hostileSetup: ReturnSetup = {
  template: hostileTemplate,
  provider: "Hostile",
  period: "2022-23 Q2",
  targets: {
    true: 100,
    false: 100,
    huge: 100,
    "huge-negative": 100,
    "huge-rate": 0.9,
    "just-in-bounds": 100,
  },
  previous: { true: 90, false: 90, huge: 90, "huge-negative": 90, "huge-rate": 0.8, "just-in-bounds": 90 },
  awarded: { true: 10000, huge: 10000 },
};

/** Values written straight into the input cells, as a paste or another program leaves them. */
export const HOSTILE_KPI_VALUES: Readonly<Record<string, boolean | number>> = {
  true: true,
  false: false,
  huge: 1e308,
  "huge-negative": -1e308,
  "huge-rate": 1e300,
  "just-in-bounds": 1e9,
};
export const HOSTILE_BUDGET_VALUES: Readonly<Record<string, boolean | number>> = { true: true, huge: 1e308 };

/** One cell of a table's body row `i` (0-based), by its column's header, set to `value`. */
function bodyCell(
  sheet: string,
  headers: readonly string[],
  header: string,
  i: number,
  value: WorkbookPlan["cells"][number]["values"][number][number],
): WorkbookPlan["cells"][number] {
  const column = headers.indexOf(header) + 1;
  const row = TABLE_HEADER_ROW + 1 + i;
  return { sheet, address: rangeAddress(row, column, row, column), values: [[value]] };
}

/**
 * A plan writing the hostile values into the Actual and Spent to date cells (rows in template order), as Excel or
 * openpyxl stores them: TRUE as a boolean cell (which LibreOffice opens as the formula =TRUE()), 1e308 as a number.
 */
export function hostileValuesPlan(): WorkbookPlan {
  const cells: WorkbookPlan["cells"][number][] = [];
  hostileTemplate.kpis.forEach((k, i) =>
    cells.push(bodyCell(KPI_SHEET, KPI_HEADERS, KPI_COLUMNS.actual, i, HOSTILE_KPI_VALUES[k.id])),
  );
  hostileTemplate.budgetLines.forEach((line, i) =>
    cells.push(
      bodyCell(BUDGET_SHEET, BUDGET_HEADERS, BUDGET_COLUMNS.spentToDate, i, HOSTILE_BUDGET_VALUES[line.id]),
    ),
  );
  return { ...emptyPlan(), cells };
}

/**
 * A plan turning a new return into one issued before formula sets were recorded: every computed cell holds formula set
 * 1 (unrounded thresholds, booleans and any magnitude read), and the metadata has no formulaVersion.
 */
export function asIssuedWithFormulaSet1(setup: ReturnSetup): WorkbookPlan {
  const { template } = setup;
  const quarter = Number(setup.period.slice(-1));
  const cells: WorkbookPlan["cells"][number][] = [];
  const write = (
    sheet: string,
    headers: readonly string[],
    i: number,
    formulas: Record<string, string>,
    columns: Record<string, string>,
  ): void => {
    for (const [key, formula] of Object.entries(formulas))
      cells.push(bodyCell(sheet, headers, columns[key], i, formula));
  };
  template.kpis.forEach((k, i) =>
    write(KPI_SHEET, KPI_HEADERS, i, { ...kpiFormulas(template, k, quarter, "1") }, KPI_COLUMNS),
  );
  template.budgetLines.forEach((line, i) =>
    write(
      BUDGET_SHEET,
      BUDGET_HEADERS,
      i,
      { ...budgetFormulas(template, line, quarter, "1") },
      BUDGET_COLUMNS,
    ),
  );
  return { ...emptyPlan(), cells, metadata: { [META.formulas]: null } };
}
