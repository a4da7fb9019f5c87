/**
 * The report's charts as inline SVG, so the HTML page draws them with nothing loaded from anywhere: budget utilisation
 * by Community Safety Partnership, and each service's referrals over the last year.
 */
import type { Rag } from "../core/types";
import { formatCount } from "../core/format";
import { esc } from "./escape";
import type { FundingLine, ReferralsTrend } from "./model";
import { money, quarterTitle, share } from "./text";

export const RAG_COLOURS: Record<Rag, string> = { green: "#2e7d32", amber: "#b26a00", red: "#c62828" };
const NEUTRAL = "#1f3864";
const GRID = "#d9dee5";
const INK = "#1b1f24";
const MUTED = "#5b6572";

function fmt(n: number): string {
  return Number(n.toFixed(1)).toString();
}

/** Horizontal bars of spent ÷ awarded per CSP, coloured by RAG, with the spending profile's expected line. */
export function utilisationChart(
  lines: readonly FundingLine[],
  expected: number | null,
  periodLabel: string,
): string {
  const labelWidth = 190;
  const barArea = 560;
  const valueWidth = 230;
  const rowHeight = 34;
  const top = 30;
  const width = labelWidth + barArea + valueWidth;
  const height = top + lines.length * rowHeight + 34;
  const maxShare = Math.max(1, ...lines.map((l) => l.utilisation ?? 0));
  const scale = (fraction: number): number =>
    labelWidth + (Math.min(fraction, maxShare) / maxShare) * barArea;
  const parts: string[] = [];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = scale(tick);
    parts.push(
      `<line x1="${fmt(x)}" y1="${top - 6}" x2="${fmt(x)}" y2="${height - 26}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${fmt(x)}" y="${height - 10}" font-size="12" fill="${MUTED}" text-anchor="middle">${tick * 100}%</text>`,
    );
  }
  lines.forEach((l, i) => {
    const y = top + i * rowHeight;
    const u = l.utilisation;
    const colour = l.rag ? RAG_COLOURS[l.rag] : NEUTRAL;
    parts.push(
      `<text x="${labelWidth - 10}" y="${y + 20}" font-size="14" fill="${INK}" text-anchor="end">${esc(l.area)}</text>`,
    );
    if (u !== null) {
      const w = Math.max(1, scale(u) - labelWidth);
      parts.push(
        `<rect x="${labelWidth}" y="${y + 5}" width="${fmt(w)}" height="${rowHeight - 12}" rx="3" fill="${colour}">` +
          `<title>${esc(`${l.area}: ${share(u)} spent (${money(l.spent)} of ${money(l.awarded)})`)}</title></rect>`,
        `<text x="${fmt(labelWidth + w + 8)}" y="${y + 20}" font-size="13" fill="${INK}">` +
          `<tspan font-weight="600">${share(u)}</tspan><tspan fill="${MUTED}"> ${esc(money(l.spent))} of ${esc(money(l.awarded))}</tspan></text>`,
      );
    } else {
      parts.push(
        `<text x="${labelWidth + 8}" y="${y + 20}" font-size="13" fill="${MUTED}">not reported</text>`,
      );
    }
  });
  if (expected !== null) {
    const x = scale(expected);
    parts.push(
      `<line x1="${fmt(x)}" y1="${top - 8}" x2="${fmt(x)}" y2="${height - 26}" stroke="${INK}" stroke-width="2" stroke-dasharray="6 4"/>`,
      `<text x="${fmt(x)}" y="${top - 14}" font-size="12" fill="${INK}" text-anchor="middle">expected by ${esc(periodLabel)}: ${share(expected)}</text>`,
    );
  }
  const summary = lines.map((l) => `${l.area} ${share(l.utilisation)}`).join(", ");
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(`Budget utilisation by Community Safety Partnership: ${summary}`)}" xmlns="http://www.w3.org/2000/svg" font-family="inherit">` +
    parts.join("") +
    `</svg>`
  );
}

export const TREND_COLOURS = { lastYear: "#a7b4c2", previous: "#6d8fb3", actual: NEUTRAL } as const;

/** One bar of a service's trend, placed on the chart: its quarter, figure and colour, where it stands and how tall. */
export interface TrendBar {
  readonly label: string;
  readonly value: number | null;
  readonly colour: string;
  readonly x: number;
  readonly cx: number;
  readonly h: number;
}

/**
 * The three bars of a service's trend (the same quarter last year, the previous quarter, this quarter), centred in
 * `width` and scaled so the tallest is `room` high: the HTML report's chart and the Word report's picture draw these.
 */
export function trendBars(
  trend: ReferralsTrend,
  periods: { readonly lastYear: string; readonly previous: string; readonly actual: string },
  box: { readonly width: number; readonly barWidth: number; readonly gap: number; readonly room: number },
): TrendBar[] {
  const left = (box.width - (3 * box.barWidth + 2 * box.gap)) / 2;
  const bars = [
    { label: quarterTitle(periods.lastYear), value: trend.lastYear, colour: TREND_COLOURS.lastYear },
    { label: quarterTitle(periods.previous), value: trend.previous, colour: TREND_COLOURS.previous },
    { label: quarterTitle(periods.actual), value: trend.actual, colour: TREND_COLOURS.actual },
  ];
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  return bars.map((b, i) => {
    const x = left + i * (box.barWidth + box.gap);
    const h = b.value === null ? 0 : Math.max(1, (b.value / max) * box.room);
    return { ...b, x, cx: x + box.barWidth / 2, h };
  });
}

/** Three bars for one service: same quarter last year, previous quarter, this quarter. Each chart has its own scale. */
export function referralsChart(
  trend: ReferralsTrend,
  periods: { lastYear: string; previous: string; actual: string },
): string {
  const width = 260;
  const height = 170;
  const base = 130;
  const barWidth = 56;
  const bars = trendBars(trend, periods, { width, barWidth, gap: 22, room: base - 28 });
  const parts: string[] = [
    `<line x1="8" y1="${base}" x2="${width - 8}" y2="${base}" stroke="${GRID}" stroke-width="1"/>`,
  ];
  bars.forEach(({ x, cx, h, ...b }) => {
    if (b.value !== null) {
      parts.push(
        `<rect x="${fmt(x)}" y="${fmt(base - h)}" width="${barWidth}" height="${fmt(h)}" rx="2" fill="${b.colour}"><title>${esc(`${b.label}: ${formatCount(b.value)}`)}</title></rect>`,
        `<text x="${fmt(cx)}" y="${fmt(base - h - 6)}" font-size="13" font-weight="600" fill="${INK}" text-anchor="middle">${formatCount(b.value)}</text>`,
      );
    } else {
      parts.push(
        `<text x="${fmt(cx)}" y="${base - 8}" font-size="12" fill="${MUTED}" text-anchor="middle">n/a</text>`,
      );
    }
    parts.push(
      `<text x="${fmt(cx)}" y="${base + 18}" font-size="11" fill="${MUTED}" text-anchor="middle">${esc(b.label)}</text>`,
    );
  });
  const described = bars
    .map((b) => `${b.label} ${b.value === null ? "not reported" : formatCount(b.value)}`)
    .join(", ");
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(`${trend.service}, ${trend.label}: ${described}`)}" xmlns="http://www.w3.org/2000/svg" font-family="inherit">` +
    parts.join("") +
    `</svg>`
  );
}
