/**
 * The KpiReturn and BudgetReturn tables' column headers: the one definition of them. Core's findings point at these
 * columns; the workbook contract (src/workbook/contract.ts) lays the tables out from them, in this order.
 */

/** KpiReturn's columns, in order: issued and input columns, then the computed ones. */
export const KPI_COLUMNS = {
  id: "KPI ID",
  label: "KPI",
  unit: "Unit",
  target: "Target",
  previous: "Previous quarter",
  lastYear: "Same quarter last year",
  actual: "Actual",
  commentary: "Commentary",
  variance: "Variance",
  variancePct: "Variance %",
  changeVsPrevious: "Change vs previous quarter",
  changeVsLastYear: "Change vs same quarter last year",
  rag: "RAG",
} as const;

/** BudgetReturn's columns, in order: issued and input columns, then the computed ones. */
export const BUDGET_COLUMNS = {
  id: "Line ID",
  label: "Budget line",
  awarded: "Awarded",
  spentToDate: "Spent to date",
  commentary: "Commentary",
  utilisation: "Utilisation",
  expectedUtilisation: "Expected utilisation",
  varianceVsProfile: "Variance against profile",
  forecastOutturn: "Forecast outturn",
  forecastVariance: "Forecast variance",
  rag: "RAG",
} as const;
