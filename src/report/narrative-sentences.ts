/**
 * The narrative's sentences about one service: its headline KPI against the previous quarter, the same quarter last
 * year or its target; its percentages, its other counts, its budget, and the provider's commentary quoted as written.
 */
import type { FundingLine, ReportKpi, ServiceSection } from "./model";
import { targetStanding, type Change, type Variety, changeOf } from "./narrative-judge";
import { capitalise, figure, inQuarter, listOf, narrativeValue, shareText } from "./narrative-words";
import { money } from "./text";

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
  const target = narrativeValue(k, k.target);
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
  const target = narrativeValue(k, k.target);
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
  const from = narrativeValue(k, c.from);
  const to = narrativeValue(k, c.to);
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
  const ly = narrativeValue(k, c.from);
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
export function headlineKpi(s: ServiceSection): ReportKpi | undefined {
  const withFigure = s.kpis.filter((k) => k.actual !== null && k.unit !== "percent");
  return withFigure.find(isReferrals) ?? withFigure.find((k) => k.unit === "count") ?? withFigure[0];
}

export function headline(k: ReportKpi, when: string, v: Variety): Headline {
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
export function percentSentence(k: ReportKpi, v: Variety): string {
  const now = figure(k, k.actual as number);
  const st = targetStanding(k);
  if (st && k.target !== null && st.kind !== "annual") {
    const target = narrativeValue(k, k.target);
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
export function othersSentence(ks: readonly ReportKpi[], v: Variety): string {
  const parts = ks.map((k) => figure(k, k.actual as number));
  const opener = v.pick("others", [
    "The return also records",
    "Alongside this, the service reported",
    "It also reports",
  ]);
  return `${opener} ${listOf(parts)}.`;
}

/** A service's own budget: "Of the £X awarded, £Y (Z%) was spent by the end of Q2, …". */
export function budgetSentence(lines: readonly FundingLine[], when: string): string {
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

export const QUOTE_FRAMES: readonly ((q: string, provider: string) => string)[] = [
  (q) => `The provider explains: ${q}`,
  (q, p) => `${p} comment: ${q}`,
  (q) => `In the provider's words: ${q}`,
  (q) => `Their commentary adds: ${q}`,
];

/** The provider's own words, quoted as they wrote them. */
export function quoted(text: string): string {
  const t = text.trim().replace(/\s+/g, " ");
  return /[.!?]$/.test(t) ? `“${t}”` : `“${t}”.`;
}
