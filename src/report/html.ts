/**
 * The quarterly report as one self-contained HTML page: inline CSS, inline SVG charts, nothing fetched from anywhere
 * (a Content-Security-Policy says so to the browser). Every piece of text from the lists is escaped.
 */
import { parsePeriod, periodDates, quartersElapsed } from "../core/period";
import type { Rag } from "../core/types";
import { RAG_COLOURS, TREND_COLOURS, referralsChart, utilisationChart } from "./charts";
import { esc } from "./escape";
import type { FundingGroup, FundingLine, FundingTotals, QuarterlyReport, ServiceSection } from "./model";
import { draftNarrative, type Narrative } from "./narrative";
import { kpiFigureTexts, longDate, money, NONE, quarterTitle, ragText, share } from "./text";

export interface HtmlReportOptions {
  /** When the report was built; shown in the masthead. */
  readonly generatedAt: Date;
  /** Where the figures came from, e.g. the SharePoint site; shown in the footer. */
  readonly source?: string;
  /** The organisation named in the masthead. */
  readonly organisation?: string;
}

const CSS = `
:root{--ink:#1b1f24;--muted:#5b6572;--line:#d9dee5;--paper:#fff;--wash:#f4f6f9;--brand:#1f3864;--brand-2:#2f5597;
--green:${RAG_COLOURS.green};--amber:${RAG_COLOURS.amber};--red:${RAG_COLOURS.red}}
*{box-sizing:border-box}
body{margin:0;background:var(--wash);color:var(--ink);font:15px/1.5 "Segoe UI","Helvetica Neue",Arial,sans-serif}
.masthead{background:var(--brand);color:#fff;padding:28px 48px 30px}
.masthead .eyebrow{margin:0 0 6px;font-size:13px;letter-spacing:.08em;text-transform:uppercase;opacity:.8}
.masthead h1{margin:0;font-size:30px;font-weight:600}
.masthead .sub{margin:6px 0 0;font-size:16px;opacity:.9}
main{max-width:1120px;margin:0 auto;padding:28px 32px 48px}
section{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:22px 26px;margin:0 0 22px}
h2{margin:0 0 4px;font-size:21px;color:var(--brand)}
h2+.lead{margin:0 0 16px;color:var(--muted)}
h3{margin:22px 0 10px;font-size:17px;color:var(--brand-2);border-bottom:2px solid var(--line);padding-bottom:4px}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:14px;background:none;border:0;padding:0}
.card{background:var(--paper);border:1px solid var(--line);border-top:4px solid var(--brand);border-radius:8px;padding:14px 16px}
.card .label{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.card .value{font-size:26px;font-weight:600;margin-top:2px;font-variant-numeric:tabular-nums}
.card .note{font-size:13px;color:var(--muted)}
table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600;background:var(--wash)}
td.num,th.num{text-align:right;white-space:nowrap}
tr.total td{font-weight:600;border-top:2px solid var(--ink);background:#fafbfc}
tr.subtotal td{font-weight:600;background:#fafbfc}
.rag{display:inline-block;min-width:54px;text-align:center;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
.rag.green{background:var(--green)}.rag.amber{background:var(--amber)}.rag.red{background:var(--red)}
.rag.none{background:#e6e9ee;color:var(--muted)}
.meter{display:inline-block;width:80px;height:8px;background:#e6e9ee;border-radius:4px;vertical-align:middle;margin-right:8px;overflow:hidden}
.meter span{display:block;height:100%;background:var(--brand-2)}
.trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:14px}
.trend{border:1px solid var(--line);border-radius:6px;padding:10px 12px 4px}
.trend h4{margin:0;font-size:14px}.trend p{margin:0 0 4px;font-size:12px;color:var(--muted)}
.legend{display:flex;gap:18px;font-size:13px;color:var(--muted);margin:0 0 12px}
.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.service{border-top:1px solid var(--line);padding-top:14px;margin-top:14px}
.service:first-of-type{border-top:0;margin-top:0;padding-top:0}
.service header{display:flex;justify-content:space-between;align-items:baseline;gap:12px;flex-wrap:wrap}
.service h4{margin:0;font-size:16px}
.service .who{color:var(--muted);font-size:13px}
.service table td:first-child{width:34%}
.service .counts{font-size:13px;color:var(--muted)}
.commentary{margin:10px 0 0;padding:10px 14px;background:var(--wash);border-left:4px solid var(--brand-2);border-radius:0 6px 6px 0}
.commentary p{margin:0 0 6px}.commentary p:last-child{margin:0}
.empty{color:var(--muted);font-style:italic}
.narrative ol{padding-left:28px;margin:0 0 8px}.narrative li{margin:0 0 10px;max-width:78ch}
.narrative h3+h4,.narrative h4{margin:14px 0 6px;font-size:15px;color:var(--muted)}
footer{max-width:1120px;margin:0 auto;padding:0 32px 40px;color:var(--muted);font-size:13px}
@media print{body{background:#fff}.masthead{-webkit-print-color-adjust:exact;print-color-adjust:exact}section{break-inside:avoid-page;border:0;padding:0 0 18px}}
@media (max-width:900px){.cards{grid-template-columns:repeat(2,1fr)}main{padding:16px}}
`;

