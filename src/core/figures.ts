/**
 * What officers and finance see for each KPI and budget line: variance, change, RAG, utilisation, forecast.
 * The return workbook writes the SAME formulas into its computed columns (a LibreOffice test checks they agree),
 * so each definition below is exact. Figures keep full precision; only messages and displays round, and every
 * threshold decision compares a percentage rounded to 6 decimal places (src/core/thresholds.ts), as the sheet's
 * ROUND(…, 6) does. An actual or spend beyond its unit's limit (src/core/limits.ts) is no figure.
 *
 * KPI figures (q = quarters elapsed in the financial year, from the return's period: Q2 → 2):
 *   proRataTarget   = target                       targetBasis "quarter" (the default)
 *                   = target × q / 4               targetBasis "annual", cumulative KPI (the actual counts since April)
 *                   = target / 4                   targetBasis "annual", quarterly KPI (the actual is this quarter alone)
 *   variance        = actual − proRataTarget
 *   variancePct     = variance / proRataTarget × 100              (null when proRataTarget is 0 or unknown)
 *   changeVsPreviousPct   = (actual − previous) / previous × 100  (null when previous is 0 or unknown)
 *   changeVsPreviousPoints = (actual − previous) × 100 for percent KPIs held as fractions,
 *                          = (actual − previous) for percent KPIs held as points; null for other units
 *   changeVsLastYearPct / changeVsLastYearPoints: the same against the same quarter last year
 *   rag: shortfall = −variancePct when higher is better, +variancePct when lower is better, rounded to 6 places;
 *        green when shortfall ≤ targetGreenPct (beating the target is green), amber when ≤ targetRedPct, else red
 *   direction (against the same quarter last year): improving when actual − lastYear has the good sign
 *        (positive when higher is better), worsening when it has the bad sign, steady when equal
 *
 * Budget figures (p = the line's profile, straight line [0.25, 0.5, 0.75, 1] when the template gives none):
 *   utilisation          = spentToDate / awarded                   (null when awarded is 0 or unknown)
 *   expectedUtilisation  = p[q − 1]
 *   varianceVsProfile    = utilisation − expectedUtilisation       (a fraction: 0.381 is 38.1 percentage points)
 *   forecastOutturn      = spentToDate / q × 4                     (a run-rate forecast)
 *   forecastVariance     = forecastOutturn − awarded               (positive: a forecast overspend)
 *   rag: red   when spentToDate > awarded, or forecastVariance / awarded × 100 > budgetProfilePoints;
 *        amber when |varianceVsProfile| × 100 > budgetProfilePoints (both percentages rounded to 6 places);
 *        green otherwise
 */
import { believed, unitLimit } from "./limits";
import { parsePeriod, quartersElapsed } from "./period";
import { forThreshold } from "./thresholds";
import { numberOf } from "./values";
import type {
  BudgetEntry,
  BudgetFigure,
  BudgetLineDefinition,
  Direction,
  KpiDefinition,
  KpiEntry,
  KpiFigure,
  KpiTemplate,
  Rag,
  Return,
  Tolerance,
} from "./types";

const STRAIGHT_LINE: readonly [number, number, number, number] = [0.25, 0.5, 0.75, 1];

/** Quarters elapsed for a return's period, or null when the period cannot be read. */
export function elapsedQuarters(ret: Pick<Return, "period">): number | null {
  try {
    return quartersElapsed(parsePeriod(ret.period));
  } catch {
    return null;
  }
}

/** The profile's cumulative share of the award expected spent by the end of quarter `quarter` (1–4). */
export function expectedShare(line: BudgetLineDefinition, quarter: number): number {
  return (line.profile ?? STRAIGHT_LINE)[quarter - 1];
}

/** The template's tolerance with the KPI's own overrides on top. */
export function kpiTolerance(template: KpiTemplate, kpi: KpiDefinition): Tolerance {
  return kpi.tolerance ? { ...template.tolerance, ...kpi.tolerance } : template.tolerance;
}

/** The target the actual is measured against (see the module comment). */
export function proRataTarget(
  kpi: KpiDefinition,
  target: number | null,
  quarter: number | null,
): number | null {
  if (target === null) return null;
  if (kpi.targetBasis !== "annual") return target;
  if (!kpi.cumulative) return finite(target / 4);
  return quarter === null ? null : finite((target * quarter) / 4);
}

/** Null instead of ±Infinity or NaN: extreme inputs (a base of 5e-324) must not put Infinity in a figure. */
function finite(n: number | null): number | null {
  return n === null || Number.isFinite(n) ? n : null;
}

function pctChange(actual: number | null, base: number | null): number | null {
  return actual === null || base === null || base === 0 ? null : finite(((actual - base) / base) * 100);
}

function pointsChange(
  kpi: KpiDefinition,
  scale: KpiTemplate["percentScale"],
  actual: number | null,
  base: number | null,
): number | null {
  if (kpi.unit !== "percent" || actual === null || base === null) return null;
  return finite(scale === "fraction" ? (actual - base) * 100 : actual - base);
}

