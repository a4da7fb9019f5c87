/**
 * How the quarterly report writes its figures in words (en-GB): a KPI value in its unit, a change as a signed % or
 * in percentage points for percent KPIs, money, RAG. Both renderers and the terminal's finance view use these.
 */
import {
  formatChangePct,
  formatCurrency,
  formatPercent,
  formatPoints,
  formatValue,
  formatVariance,
} from "../core/format";
import type { Rag } from "../core/types";
import type { ReportKpi } from "./model";

export const NONE = "–";

/**
 * Characters XML 1.0 cannot hold (C0 controls but tab, newline and return; U+FFFE, U+FFFF; a lone surrogate), which a
 * list value can carry: written into an .xlsx or .docx part they make it malformed, so each becomes U+FFFD (shown as
 * a replacement mark, so the reader sees something was there).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

/** Text safe to write into an XML part of an Office document. */
export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, "\uFFFD");
}

/** Whole pounds, as the report and its narrative write money: 21000.4 → "£21,000". */
export function money(n: number | null): string {
  return n === null ? NONE : formatCurrency(Math.round(n));
}

/** A fraction as a percentage: 0.81 → "81.0%". */
export function share(n: number | null): string {
  return n === null ? NONE : formatPercent(n);
}

export function kpiValue(k: ReportKpi, n: number | null): string {
  return n === null ? NONE : formatValue(n, k.unit, k.percentScale);
}

/** Actual − target, in the KPI's unit: "+27", "−£1,200", "+1.2 percentage points". */
export function varianceText(k: ReportKpi): string {
  return k.variance === null ? NONE : formatVariance(k.variance, k.unit, k.percentScale);
}

/** A change against an earlier quarter: percentage points for percent KPIs, else a signed %. */
export function changeText(k: ReportKpi, pct: number | null, pts: number | null): string {
  if (k.unit === "percent") return pts === null ? NONE : formatPoints(pts);
  return pct === null ? NONE : formatChangePct(pct);
}

export function vsPreviousText(k: ReportKpi): string {
  return changeText(k, k.changeVsPreviousPct, k.changeVsPreviousPoints);
}

export function vsLastYearText(k: ReportKpi): string {
  return changeText(k, k.changeVsLastYearPct, k.changeVsLastYearPoints);
}

/**
 * A KPI's figures as the report's tables write them, in their column order: actual, target, variance, and the change
 * on the previous quarter and on the same quarter last year.
 */
export function kpiFigureTexts(k: ReportKpi): string[] {
  return [
    kpiValue(k, k.actual),
    kpiValue(k, k.target),
    varianceText(k),
    vsPreviousText(k),
    vsLastYearText(k),
  ];
}

export function ragText(r: Rag | null): string {
  return r === null ? NONE : r[0].toUpperCase() + r.slice(1);
}

/** "Q2 2022/23", the way the PCC's report titles a quarter. */
export function quarterTitle(period: string): string {
  const m = /^(\d{4})-(\d{2}) Q([1-4])$/.exec(period);
  return m ? `Q${m[3]} ${m[1]}/${m[2]}` : period;
}

/** "22 November 2022": dates in reports are written out, en-GB. */
export function longDate(d: Date): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(d);
}