/**
 * Nothing loads, runs or posts: should markup from a list ever slip past the escaping, the browser still refuses its
 * scripts, a form posting to another host and a <base> re-pointing links. (A meta refresh no policy stops: escaping
 * every list value is what keeps one out.)
 */
export const CONTENT_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'";

function ragChip(r: Rag | null): string {
  return `<span class="rag ${esc(r ?? "none")}">${esc(ragText(r))}</span>`;
}

function meter(fraction: number | null): string {
  if (fraction === null) return NONE;
  const width = Math.max(0, Math.min(1, fraction)) * 100;
  return `<span class="meter" aria-hidden="true"><span style="width:${width.toFixed(1)}%"></span></span>${share(fraction)}`;
}

function card(label: string, value: string, note: string): string {
  return `<div class="card"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div><div class="note">${esc(note)}</div></div>`;
}

function fundingRow(l: FundingLine): string {
  const name =
    l.area === l.provider ? esc(l.area) : `${esc(l.area)} <span class="who">(${esc(l.provider)})</span>`;
  return (
    `<tr><td>${name}</td><td class="num">${money(l.awarded)}</td><td class="num">${money(l.spent)}</td>` +
    `<td>${meter(l.utilisation)}</td><td class="num">${share(l.expectedUtilisation)}</td><td class="num">${money(l.forecastOutturn)}</td><td>${ragChip(l.rag)}</td></tr>`
  );
}

function totalRow(label: string, t: FundingTotals, cls: string): string {
  return (
    `<tr class="${cls}"><td>${esc(label)}</td><td class="num">${money(t.awarded)}</td><td class="num">${money(t.spent)}</td>` +
    `<td>${meter(t.utilisation)}</td><td class="num"></td><td class="num">${money(t.forecastOutturn)}</td><td></td></tr>`
  );
}

function fundingTable(groups: readonly FundingGroup[], total: FundingTotals): string {
  const head =
    `<thead><tr><th>Area / CSP</th><th class="num">Awarded</th><th class="num">Spent to date</th><th>Utilisation</th>` +
    `<th class="num">Expected</th><th class="num">Forecast outturn</th><th>RAG</th></tr></thead>`;
  const body = groups
    .map(
      (g) =>
        `<tr class="subtotal"><td colspan="7">${esc(g.serviceArea)}</td></tr>` +
        g.lines.map(fundingRow).join("") +
        // A subtotal only helps when another area follows; with one area the grand total says it all.
        (g.lines.length > 1 && groups.length > 1
          ? totalRow(`Total, ${g.serviceArea}`, g.total, "subtotal")
          : ""),
    )
    .join("");
  return `<table>${head}<tbody>${body}${totalRow("Total, all funding", total, "total")}</tbody></table>`;
}