/** RAG from the variance against target (see the module comment). */
export function kpiRag(
  variancePct: number | null,
  higherIsBetter: boolean,
  tolerance: Tolerance,
): Rag | null {
  if (variancePct === null) return null;
  const shortfall = forThreshold(higherIsBetter ? -variancePct : variancePct);
  if (shortfall <= tolerance.targetGreenPct) return "green";
  return shortfall <= tolerance.targetRedPct ? "amber" : "red";
}

function direction(kpi: KpiDefinition, actual: number | null, lastYear: number | null): Direction | null {
  if (actual === null || lastYear === null) return null;
  const diff = (actual - lastYear) * (kpi.higherIsBetter ? 1 : -1);
  return diff > 0 ? "improving" : diff < 0 ? "worsening" : "steady";
}

/**
 * One KPI's figures. `quarter` is quarters elapsed (Q2 → 2), or null when the period is unknown. `tolerance` is the
 * KPI's own (validation works it out once per template and passes it in).
 */
export function kpiFigure(
  kpi: KpiDefinition,
  entry: KpiEntry,
  template: KpiTemplate,
  quarter: number | null,
  tolerance: Tolerance = kpiTolerance(template, kpi),
): KpiFigure {
  const actual = believed(numberOf(entry.actual), unitLimit(kpi.unit, template.percentScale));
  const target = numberOf(entry.target);
  const previous = numberOf(entry.previous);
  const lastYear = numberOf(entry.lastYear);
  const against = proRataTarget(kpi, target, quarter);
  const variance = actual === null || against === null ? null : finite(actual - against);
  const variancePct =
    variance === null || against === null || against === 0 ? null : finite((variance / against) * 100);
  return {
    kpiId: kpi.id,
    label: kpi.label,
    unit: kpi.unit,
    actual,
    target,
    proRataTarget: against,
    variance,
    variancePct,
    previous,
    lastYear,
    changeVsPreviousPct: pctChange(actual, previous),
    changeVsPreviousPoints: pointsChange(kpi, template.percentScale, actual, previous),
    changeVsLastYearPct: pctChange(actual, lastYear),
    changeVsLastYearPoints: pointsChange(kpi, template.percentScale, actual, lastYear),
    rag: kpiRag(variancePct, kpi.higherIsBetter, tolerance),
    direction: direction(kpi, actual, lastYear),
    commentary: entry.commentary,
  };
}

/** One budget line's figures. `quarter` is quarters elapsed (Q2 → 2), or null when the period is unknown. */
export function budgetFigure(
  line: BudgetLineDefinition,
  entry: BudgetEntry,
  tolerance: Tolerance,
  quarter: number | null,
): BudgetFigure {
  const awarded = numberOf(entry.awarded);
  const spentToDate = believed(numberOf(entry.spentToDate), unitLimit("currency"));
  const utilisation =
    awarded === null || spentToDate === null || awarded === 0 ? null : finite(spentToDate / awarded);
  const expectedUtilisation = quarter === null ? null : expectedShare(line, quarter);
  const varianceVsProfile =
    utilisation === null || expectedUtilisation === null ? null : finite(utilisation - expectedUtilisation);
  const forecastOutturn =
    spentToDate === null || quarter === null ? null : finite((spentToDate / quarter) * 4);
  const forecastVariance =
    forecastOutturn === null || awarded === null ? null : finite(forecastOutturn - awarded);
  return {
    lineId: line.id,
    label: line.label,
    awarded,
    spentToDate,
    utilisation,
    expectedUtilisation,
    varianceVsProfile,
    forecastOutturn,
    forecastVariance,
    rag: budgetRag(awarded, spentToDate, varianceVsProfile, forecastVariance, tolerance),
    commentary: entry.commentary,
  };
}

/** Budget RAG (see the module comment). */
export function budgetRag(
  awarded: number | null,
  spentToDate: number | null,
  varianceVsProfile: number | null,
  forecastVariance: number | null,
  tolerance: Tolerance,
): Rag | null {
  if (awarded === null || spentToDate === null) return null;
  if (spentToDate > awarded) return "red";
  if (forecastOverAward(forecastVariance, awarded, tolerance)) return "red";
  if (varianceVsProfile === null) return null;
  return offProfile(varianceVsProfile, tolerance) ? "amber" : "green";
}

/** Whether the run-rate forecast overspends the award by more than the budget tolerance, in % of the award. */
export function forecastOverAward(
  forecastVariance: number | null,
  awarded: number,
  tolerance: Tolerance,
): boolean {
  if (forecastVariance === null || awarded === 0) return false;
  return forThreshold((forecastVariance / awarded) * 100) > tolerance.budgetProfilePoints;
}

/** Whether utilisation is further from the profile than the budget tolerance, in percentage points, either way. */
export function offProfile(varianceVsProfile: number, tolerance: Tolerance): boolean {
  return forThreshold(Math.abs(varianceVsProfile) * 100) > tolerance.budgetProfilePoints;
}
