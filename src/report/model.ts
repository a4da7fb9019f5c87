/**
 * The quarterly report as data, built only from the SharePoint list items finance reviewed (never retyped): the
 * funding summary by area and Community Safety Partnership, each service's KPIs with trends and commentary, and the
 * series the charts draw. Pure, so the command line's .xlsx/.html and the task pane's summary sheet share it.
 */
import { formatPeriod, parsePeriod, previousQuarter, sameQuarterLastYear } from "../core/period";
import { DEFAULT_TOLERANCE } from "../core/template-vocabulary";
import { kpiTolerance } from "../core/figures";
import type { KpiTemplate, Rag, Tolerance } from "../core/types";
import {
  KPI_ITEM_FIGURE_FIELDS,
  pickFields,
  type BudgetListItem,
  type KpiItemFigures,
  type KpiListItem,
} from "../sharepoint/list-items";
import { builtInTemplates } from "../templates";

/** One budget line's money: a CSP's grant, a service's award. Utilisation figures are fractions (0.81 = 81%). */
export interface FundingLine {
  /** The Community Safety Partnership or area the money is for. */
  readonly area: string;
  readonly provider: string;
  readonly service: string;
  readonly serviceArea: string;
  readonly lineLabel: string;
  readonly awarded: number | null;
  readonly spent: number | null;
  readonly utilisation: number | null;
  readonly expectedUtilisation: number | null;
  readonly forecastOutturn: number | null;
  readonly forecastVariance: number | null;
  readonly rag: Rag | null;
  readonly commentary: string;
}

/** Sums over several lines. Utilisation is total spent over total awarded, over the lines that report both. */
export interface FundingTotals {
  readonly awarded: number;
  readonly spent: number;
  readonly utilisation: number | null;
  readonly forecastOutturn: number;
  readonly forecastVariance: number;
  readonly lines: number;
}

export interface FundingGroup {
  readonly serviceArea: string;
  readonly lines: readonly FundingLine[];
  readonly total: FundingTotals;
}

/** One KPI as the report shows it: the list item's figures. Percentages of change are ×100 (5.8 = +5.8%); points are percentage points. */
export interface ReportKpi extends KpiItemFigures {
  /** How a percent KPI's values are held: fractions (0.9583) or points (95.83). */
  readonly percentScale: KpiTemplate["percentScale"];
  /** How the narrative names the KPI after its figure: the template's phrase, else the label in lower case. */
  readonly phrase: string;
  /** From the template: whether the target is the quarter's or the year's, and which way is better. */
  readonly targetBasis: "quarter" | "annual";
  readonly cumulative: boolean;
  readonly higherIsBetter: boolean;
  /** The KPI's tolerance (the template's, with the KPI's own on top): what counts as a change worth a word. */
  readonly tolerance: Tolerance;
}

export interface ServiceSection {
  readonly provider: string;
  readonly service: string;
  readonly serviceArea: string;
  /** The Police and Crime Plan priority the report files it under. */
  readonly planHeading: string;
  readonly templateId: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
  readonly kpis: readonly ReportKpi[];
  /** The provider's commentary, once per distinct text, in KPI order. */
  readonly commentary: readonly string[];
  readonly rag: RagCounts;
}

export interface RagCounts {
  readonly green: number;
  readonly amber: number;
  readonly red: number;
  /** KPIs with no RAG (no target, no figure). */
  readonly none: number;
}

/** One service's referrals over three quarters, for the trend chart. */
export interface ReferralsTrend {
  readonly provider: string;
  readonly service: string;
  readonly label: string;
  readonly lastYear: number | null;
  readonly previous: number | null;
  readonly actual: number | null;
}

