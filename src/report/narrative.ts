/**
 * The quarterly report's prose, drafted from the list items by rules and phrase patterns (no language model): one
 * numbered paragraph per service under its Police and Crime Plan heading, and the Community Safety Partnerships'
 * funding paragraph, in the register of the PCC's own report ("saw a drop in referrals from 4,441 to 3,834 during
 * Q2"). Pure, so the .docx, the HTML page and the task pane's summary sheet print the same words.
 *
 * The wording is careful by rule, not by luck:
 * - every number printed is a list item's figure (or the CSPs' total award and spend), never a derived one;
 * - a change is "slight" only when it is within the KPI's tolerance AND under half its `periodPct`; beyond the
 *   tolerance it is a plain rise or fall; nothing is "sharp" or "significant";
 * - when the earlier figure is below the tolerance's `smallBase`, both figures are given and no direction is claimed;
 * - a target is met, exceeded or missed as the item's variance says; an annual target is judged pro rata (the
 *   item's variance is against the pro-rata share), and "double the annual target" only when the figures say so;
 * - the provider's commentary is quoted, never paraphrased.
 * Phrasings rotate from paragraph to paragraph, so thirty paragraphs do not read alike, and the same lists always
 * give the same draft.
 *
 * This file assembles the paragraphs; the words and numbers are in `narrative-words.ts`, the judging of a change or
 * a target in `narrative-judge.ts`, and the sentences about one service in `narrative-sentences.ts`.
 */
import type { FundingLine, QuarterlyReport, ServiceSection } from "./model";
import { PLAN_HEADINGS, isCspArea, planHeadingRank } from "./model";
import { Variety } from "./narrative-judge";
import {
  budgetSentence,
  headline,
  headlineKpi,
  othersSentence,
  percentSentence,
  QUOTE_FRAMES,
  quoted,
} from "./narrative-sentences";
import { countWord, listOf, shareText } from "./narrative-words";
import { money, quarterTitle } from "./text";

/** One numbered paragraph: the service's name (bold in the document), then the prose. */
export interface NarrativeParagraph {
  /** Which service it is about, stable from quarter to quarter: provider|template (or "csp-funding"). */
  readonly key: string;
  /** The service as the paragraph names it, shown bold. */
  readonly lead: string;
  /** How the lead joins the body: as its subject (" ") or as a label (": "). */
  readonly joiner: " " | ": ";
  readonly body: string;
}

export interface NarrativeArea {
  /** The service area, a subheading (Domestic Abuse, Victim Services…). */
  readonly area: string;
  readonly paragraphs: readonly NarrativeParagraph[];
}

export interface NarrativeSection {
  /** The Police and Crime Plan priority. */
  readonly heading: string;
  readonly areas: readonly NarrativeArea[];
}

export interface Narrative {
  readonly period: string;
  readonly sections: readonly NarrativeSection[];
  /** The Community Safety Partnerships' funding, its award and spend per partnership (null when none reported). */
  readonly cspFunding: NarrativeParagraph | null;
}

/** The paragraph as plain text: lead and body. */
export function paragraphText(p: NarrativeParagraph): string {
  return `${p.lead}${p.joiner}${p.body}`;
}

/** Every paragraph, in document order (the CSP paragraph within its heading's place). */
export function allParagraphs(n: Narrative): NarrativeParagraph[] {
  return n.sections.flatMap((s) => s.areas.flatMap((a) => a.paragraphs));
}

function serviceParagraph(
  s: ServiceSection,
  budget: readonly FundingLine[],
  when: string,
  v: Variety,
): NarrativeParagraph {
  const key = `${s.provider}|${s.templateId}`;
  const lead = s.service;
  const sentences: string[] = [];
  const main = headlineKpi(s);
  let joiner: " " | ": " = ": ";
  if (main) {
    const h = headline(main, when, v);
    // The seed's two ways of opening: "<Service> saw a drop in …" and "<Service>: 400 valid referrals …".
    if (h.predicate && v.pick("form", [true, false])) {
      joiner = " ";
      sentences.push(h.predicate);
    } else sentences.push(h.sentence);
  }
  for (const k of s.kpis.filter((k) => k !== main && k.actual !== null && k.unit === "percent")) {
    sentences.push(percentSentence(k, v));
  }
  const others = s.kpis.filter((k) => k !== main && k.actual !== null && k.unit !== "percent");
  for (const k of others.filter((k) => k.target !== null || k.previous !== null || k.lastYear !== null)) {
    sentences.push(headline(k, when, v).sentence);
  }
  const plain = others.filter((k) => k.target === null && k.previous === null && k.lastYear === null);
  if (plain.length) sentences.push(othersSentence(plain.slice(0, 4), v));
  if (plain.length > 4) sentences.push(othersSentence(plain.slice(4), v));
  const money = budgetSentence(budget, when);
  if (money) sentences.push(money);
  if (!main && sentences.length === 0) sentences.push(`The return for ${when} carries no figures.`);
  s.commentary.slice(0, 3).forEach((c, i) => {
    const frame =
      i === 0
        ? v.pick("quote", QUOTE_FRAMES)
        : (q: string) => `${v.pick("quote-more", ["They add:", "And:"])} ${q}`;
    sentences.push(frame(quoted(c), s.provider));
  });
  return { key, lead, joiner, body: sentences.join(" ") };
}

