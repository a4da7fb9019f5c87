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
 */
import { formatCount, formatCurrency, plainNumber } from "../core/format";
import type { FundingLine, QuarterlyReport, ReportKpi, ServiceSection } from "./model";
import { PLAN_HEADINGS, isCspArea, planHeadingRank } from "./model";
import { quarterTitle } from "./text";

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

// ---------- Numbers, always from the item ----------

/** A percent KPI's value in points, as the report writes it: up to two decimals, as providers report them (95.83%). */
function pctText(k: ReportKpi, n: number): string {
  const points = k.percentScale === "fraction" ? n * 100 : n;
  return `${points < 0 ? "−" : ""}${plainNumber(Math.abs(points), 0, 2)}%`;
}

/** A fraction (utilisation, a profile's share) as a percentage with one decimal at most: 0.5 → "50%". */
function shareText(fraction: number): string {
  return `${plainNumber(Math.abs(fraction * 100), 0, 1)}%`;
}

function valueText(k: ReportKpi, n: number): string {
  switch (k.unit) {
    case "percent":
      return pctText(k, n);
    case "currency":
      return formatCurrency(n);
    case "days":
      return `${formatCount(n, 1)} ${n === 1 ? "day" : "days"}`;
    default:
      return formatCount(n);
  }
}

function money(n: number): string {
  return formatCurrency(Math.round(n));
}

/** "492 total referrals (hospital data included)"; a currency figure reads "£21,000 spent on campaigns". */
function figure(k: ReportKpi, n: number): string {
  // A days figure whose phrase already says "days" ("15 days of water safety") is not given the unit twice.
  if (k.unit === "days" && /\bdays?\b/i.test(k.phrase)) {
    return `${formatCount(n, 1)} ${n === 1 ? singular(k.phrase) : k.phrase}`;
  }
  const counted = k.unit === "count" || k.unit === "number";
  return `${valueText(k, n)} ${counted && n === 1 ? singular(k.phrase) : k.phrase}`;
}

/** Plurals a KPI phrase's head noun may take, and their singulars, where dropping an "s" would be wrong. */
const IRREGULAR: Readonly<Record<string, string>> = {
  "children and young people": "child or young person",
  people: "person",
  children: "child",
  men: "man",
  women: "woman",
};
/** Words before the head noun that are not themselves plural nouns ("new referrals", "total referrals"). */
const NOT_NOUNS = new Set(["this", "was", "has", "is", "across", "less", "plus", "its", "his", "various"]);

/**
 * A count phrase made singular for a figure of 1: "young people declining the service" → "young person declining the
 * service", "new referrals" → "new referral", "men who have completed" → "man who has completed". Only the first
 * plural noun changes; a phrase with none is left as it is.
 */
export function singular(phrase: string): string {
  // The head noun is the first plural in the phrase: "referrals to the young people's IDVAs" keeps its "people's".
  let best: { at: number; length: number; one: string } | null = null;
  for (const [plural, one] of Object.entries(IRREGULAR)) {
    const m = new RegExp(`\\b${plural}\\b(?!')`, "i").exec(phrase);
    if (m && (!best || m.index < best.at || (m.index === best.at && plural.length > best.length))) {
      best = { at: m.index, length: plural.length, one };
    }
  }
  const words = /[A-Za-z/]+/g;
  for (let m = words.exec(phrase); m && (!best || m.index < best.at); m = words.exec(phrase)) {
    const w = m[0];
    if (!/^[a-z]{3,}s(\/[a-z]+s)?$/i.test(w) || /ss$/i.test(w) || NOT_NOUNS.has(w.toLowerCase())) continue;
    best = { at: m.index, length: w.length, one: w.split("/").map(singularWord).join("/") };
  }
  if (!best) return phrase;
  return agree(phrase.slice(0, best.at) + best.one + phrase.slice(best.at + best.length));
}

function singularWord(w: string): string {
  if (/(ches|shes|xes|sses)$/i.test(w)) return w.slice(0, -2);
  if (/[^aeiou]ies$/i.test(w)) return `${w.slice(0, -3)}y`;
  return w.slice(0, -1);
}

/** The verb after "who" agrees with a single person: "man who has completed". */
function agree(phrase: string): string {
  return phrase.replace(/\bwho have\b/, "who has").replace(/\bwho are\b/, "who is");
}

/** When a figure counts: "in Q2 2022/23", or nothing for a figure counted since April (its phrase says so). */
function inQuarter(k: ReportKpi, when: string): string {
  return k.cumulative ? "" : ` in ${when}`;
}