/** The drafted narrative: numbered paragraphs under the plan's headings, numbered on through the headings. */
function narrativeSection(n: Narrative): string {
  let number = 1;
  const body = n.sections
    .map(
      (s) =>
        `<h3>${esc(s.heading)}</h3>` +
        s.areas
          .map((a) => {
            const start = number;
            number += a.paragraphs.length;
            const items = a.paragraphs
              .map(
                (p) =>
                  `<li><strong>${esc(p.lead)}</strong>${p.joiner === ": " ? ":" : ""} ${esc(p.body)}</li>`,
              )
              .join("");
            return `<h4>${esc(a.area)}</h4><ol start="${start}">${items}</ol>`;
          })
          .join(""),
    )
    .join("");
  return (
    `<section class="narrative"><h2>Commissioning activity</h2>` +
    `<p class="lead">Drafted from the lists: each service's figures in words, with the provider's own commentary quoted. The Word report carries the same paragraphs for the officer to edit.</p>` +
    (body || `<p class="empty">No approved KPI returns for this quarter.</p>`) +
    `</section>`
  );
}

function serviceArticle(s: ServiceSection): string {
  const rows = s.kpis
    .map(
      (k) =>
        `<tr><td>${esc(k.label)}</td>` +
        kpiFigureTexts(k)
          .map((text) => `<td class="num">${esc(text)}</td>`)
          .join("") +
        `<td>${ragChip(k.rag)}</td></tr>`,
    )
    .join("");
  const counts = [
    s.rag.green ? `${s.rag.green} green` : "",
    s.rag.amber ? `${s.rag.amber} amber` : "",
    s.rag.red ? `${s.rag.red} red` : "",
  ]
    .filter(Boolean)
    .join(" · ");
  const commentary = s.commentary.length
    ? `<div class="commentary">${s.commentary.map((c) => `<p>${esc(c)}</p>`).join("")}</div>`
    : "";
  const approved = s.approvedBy ? ` · approved by ${esc(s.approvedBy)}` : "";
  return (
    `<article class="service"><header><div><h4>${esc(s.service)}</h4><div class="who">${esc(s.provider)}${approved}</div></div>` +
    `<div class="counts">${esc(counts)}</div></header>` +
    `<table><thead><tr><th>KPI</th><th class="num">This quarter</th><th class="num">Target</th><th class="num">Variance</th>` +
    `<th class="num">vs previous quarter</th><th class="num">vs same quarter last year</th><th>RAG</th></tr></thead><tbody>${rows}</tbody></table>` +
    commentary +
    `</article>`
  );
}

/** The headline cards: money, utilisation against the profile, and KPIs on target. */
function headlineCards(report: QuarterlyReport, expected: number): string {
  const t = report.funding.total;
  const rag = report.rag;
  return (
    `<section class="cards">` +
    card("Awarded", money(t.awarded), `${t.lines} budget ${t.lines === 1 ? "line" : "lines"}`) +
    card("Spent to date", money(t.spent), `by the end of ${quarterTitle(report.period)}`) +
    card("Utilisation", share(t.utilisation), `expected ${share(expected)} by now`) +
    card("Forecast outturn", money(t.forecastOutturn), "at the current run rate") +
    card(
      "KPIs on target",
      `${rag.green} of ${rag.green + rag.amber + rag.red}`,
      `${rag.amber} amber · ${rag.red} red`,
    ) +
    `</section>`
  );
}

/** The year's funding: the partnerships' utilisation chart and the table by area. */
function fundingSection(report: QuarterlyReport, expected: number): string {
  const p = parsePeriod(report.period);
  const dates = periodDates(p);
  return (
    `<section><h2>Summary of ${esc(dates.first.slice(0, 4))}-${esc(String((p.startYear + 1) % 100).padStart(2, "0"))} funding</h2>` +
    `<p class="lead">Awarded, spent to date and forecast outturn by area and Community Safety Partnership.</p>` +
    (report.csps.length
      ? `<h3>Budget utilisation by Community Safety Partnership</h3>` +
        `<p class="lead">The five CSPs were awarded ${money(report.cspTotal.awarded)} and have spent ${money(report.cspTotal.spent)}: ${share(report.cspTotal.utilisation)} utilisation.</p>` +
        utilisationChart(report.csps, expected, quarterTitle(report.period))
      : "") +
    `<h3>Funding by area</h3>` +
    (report.funding.groups.length
      ? fundingTable(report.funding.groups, report.funding.total)
      : `<p class="empty">No approved budget returns for this quarter.</p>`) +
    `</section>`
  );
}

