/** en-GB text for the figures the pane shows: values in their unit, signed variances and changes (core's formatters). */
import { formatChangePct, formatPoints, formatValue, formatVariance } from "../core/format";
import type { Finding, KpiFigure, KpiTemplate, Return } from "../core/types";

type Scale = KpiTemplate["percentScale"];

/** A value in its unit; a value not given says so in words, never a dash that could pass for a figure. */
export function valueText(n: number | null, unit: KpiFigure["unit"], scale: Scale): string {
  return n === null ? "not reported" : formatValue(n, unit, scale);
}

/** actual − target in the KPI's unit, signed, with its % of the target: "+383 (+25.5%)"; percent KPIs in points alone. */
export function varianceWithPct(f: KpiFigure, scale: Scale): string {
  if (f.variance === null) return "not worked out";
  const amount = formatVariance(f.variance, f.unit, scale, 1);
  return f.unit === "percent" || f.variancePct === null
    ? amount
    : `${amount} (${formatChangePct(f.variancePct)})`;
}

/** The change against the same quarter last year, and which way it went. */
export function lastYearChange(f: KpiFigure): {
  text: string | null;
  movement: "up" | "down" | "flat" | null;
} {
  const change = f.unit === "percent" ? f.changeVsLastYearPoints : f.changeVsLastYearPct;
  if (change === null) return { text: null, movement: null };
  const text = f.unit === "percent" ? formatPoints(change) : formatChangePct(change);
  const movement = Math.abs(change) < 0.05 ? "flat" : change > 0 ? "up" : "down";
  return { text, movement };
}

/** "+5.8 percentage points" → "+5.8 pts", for narrow table cells (the full text goes to screen readers). */
export function compact(text: string): string {
  return text.replace(/ percentage points?$/, " pts");
}

/** What a finding is about, in the sheet's own words: the KPI's or budget line's label. */
export function subjectLabel(ret: Return | null, finding: Finding): string {
  const label =
    (finding.kpiId && ret?.kpis.find((k) => k.kpiId === finding.kpiId)?.label) ||
    (finding.lineId && ret?.budget.find((b) => b.lineId === finding.lineId)?.label);
  return label || finding.kpiId || finding.lineId || "this return";
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** A recorded time as the pane writes every date: "12 Oct 2022, 10:00". */
export function whenText(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}
