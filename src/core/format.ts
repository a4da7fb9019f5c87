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

/**
 * What Intl.NumberFormat("en-GB") writes for a non-negative number, with min..max decimals. Ordinary sizes take a
 * fast path because Intl's format() dominated validation time; anything unusual goes to Intl itself. Like Intl, it
 * rounds the number's shortest decimal form half away from zero (2.675 → "2.68"); a property test holds the two equal.
 */
function plain(abs: number, min: number, max: number): string {
  // Past a thousand billion billion, as Excel shows it (1.00E+308): a message never spells out 309 digits.
  if (abs >= HUGE) return abs.toExponential(2).toUpperCase();
  const shortest = String(abs);
  if (!(abs < 1e15) || shortest.includes("e")) return formatter(min, max).format(abs);
  let [whole, frac = ""] = shortest.split(".");
  if (frac.length > max) {
    const roundUp = frac.charCodeAt(max) >= 53;
    frac = frac.slice(0, max);
    if (roundUp) [whole, frac] = increment(whole, frac);
  }
  let end = frac.length;
  while (end > min && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end).padEnd(min, "0");
  if (whole.length > 3) {
    let grouped = whole.slice(0, whole.length % 3 || 3);
    for (let i = grouped.length; i < whole.length; i += 3) grouped += "," + whole.slice(i, i + 3);
    whole = grouped;
  }
  return frac === "" ? whole : `${whole}.${frac}`;
}

/** Where numbers are written in Excel's scientific form instead of in full. */
const HUGE = 1e21;

/** Adds one unit in the last place of whole.frac, carrying through nines. */
function increment(whole: string, frac: string): [string, string] {
  const digits = (whole + frac).split("").map((c) => c.charCodeAt(0) - 48);
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === 9) digits[i--] = 0;
  if (i < 0) digits.unshift(1);
  else digits[i]++;
  const text = digits.join("");
  const cut = text.length - frac.length;
  return [text.slice(0, cut), text.slice(cut)];
}

/** A non-negative number as en-GB writes it, with min..max decimals and no sign: (95.8333, 0, 1) → "95.8". */
export const plainNumber: (abs: number, min: number, max: number) => string = plain;

/** A plain number with thousands separators and a true minus sign: 3834 → "3,834"; 2.25 → "2.25". */
export function formatCount(n: number, maxDecimals = 2): string {
  const text = plain(Math.abs(n), 0, maxDecimals);
  return isNegative(n, text) ? MINUS + text : text;
}

/** Pounds, with pence only when there are any: 135640 → "£135,640"; 12.5 → "£12.50". */
export function formatCurrency(n: number): string {
  const pence = Math.round(Math.abs(n) * 100) % 100 !== 0;
  const text = "£" + plain(Math.abs(n), pence ? 2 : 0, pence ? 2 : 0);
  return isNegative(n, text) ? MINUS + text : text;
}

/** A fraction as a percentage: 0.9583 → "95.8%". */
export function formatPercent(fraction: number, decimals = 1): string {
  return formatPercentPoints(fraction * 100, decimals);
}

/** A value already in percentage points as a percentage: 95.83 → "95.8%". */
export function formatPercentPoints(points: number, decimals = 1): string {
  const text = plain(Math.abs(points), decimals, decimals) + "%";
  return isNegative(points, text) ? MINUS + text : text;
}

/** A signed % change: 5.806 → "+5.8%", −13.67 → "−13.7%". */
export function formatChangePct(pct: number, decimals = 1): string {
  const text = plain(Math.abs(pct), decimals, decimals) + "%";
  if (isZeroText(text)) return text;
  return (pct < 0 ? MINUS : "+") + text;
}

/** A signed change in percentage points: 1.4 → "+1.4 percentage points". */
export function formatPoints(points: number, decimals = 1): string {
  const text = plain(Math.abs(points), decimals, decimals);
  const unit = text === "1" || text === "1.0" ? "percentage point" : "percentage points";
  if (isZeroText(text)) return `${text} ${unit}`;
  return `${points < 0 ? MINUS : "+"}${text} ${unit}`;
}

/**
 * Actual − target in the KPI's unit, signed: "+27", "−£1,200", "+1.2 percentage points" (a percent KPI's in points,
 * whatever scale the template holds it in). `maxDecimals` is for counts and numbers: the report writes them as it
 * writes values (2), the task pane's narrow cards to 1.
 */
export function formatVariance(
  variance: number,
  unit: Unit,
  percentScale: KpiTemplate["percentScale"] = "fraction",
  maxDecimals = 2,
): string {
  if (unit === "percent") return formatPoints(percentScale === "fraction" ? variance * 100 : variance);
  const sign = variance > 0 ? "+" : "";
  return sign + (unit === "currency" ? formatCurrency(variance) : formatCount(variance, maxDecimals));
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