export interface QuarterlyReport {
  readonly period: string;
  readonly previousPeriod: string;
  readonly lastYearPeriod: string;
  readonly funding: { readonly groups: readonly FundingGroup[]; readonly total: FundingTotals };
  /** The Community Safety Partnerships' lines (the seed's funding summary), in the order the seed lists them. */
  readonly csps: readonly FundingLine[];
  readonly cspTotal: FundingTotals;
  readonly services: readonly ServiceSection[];
  readonly referrals: readonly ReferralsTrend[];
  readonly rag: RagCounts;
  readonly sources: { readonly kpiItems: number; readonly budgetItems: number; readonly returns: number };
}

/** Service areas in the order the PCC's own report runs; any other area follows, alphabetically. */
const AREA_ORDER = [
  "Sexual Violence and CSE",
  "Sexual Violence",
  "CSE",
  "Domestic Abuse",
  "Victim Services",
  "Early Intervention and Prevention",
  "Reduce Offending",
  "Road Safety",
  "Reassuring West Mercia",
  "Community Safety Partnership",
];

/** The seed lists the CSPs west to east: Shropshire, Herefordshire, Telford & Wrekin, South then North Worcestershire. */
const CSP_ORDER = ["shropshire", "hereford", "telford", "south worcester", "north worcester"];

/** The Police and Crime Plan's priorities, in the order the PCC's report runs; any other heading follows. */
export const PLAN_HEADINGS = [
  "Putting Victims and Survivors First",
  "Building a More Secure West Mercia",
  "Reassuring West Mercia",
  "Reforming West Mercia",
] as const;

/** Where a service sits when its template names no plan heading: by its service area, as the seed's report files them. */
function defaultPlanHeading(serviceArea: string): string {
  const a = serviceArea.toLowerCase();
  if (/community safety partnership/.test(a)) return PLAN_HEADINGS[3];
  if (/reassuring/.test(a)) return PLAN_HEADINGS[2];
  if (/offending|road safety|secure/.test(a)) return PLAN_HEADINGS[1];
  return PLAN_HEADINGS[0];
}

export function planHeadingRank(heading: string): number {
  const i = (PLAN_HEADINGS as readonly string[]).indexOf(heading);
  return i === -1 ? PLAN_HEADINGS.length : i;
}