/** The seed's CSP paragraph: the combined award, then each partnership's award and spend, and who is off profile. */
function cspParagraph(
  lines: readonly FundingLine[],
  period: string,
  when: string,
): NarrativeParagraph | null {
  const reported = lines.filter((l) => l.awarded !== null);
  if (reported.length === 0) return null;
  const awarded = reported.reduce((sum, l) => sum + (l.awarded ?? 0), 0);
  const spent = reported.reduce((sum, l) => sum + (l.spent ?? 0), 0);
  const year = period.slice(0, 7).replace("-", "/");
  const each = reported.map((l) => {
    const used = l.utilisation === null ? "" : ` (${shareText(l.utilisation)})`;
    return l.spent === null
      ? `${l.area} ${money(l.awarded as number)}, with no spend reported`
      : `${l.area} ${money(l.awarded as number)}, of which ${money(l.spent)} spent${used}`;
  });
  const sentences = [
    `The ${countWord(reported.length)} Community Safety Partnerships were awarded a combined total of ${money(awarded)} for ${year}, and had spent ${money(spent)} by the end of ${when}.`,
    `This is split by: ${listOf(each)}.`,
  ];
  const whole = reported.filter((l) => l.spent !== null && l.spent === l.awarded).map((l) => l.area);
  if (whole.length)
    sentences.push(`${listOf(whole)} ${whole.length === 1 ? "has" : "have"} spent the whole award.`);
  const expected = reported.find((l) => l.expectedUtilisation !== null)?.expectedUtilisation ?? null;
  const off = (ahead: boolean): string[] =>
    reported
      .filter(
        (l) =>
          l.rag !== null && l.rag !== "green" && l.utilisation !== null && l.expectedUtilisation !== null,
      )
      .filter((l) =>
        ahead
          ? (l.utilisation as number) > (l.expectedUtilisation as number)
          : (l.utilisation as number) < (l.expectedUtilisation as number),
      )
      .filter((l) => !whole.includes(l.area))
      .map((l) => l.area);
  if (expected !== null) {
    const ahead = off(true);
    const behind = off(false);
    if (ahead.length)
      sentences.push(
        `${listOf(ahead)} ${ahead.length === 1 ? "is" : "are"} ahead of the profile of ${shareText(expected)} for the quarter.`,
      );
    if (behind.length)
      sentences.push(
        `${listOf(behind)} ${behind.length === 1 ? "is" : "are"} behind the profile of ${shareText(expected)}.`,
      );
  }
  return {
    key: "csp-funding",
    lead: "Community Safety Partnerships",
    joiner: ": ",
    body: sentences.join(" "),
  };
}

/** The draft narrative for the quarter, from the report model (itself built from the list items alone). */
export function draftNarrative(report: QuarterlyReport): Narrative {
  const v = new Variety();
  const when = quarterTitle(report.period);
  const budgetOf = (s: ServiceSection): FundingLine[] =>
    report.funding.groups
      .flatMap((g) => g.lines)
      .filter((l) => l.provider === s.provider && l.service === s.service);
  const services = report.services.filter((s) => !isCspArea(s.serviceArea));
  const headings = [...new Set(services.map((s) => s.planHeading))];
  const csp = cspParagraph(report.csps, report.period, when);
  if (csp && !headings.includes(PLAN_HEADINGS[3])) headings.push(PLAN_HEADINGS[3]);
  headings.sort((a, b) => planHeadingRank(a) - planHeadingRank(b) || a.localeCompare(b, "en-GB"));
  const sections: NarrativeSection[] = headings.map((heading) => {
    const inHeading = services.filter((s) => s.planHeading === heading);
    const areas: NarrativeArea[] = [...new Set(inHeading.map((s) => s.serviceArea))].map((area) => ({
      area,
      paragraphs: inHeading
        .filter((s) => s.serviceArea === area)
        .map((s) => serviceParagraph(s, budgetOf(s), when, v)),
    }));
    if (heading === PLAN_HEADINGS[3] && csp)
      areas.push({ area: "Community Safety Partnerships", paragraphs: [csp] });
    return { heading, areas };
  });
  return { period: report.period, sections, cspFunding: csp };
}