/** Each service's referrals against the previous quarter and the same quarter last year, a chart each. */
function referralsSection(report: QuarterlyReport): string {
  const periods = { lastYear: report.lastYearPeriod, previous: report.previousPeriod, actual: report.period };
  return (
    `<section><h2>Referrals</h2><p class="lead">Each service's referrals this quarter, against the previous quarter and the same quarter last year (each chart has its own scale).</p>` +
    `<div class="legend"><span><i style="background:${TREND_COLOURS.lastYear}"></i>${esc(quarterTitle(report.lastYearPeriod))}</span>` +
    `<span><i style="background:${TREND_COLOURS.previous}"></i>${esc(quarterTitle(report.previousPeriod))}</span>` +
    `<span><i style="background:${TREND_COLOURS.actual}"></i>${esc(quarterTitle(report.period))}</span></div>` +
    (report.referrals.length
      ? `<div class="trends">${report.referrals
          .map(
            (r) =>
              `<div class="trend"><h4>${esc(r.service)}</h4><p>${esc(r.label)}</p>${referralsChart(r, periods)}</div>`,
          )
          .join("")}</div>`
      : `<p class="empty">No referrals reported this quarter.</p>`) +
    `</section>`
  );
}

/** Every service's KPIs under its area's heading. */
function servicesSection(report: QuarterlyReport): string {
  const areas = [...new Set(report.services.map((s) => s.serviceArea))];
  return (
    `<section><h2>Services</h2><p class="lead">Each service's KPIs against target, with the trend against the previous quarter and the same quarter last year, and the provider's commentary. Percentage KPIs change in percentage points.</p>` +
    (areas.length
      ? areas
          .map(
            (a) =>
              `<h3>${esc(a)}</h3>` +
              report.services
                .filter((s) => s.serviceArea === a)
                .map(serviceArticle)
                .join(""),
          )
          .join("")
      : `<p class="empty">No approved KPI returns for this quarter.</p>`) +
    `</section>`
  );
}

export function renderReportHtml(report: QuarterlyReport, options: HtmlReportOptions): string {
  const p = parsePeriod(report.period);
  const dates = periodDates(p);
  const title = `Quarterly commissioning report – ${quarterTitle(report.period)}`;
  const months = `${dates.months[0]} to ${dates.months[2]} ${dates.last.slice(0, 4)}`;
  const expected =
    report.csps.find((l) => l.expectedUtilisation !== null)?.expectedUtilisation ?? quartersElapsed(p) / 4;
  const empty = report.sources.kpiItems + report.sources.budgetItems === 0;

  const footer =
    `<footer>Built on ${esc(longDate(options.generatedAt))} from ${report.sources.kpiItems} items of the “KPI Returns” list and ` +
    `${report.sources.budgetItems} items of the “Budget Returns” list (${report.sources.returns} approved returns)` +
    `${options.source ? ` on ${esc(options.source)}` : ""}. Figures are as the providers returned them and the commissioning team approved them.</footer>`;

  return (
    `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_POLICY}">` +
    `<title>${esc(title)}</title><style>${CSS}</style></head><body>` +
    `<header class="masthead"><p class="eyebrow">${esc(options.organisation ?? "Office of the Police and Crime Commissioner")} · Commissioning</p>` +
    `<h1>${esc(title)}</h1><p class="sub">${esc(months)} · Grants and contracts: funding and performance</p></header>` +
    `<main>` +
    (empty
      ? `<section><p class="empty">The lists hold no approved returns for ${esc(report.period)}.</p></section>`
      : "") +
    headlineCards(report, expected) +
    (empty ? "" : narrativeSection(draftNarrative(report))) +
    fundingSection(report, expected) +
    referralsSection(report) +
    servicesSection(report) +
    `</main>${footer}</body></html>\n`
  );
}