/** A label as it reads inside a sentence: "Referrals" → "referrals", "% of victims…" → "of victims…"; acronyms kept. */
export function labelPhrase(label: string): string {
  const text = label.replace(/^%\s*/, "").trim();
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

export function isCspArea(serviceArea: string): boolean {
  return /community safety partnership/i.test(serviceArea);
}

function areaRank(area: string): number {
  const i = AREA_ORDER.findIndex((a) => a.toLowerCase() === area.toLowerCase());
  return i === -1 ? AREA_ORDER.length : i;
}

function cspRank(area: string): number {
  const i = CSP_ORDER.findIndex((c) => area.toLowerCase().includes(c));
  return i === -1 ? CSP_ORDER.length : i;
}

const byText = (a: string, b: string): number => a.localeCompare(b, "en-GB");

export function fundingTotals(lines: readonly FundingLine[]): FundingTotals {
  let awarded = 0;
  let spent = 0;
  let bothAwarded = 0;
  let bothSpent = 0;
  let forecastOutturn = 0;
  let forecastVariance = 0;
  for (const l of lines) {
    awarded += l.awarded ?? 0;
    spent += l.spent ?? 0;
    if (l.awarded !== null && l.spent !== null) {
      bothAwarded += l.awarded;
      bothSpent += l.spent;
    }
    forecastOutturn += l.forecastOutturn ?? 0;
    forecastVariance += l.forecastVariance ?? 0;
  }
  return {
    awarded,
    spent,
    utilisation: bothAwarded > 0 ? bothSpent / bothAwarded : null,
    forecastOutturn,
    forecastVariance,
    lines: lines.length,
  };
}

function ragCounts(rags: readonly (Rag | null)[]): RagCounts {
  return {
    green: rags.filter((r) => r === "green").length,
    amber: rags.filter((r) => r === "amber").length,
    red: rags.filter((r) => r === "red").length,
    none: rags.filter((r) => r === null).length,
  };
}

function fundingLine(b: BudgetListItem): FundingLine {
  return {
    area: b.area || b.provider,
    provider: b.provider,
    service: b.service,
    serviceArea: b.serviceArea || "Other",
    lineLabel: b.lineLabel,
    awarded: b.awarded,
    spent: b.spentToDate,
    utilisation: b.utilisation ?? (b.awarded && b.spentToDate !== null ? b.spentToDate / b.awarded : null),
    expectedUtilisation: b.expectedUtilisation,
    forecastOutturn: b.forecastOutturn,
    forecastVariance: b.forecastVariance,
    rag: b.rag,
    commentary: b.commentary,
  };
}

/** Finds the template version a return was issued with. */
type TemplateLookup = (templateId: string, version: string) => KpiTemplate | undefined;

/**
 * A percent KPI's scale is the template's; the list does not carry it. Ask the caller's template lookup first, and
 * failing that read the figures: fractions never pass 1.5 (150%).
 */
function percentScaleOf(
  items: readonly KpiListItem[],
  lookup: TemplateLookup | undefined,
): KpiTemplate["percentScale"] {
  const first = items[0];
  const template = first && lookup?.(first.templateId, first.templateVersion);
  if (template) return template.percentScale;
  const values = items
    .filter((i) => i.unit === "percent")
    .flatMap((i) => [i.actual, i.target, i.previous, i.lastYear])
    .filter((n): n is number => n !== null);
  return values.some((n) => Math.abs(n) > 1.5) ? "points" : "fraction";
}

function reportKpi(
  i: KpiListItem,
  percentScale: KpiTemplate["percentScale"],
  template: KpiTemplate | undefined,
): ReportKpi {
  const def = template?.kpis.find((k) => k.id === i.kpiId);
  return {
    ...pickFields(i, KPI_ITEM_FIGURE_FIELDS),
    percentScale,
    phrase: def?.phrase ?? labelPhrase(i.label),
    targetBasis: def?.targetBasis ?? "quarter",
    cumulative: def?.cumulative ?? false,
    higherIsBetter: def?.higherIsBetter ?? true,
    tolerance: template && def ? kpiTolerance(template, def) : (template?.tolerance ?? DEFAULT_TOLERANCE),
  };
}

/** A service's headline referrals figure: the first count KPI its template calls referrals. */
function referralsOf(section: ServiceSection): ReferralsTrend | null {
  const kpi = section.kpis.find((k) => k.unit === "count" && /referral/i.test(`${k.kpiId} ${k.label}`));
  if (!kpi || kpi.actual === null) return null;
  return {
    provider: section.provider,
    service: section.service,
    label: kpi.label,
    lastYear: kpi.lastYear,
    previous: kpi.previous,
    actual: kpi.actual,
  };
}

export interface BuildOptions {
  /**
   * Every template the quarter's returns may have been issued with, for KPI order, targets' basis and a percent KPI's
   * scale: the built-in set and the KPI Templates list's versions (see the command line's loadCatalogue). Default: the
   * built-in templates alone.
   */
  readonly templates?: readonly KpiTemplate[];
}

/** The funding lines grouped by service area, areas in the report's order and partnerships west to east. */
function fundingGroups(lines: readonly FundingLine[]): FundingGroup[] {
  const areas = [...new Set(lines.map((l) => l.serviceArea))].sort(
    (a, b) => areaRank(a) - areaRank(b) || byText(a, b),
  );
  return areas.map((serviceArea) => {
    const inArea = lines
      .filter((l) => l.serviceArea === serviceArea)
      .sort(
        (a, b) =>
          cspRank(a.area) - cspRank(b.area) || byText(a.area, b.area) || byText(a.lineLabel, b.lineLabel),
      );
    return { serviceArea, lines: inArea, total: fundingTotals(inArea) };
  });
}

/** One service's section: its KPIs in the template's order, its commentary once each, its RAG counts. */
function serviceSection(items: readonly KpiListItem[], lookup: TemplateLookup): ServiceSection {
  const first = items[0];
  const scale = percentScaleOf(items, lookup);
  const template = lookup(first.templateId, first.templateVersion);
  // The template's order is the order providers fill the return in; the list's own order is not guaranteed.
  const order = template ? template.kpis.map((k) => k.id) : [];
  const rank = (id: string): number => (order.includes(id) ? order.indexOf(id) : order.length);
  const reportKpis = items
    .map((i) => reportKpi(i, scale, template))
    .sort((a, b) => rank(a.kpiId) - rank(b.kpiId));
  const commentary = [...new Set(reportKpis.map((k) => k.commentary.trim()).filter(Boolean))];
  return {
    provider: first.provider,
    service: first.service,
    serviceArea: first.serviceArea || "Other",
    planHeading: template?.planHeading ?? defaultPlanHeading(first.serviceArea || ""),
    templateId: first.templateId,
    approvedBy: first.approvedBy,
    approvedAt: first.approvedAt,
    kpis: reportKpis,
    commentary,
    rag: ragCounts(reportKpis.map((k) => k.rag)),
  };
}

/** A section per return, in the report's order of areas, then services. */
function serviceSections(kpis: readonly KpiListItem[], lookup: TemplateLookup): ServiceSection[] {
  const byReturn = new Map<string, KpiListItem[]>();
  for (const item of kpis) {
    const key = item.returnKey || `${item.provider}|${item.templateId}|${item.period}`;
    byReturn.set(key, [...(byReturn.get(key) ?? []), item]);
  }
  return [...byReturn.values()]
    .map((items) => serviceSection(items, lookup))
    .sort(
      (a, b) =>
        areaRank(a.serviceArea) - areaRank(b.serviceArea) ||
        byText(a.serviceArea, b.serviceArea) ||
        // Partnerships run west to east, as the seed lists them; other services by name.
        (isCspArea(a.serviceArea) ? cspRank(a.provider) - cspRank(b.provider) : 0) ||
        byText(a.service, b.service) ||
        byText(a.provider, b.provider),
    );
}

/** The exact version a return was issued with, among `templates`. */
function templateLookup(templates: readonly KpiTemplate[]): TemplateLookup {
  return (templateId, version) => templates.find((t) => t.id === templateId && t.version === version);
}

export function buildQuarterlyReport(
  kpiItems: readonly KpiListItem[],
  budgetItems: readonly BudgetListItem[],
  period: string,
  options: BuildOptions = {},
): QuarterlyReport {
  const lookup = templateLookup(options.templates ?? builtInTemplates);
  const p = parsePeriod(period);
  const canonical = formatPeriod(p);
  const kpis = kpiItems.filter((i) => i.period === canonical);
  const budget = budgetItems.filter((i) => i.period === canonical);

  // A service's grant line with neither an award nor any spend carries no money: it has no place in a funding summary.
  const lines = budget.map(fundingLine).filter((l) => l.awarded !== null || l.spent !== null);
  const groups = fundingGroups(lines);
  const csps = groups.filter((g) => isCspArea(g.serviceArea)).flatMap((g) => g.lines);
  const services = serviceSections(kpis, lookup);

  const returns = new Set([...kpis, ...budget].map((i) => i.returnKey || `${i.provider}|${i.templateId}`));
  return {
    period: canonical,
    previousPeriod: formatPeriod(previousQuarter(p)),
    lastYearPeriod: formatPeriod(sameQuarterLastYear(p)),
    funding: { groups, total: fundingTotals(lines) },
    csps,
    cspTotal: fundingTotals(csps),
    services,
    referrals: services.map(referralsOf).filter((r): r is ReferralsTrend => r !== null),
    rag: ragCounts(kpis.map((k) => k.rag)),
    sources: { kpiItems: kpis.length, budgetItems: budget.length, returns: returns.size },
  };
}
