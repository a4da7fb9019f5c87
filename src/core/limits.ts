/**
 * The largest figure believed in each unit. A provider can paste 1e308 into an Actual or Spent to date cell (data
 * validation never sees a paste); no commissioned service counts a billion people or spends a hundred billion pounds
 * in a quarter, so a figure beyond its unit's limit is a RANGE or BUDGET-RANGE error at its cell and is no figure at
 * all: core computes nothing from it and the sheet's formulas show "" (they test the same limit), so neither shows a
 * misleading variance or RAG. A KPI's own min and max in its template are tighter bounds, checked by RANGE as ever.
 */
import type { KpiTemplate, Unit } from "./types";

/** The limit of each unit, either sign; percentages in points (a fraction's limit is a hundredth of it). */
export const UNIT_LIMITS: Readonly<Record<Unit, number>> = {
  count: 1e9,
  number: 1e12,
  days: 1e7,
  currency: 1e11,
  percent: 1e4,
};

/** The largest magnitude believed for a figure in `unit`, on the template's percent scale. */
export function unitLimit(unit: Unit, percentScale: KpiTemplate["percentScale"] = "fraction"): number {
  return unit === "percent" && percentScale === "fraction" ? UNIT_LIMITS.percent / 100 : UNIT_LIMITS[unit];
}

/** Whether `n` is beyond what its unit allows (an absurd magnitude such as 1e308). */
export function beyondLimit(n: number, limit: number): boolean {
  return Math.abs(n) > limit;
}

/** `n` as a figure: null when it is beyond the limit, as the sheet's formulas treat it. */
export function believed(n: number | null, limit: number): number | null {
  return n === null || beyondLimit(n, limit) ? null : n;
}
