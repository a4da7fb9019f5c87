/**
 * The narrative's numbers and words: a list item's figure as the report prints it ("492 total referrals", "95.83%",
 * "£21,000"), a count phrase made singular for a figure of 1, and the small joins of English ("a, b and c", "three").
 * Every number printed comes through here (money through `text.ts`, as the tables write it) from an item, never
 * derived.
 */
import { formatCount, formatValue, plainNumber } from "../core/format";
import type { ReportKpi } from "./model";

/** A percent KPI's value in points, as the report writes it: up to two decimals, as providers report them (95.83%). */
function pctText(k: ReportKpi, n: number): string {
  const points = k.percentScale === "fraction" ? n * 100 : n;
  return `${points < 0 ? "−" : ""}${plainNumber(Math.abs(points), 0, 2)}%`;
}

/** A fraction (utilisation, a profile's share) as a percentage with one decimal at most: 0.5 → "50%". */
export function shareText(fraction: number): string {
  return `${plainNumber(Math.abs(fraction * 100), 0, 1)}%`;
}

/** A figure in its unit as the narrative writes it: as the tables do, but a percentage to two decimals at most. */
export function narrativeValue(k: ReportKpi, n: number): string {
  return k.unit === "percent" ? pctText(k, n) : formatValue(n, k.unit);
}

/** "492 total referrals (hospital data included)"; a currency figure reads "£21,000 spent on campaigns". */
export function figure(k: ReportKpi, n: number): string {
  // A days figure whose phrase already says "days" ("15 days of water safety") is not given the unit twice.
  if (k.unit === "days" && /\bdays?\b/i.test(k.phrase)) {
    return `${formatCount(n, 1)} ${n === 1 ? singular(k.phrase) : k.phrase}`;
  }
  const counted = k.unit === "count" || k.unit === "number";
  return `${narrativeValue(k, n)} ${counted && n === 1 ? singular(k.phrase) : k.phrase}`;
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
export function inQuarter(k: ReportKpi, when: string): string {
  return k.cumulative ? "" : ` in ${when}`;
}

export function capitalise(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Numbers up to ten in words, as the report writes them; a count read from the lists (how many CSPs). */
const WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
export function countWord(n: number): string {
  return n >= 0 && n < WORDS.length ? WORDS[n] : formatCount(n);
}