function capitalise(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** "a, b and c". */
function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Numbers up to ten in words, as the report writes them; a count read from the lists (how many CSPs). */
const WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
function countWord(n: number): string {
  return n >= 0 && n < WORDS.length ? WORDS[n] : formatCount(n);
}

// ---------- Judging a figure ----------

type Move = "rise" | "fall" | "same";

interface Change {
  readonly move: Move;
  /** Within tolerance and under half the % threshold: the only case called "slight". */
  readonly slight: boolean;
  /** The earlier figure is below the small base: report both figures, claim no trend. */
  readonly smallBase: boolean;
  readonly from: number;
  readonly to: number;
}

/** The change from `from` to the KPI's actual, judged against the KPI's tolerance. */
function changeOf(k: ReportKpi, from: number | null): Change | null {
  if (k.actual === null || from === null) return null;
  const t = k.tolerance;
  const to = k.actual;
  const move: Move = to > from ? "rise" : to < from ? "fall" : "same";
  if (k.unit === "percent") {
    const points = Math.abs(k.percentScale === "fraction" ? (to - from) * 100 : to - from);
    return { move, slight: points <= t.periodPoints / 2, smallBase: false, from, to };
  }
  const abs = Math.abs(to - from);
  const pct = from === 0 ? Infinity : (abs / Math.abs(from)) * 100;
  const withinTolerance = abs <= t.periodAbs || pct <= t.periodPct;
  return {
    move,
    slight: withinTolerance && pct <= t.periodPct / 2,
    smallBase: k.unit === "count" && Math.abs(from) < t.smallBase,
    from,
    to,
  };
}

type TargetStanding =
  | { readonly kind: "met" | "exceeded" | "short" | "well-short" | "just-short" }
  | { readonly kind: "annual"; readonly pace: "double" | "over-double" | "ahead" | "on-course" | "behind" };

/** How the actual stands against its target, from the item's own variance (against the pro-rata share for annual targets). */
function targetStanding(k: ReportKpi): TargetStanding | null {
  if (k.actual === null || k.target === null || k.variance === null) return null;
  const good = k.higherIsBetter ? k.variance : -k.variance;
  if (k.targetBasis === "annual") {
    const share = k.actual - k.variance; // the pro-rata target the list's variance was measured against
    if (share <= 0) return null;
    const ratio = k.actual / share;
    const green = k.tolerance.targetGreenPct / 100;
    if (!k.higherIsBetter) return { kind: "annual", pace: ratio <= 1 ? "on-course" : "behind" };
    if (Math.abs(ratio - 2) <= 0.05) return { kind: "annual", pace: "double" };
    if (ratio > 2) return { kind: "annual", pace: "over-double" };
    if (ratio >= 1 + green) return { kind: "annual", pace: "ahead" };
    return { kind: "annual", pace: ratio >= 1 - green ? "on-course" : "behind" };
  }
  if (good === 0) return { kind: "met" };
  if (good > 0) return { kind: "exceeded" };
  if (k.rag === "green") return { kind: "just-short" };
  return { kind: k.rag === "red" ? "well-short" : "short" };
}

// ---------- Variety: phrasings rotate from paragraph to paragraph ----------

/** Hands out the phrasings of each situation in turn, so neighbouring paragraphs say things differently. */
class Variety {
  private readonly turns = new Map<string, number>();
  pick<T>(situation: string, options: readonly T[]): T {
    const n = this.turns.get(situation) ?? 0;
    this.turns.set(situation, n + 1);
    return options[n % options.length];
  }
}

// ---------- Sentences ----------

const isReferrals = (k: ReportKpi): boolean => /referral/i.test(`${k.kpiId} ${k.label}`);

/** A headline sentence, in two forms: a predicate for "<Service> …", and a sentence standing alone. */
interface Headline {
  readonly predicate: string | null;
  readonly sentence: string;
}

function targetClause(k: ReportKpi, v: Variety): string {
  const st = targetStanding(k);
  if (!st || k.target === null) return "";
  const target = valueText(k, k.target);
  switch (st.kind) {
    case "exceeded":
      return v.pick("exceeded", [
        `, exceeding the planned target of ${target}`,
        `, ahead of the target of ${target}`,
      ]);
    case "met":
      return `, meeting the target of ${target}`;
    case "just-short":
      return `, just short of the target of ${target}`;
    case "short":
      return `, short of the target of ${target}`;
    case "well-short":
      return `, well short of the target of ${target}`;
    case "annual":
      return "";
  }
}

/** The annual-target sentence: "on course to achieve double the annual target of 60, with 30 new referrals in Q2". */
function annualSentence(k: ReportKpi, when: string, v: Variety): string | null {
  const st = targetStanding(k);
  if (!st || st.kind !== "annual" || k.target === null || k.actual === null) return null;
  const subject = isReferrals(k) ? "Demand for the service" : "The service";
  const target = valueText(k, k.target);
  const pace = {
    double: `is on course to achieve double the annual target of ${target}`,
    "over-double": `is on course to achieve more than double the annual target of ${target}`,
    ahead: `is ahead of the pace needed for the annual target of ${target}`,
    "on-course": `is on course for the annual target of ${target}`,
    behind: `is behind the pace needed for the annual target of ${target}`,
  }[st.pace];
  const so = k.cumulative ? `${figure(k, k.actual)} since April` : `${figure(k, k.actual)} in ${when}`;
  return v.pick("annual", [
    `${subject} ${pace}, with ${so}.`,
    `With ${so}, ${subject.toLowerCase()} ${pace}.`,
  ]);
}

/** Against the previous quarter: the seed's "saw a drop in referrals from 4,441 to 3,834 during Q2". */
function previousHeadline(k: ReportKpi, c: Change, when: string, v: Variety): Headline {
  const from = valueText(k, c.from);
  const to = valueText(k, c.to);
  const target = targetClause(k, v);
  if (c.smallBase) {
    const s = `${capitalise(figure(k, c.to))} in ${when}, against ${from} the quarter before (numbers too small to call a trend)${target}.`;
    return { predicate: null, sentence: s };
  }
  if (c.move === "same") {
    const s = `${capitalise(k.phrase)} held at ${to} in ${when}, the same as the previous quarter${target}.`;
    return {
      predicate: `reported ${figure(k, c.to)} in ${when}, the same as the previous quarter${target}.`,
      sentence: s,
    };
  }
  const slight = c.slight ? " slightly" : "";
  if (c.move === "fall") {
    const predicate = v.pick("prev-fall", [
      `saw a${c.slight ? " slight" : ""} drop in ${k.phrase} from ${from} to ${to} during ${when}${target}.`,
      `reported ${k.phrase} down${slight} from ${from} to ${to} this quarter${target}.`,
    ]);
    const sentence = `${capitalise(k.phrase)} fell${slight} from ${from} to ${to} during ${when}${target}.`;
    return { predicate, sentence };
  }
  const predicate = v.pick("prev-rise", [
    `increased ${k.phrase}${slight} from ${from} to ${to} this quarter${target}.`,
    `saw ${k.phrase} rise${slight} from ${from} to ${to} during ${when}${target}.`,
  ]);
  const sentence = `${capitalise(k.phrase)} rose${slight} from ${from} to ${to} this quarter${target}.`;
  return { predicate, sentence };
}

/** Against the same quarter last year: the seed's "492 … in Q2 2022/23 compared to 465 during the same period last year". */
function lastYearHeadline(k: ReportKpi, c: Change, when: string, v: Variety): Headline {
  const ly = valueText(k, c.from);
  const now = figure(k, c.to);
  const target = targetClause(k, v);
  if (c.smallBase) {
    return {
      predicate: null,
      sentence: `${capitalise(now)} in ${when}, against ${ly} in the same period last year (numbers too small to call a trend)${target}.`,
    };
  }
  if (c.move === "same") {
    return {
      predicate: null,
      sentence: `${capitalise(now)} in ${when}, the same as in the same period last year${target}.`,
    };
  }
  if (c.slight) {
    const dir = c.move === "rise" ? "up" : "down";
    return {
      predicate: null,
      sentence: v.pick("ly-slight", [
        `${capitalise(now)} were received in ${when}, ${dir} slightly from the ${ly} received during the same quarter last year${target}.`,
        `${capitalise(now)} in ${when} were ${dir} slightly on the ${ly} of the same period last year${target}.`,
      ]),
    };
  }
  if (isReferrals(k) && k.higherIsBetter) {
    const verb = c.move === "rise" ? "grew" : "fell";
    return {
      predicate: null,
      sentence: v.pick("ly-demand", [
        `Demand for the service ${verb} year on year, with ${now} in ${when} compared to ${ly} during the same period last year${target}.`,
        `Year on year, demand ${verb === "grew" ? "rose" : "fell"}: ${now} in ${when} against ${ly} in the same quarter last year${target}.`,
      ]),
    };
  }
  const dir = c.move === "rise" ? "up" : "down";
  return {
    predicate: `reported ${now} in ${when}, ${dir} from ${ly} in the same period last year${target}.`,
    sentence: `${capitalise(now)} in ${when}, ${dir} from ${ly} in the same period last year${target}.`,
  };
}

/** The service's headline KPI: its first referrals count with a figure, else its first count with a figure. */
function headlineKpi(s: ServiceSection): ReportKpi | undefined {
  const withFigure = s.kpis.filter((k) => k.actual !== null && k.unit !== "percent");
  return withFigure.find(isReferrals) ?? withFigure.find((k) => k.unit === "count") ?? withFigure[0];
}

function headline(k: ReportKpi, when: string, v: Variety): Headline {
  const annual = annualSentence(k, when, v);
  if (annual) return { predicate: null, sentence: annual };
  const prev = changeOf(k, k.previous);
  if (prev) return previousHeadline(k, prev, when, v);
  const ly = changeOf(k, k.lastYear);
  if (ly) return lastYearHeadline(k, ly, when, v);
  const target = targetClause(k, v);
  const now = figure(k, k.actual as number);
  const at = inQuarter(k, when);
  return {
    predicate: v.pick("plain-pred", [`reported ${now}${at}${target}.`, `recorded ${now}${at}${target}.`]),
    sentence: v.pick("plain", [
      `The return shows ${now}${at}${target}.`,
      k.cumulative ? `There have been ${now}${target}.` : `${when} saw ${now}${target}.`,
    ]),
  };
}

/** A percent KPI: "The target of 90% was met, with 95.83% of victims/survivors contacted within 48 hours." */
function percentSentence(k: ReportKpi, v: Variety): string {
  const now = figure(k, k.actual as number);
  const st = targetStanding(k);
  if (st && k.target !== null && st.kind !== "annual") {
    const target = valueText(k, k.target);
    const verdict =
      st.kind === "met" || st.kind === "exceeded"
        ? v.pick("pct-met", [
            `The target of ${target} was met, with ${now}.`,
            `With ${now}, the target of ${target} was met.`,
          ])
        : `The return shows ${now}, ${st.kind === "just-short" ? "just " : st.kind === "well-short" ? "well " : ""}short of the target of ${target}.`;
    return verdict;
  }
  return v.pick("pct", [`The return shows ${now}.`, `Figures for the quarter show ${now}.`]);
}

/** The other counts, in one sentence: "It also records 55 victims/survivors … and 109 children …". */
function othersSentence(ks: readonly ReportKpi[], v: Variety): string {
  const parts = ks.map((k) => figure(k, k.actual as number));
  const opener = v.pick("others", [
    "The return also records",
    "Alongside this, the service reported",
    "It also reports",
  ]);
  return `${opener} ${listOf(parts)}.`;
}

/** A service's own budget: "Of the £X awarded, £Y (Z%) was spent by the end of Q2, …". */
function budgetSentence(lines: readonly FundingLine[], when: string): string {
  return lines
    .filter((l) => l.awarded !== null && l.spent !== null)
    .map((l) => {
      const used = l.utilisation === null ? "" : ` (${shareText(l.utilisation)})`;
      let profile = "";
      if (l.utilisation !== null && l.expectedUtilisation !== null) {
        const against =
          l.rag === "green"
            ? "in line with"
            : l.utilisation > l.expectedUtilisation
              ? "ahead of"
              : l.utilisation < l.expectedUtilisation
                ? "behind"
                : "in line with";
        profile = `, ${against} the profile of ${shareText(l.expectedUtilisation)}`;
      }
      const outturn =
        l.forecastOutturn === null
          ? ""
          : `; at this rate the forecast outturn is ${money(l.forecastOutturn)}`;
      return `Of the ${money(l.awarded as number)} awarded, ${money(l.spent as number)}${used} had been spent by the end of ${when}${profile}${outturn}.`;
    })
    .join(" ");
}

const QUOTE_FRAMES: readonly ((q: string, provider: string) => string)[] = [
  (q) => `The provider explains: ${q}`,
  (q, p) => `${p} comment: ${q}`,
  (q) => `In the provider's words: ${q}`,
  (q) => `Their commentary adds: ${q}`,
];

/** The provider's own words, quoted as they wrote them. */
function quoted(text: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  return /[.!?]$/.test(t) ? `“${t}”` : `“${t}”.`;
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
