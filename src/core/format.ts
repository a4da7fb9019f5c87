/**
 * en-GB formatting for messages, the command line and the task pane: "3,834", "£135,640", "95.8%", "+2.3 points".
 * Figures keep full precision; only what people read is rounded, here.
 */
import type { KpiTemplate, Unit } from "./types";

const MINUS = "\u2212";
const cache = new Map<string, Intl.NumberFormat>();

function formatter(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-GB", { minimumFractionDigits: min, maximumFractionDigits: max });
    cache.set(key, f);
  }
  return f;
}

/** A plain number with thousands separators and a true minus sign: 3834 → "3,834"; 2.25 → "2.25". */
export function formatCount(n: number, maxDecimals = 2): string {
  const text = formatter(0, maxDecimals).format(Math.abs(n));
  return isNegative(n, text) ? MINUS + text : text;
}

/** Pounds, with pence only when there are any: 135640 → "£135,640"; 12.5 → "£12.50". */
export function formatCurrency(n: number): string {
  const pence = Math.round(Math.abs(n) * 100) % 100 !== 0;
  const text = "£" + formatter(pence ? 2 : 0, pence ? 2 : 0).format(Math.abs(n));
  return isNegative(n, text) ? MINUS + text : text;
}

/** A fraction as a percentage: 0.9583 → "95.8%". */
export function formatPercent(fraction: number, decimals = 1): string {
  return formatPercentPoints(fraction * 100, decimals);
}

/** A value already in percentage points as a percentage: 95.83 → "95.8%". */
export function formatPercentPoints(points: number, decimals = 1): string {
  const text = formatter(decimals, decimals).format(Math.abs(points)) + "%";
  return isNegative(points, text) ? MINUS + text : text;
}

/** A signed % change: 5.806 → "+5.8%", −13.67 → "−13.7%". */
export function formatChangePct(pct: number, decimals = 1): string {
  const text = formatter(decimals, decimals).format(Math.abs(pct)) + "%";
  if (isZeroText(text)) return text;
  return (pct < 0 ? MINUS : "+") + text;
}

/** A signed change in percentage points: 1.4 → "+1.4 percentage points". */
export function formatPoints(points: number, decimals = 1): string {
  const text = formatter(decimals, decimals).format(Math.abs(points));
  const unit = text === "1" || text === "1.0" ? "percentage point" : "percentage points";
  if (isZeroText(text)) return `${text} ${unit}`;
  return `${points < 0 ? MINUS : "+"}${text} ${unit}`;
}

/**
 * A KPI value in its unit. Percent values follow the template's scale: fractions (0.9583) or points (95.83).
 */
export function formatValue(
  n: number,
  unit: Unit,
  percentScale: KpiTemplate["percentScale"] = "fraction",
): string {
  switch (unit) {
    case "currency":
      return formatCurrency(n);
    case "percent":
      return percentScale === "fraction" ? formatPercent(n) : formatPercentPoints(n);
    case "days":
      return `${formatCount(n, 1)} ${n === 1 ? "day" : "days"}`;
    default:
      return formatCount(n);
  }
}

function isNegative(n: number, text: string): boolean {
  return n < 0 && !isZeroText(text);
}

function isZeroText(text: string): boolean {
  return !/[1-9]/.test(text);
}
