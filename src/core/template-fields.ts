/**
 * Reading one field of a template's JSON, by hand: text (no control characters, no leading "=", within its length),
 * yes/no, numbers, tolerances, and lists of items with unique ids. Each problem is collected with the field and the
 * item it is in, so one load of a template reports every problem at once.
 */
import type { Tolerance } from "./types";
import { DEFAULT_TOLERANCE, ID_PATTERN, TEMPLATE_LIMITS } from "./template-vocabulary";

const TOLERANCE_FIELDS = Object.keys(DEFAULT_TOLERANCE) as (keyof Tolerance)[];

type Json = Record<string, unknown>;

const LIST_LIMITS: Readonly<Record<string, number>> = {
  kpis: TEMPLATE_LIMITS.kpis,
  rules: TEMPLATE_LIMITS.rules,
  budgetLines: TEMPLATE_LIMITS.budgetLines,
};
const LONG_TEXT_FIELDS = new Set(["guidance", "description", "message"]);

/** Collects every problem in a template, so one load reports them all. */
export class Problems {
  readonly list: string[] = [];
  constructor(readonly source: string) {}
  add(text: string): void {
    this.list.push(`Template "${this.source}": ${text}`);
  }
}

/**
 * Calls `visit` for each object in the list field `field` (absent: none), naming each for messages by its id
 * ("KPI \"referrals\"") or, without one, by its place ("KPI number 3").
 */
export function eachItem(
  value: unknown,
  field: string,
  noun: string,
  problems: Problems,
  visit: (raw: Json, who: string) => void,
): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.add(`"${field}" must be a list of ${noun}s, not ${kindOf(value)}.`);
    return;
  }
  const limit = LIST_LIMITS[field];
  if (limit !== undefined && value.length > limit) {
    problems.add(`"${field}" has ${value.length} ${noun}s; the most a template may have is ${limit}.`);
    return;
  }
  value.forEach((raw: unknown, index) => {
    if (!isObject(raw)) {
      problems.add(`${noun} number ${index + 1} must be an object, not ${kindOf(raw)}.`);
      return;
    }
    const named = typeof raw.id === "string" && raw.id.trim() !== "";
    visit(raw, named ? `${noun} "${String(raw.id)}"` : `${noun} number ${index + 1}`);
  });
}

/** An item's id: present, unique within its list and (unless `pattern` is false) lower-case letters, digits, hyphens. */
export function itemId(
  raw: Json,
  who: string,
  noun: string,
  seen: Set<string>,
  problems: Problems,
  pattern = true,
): string | undefined {
  const id = requiredText(raw, "id", who, problems);
  if (id === undefined) return undefined;
  if (pattern && !ID_PATTERN.test(id))
    problems.add(`${who} has id "${id}": use lower-case letters, digits and hyphens.`);
  if (seen.has(id)) problems.add(`${noun} id "${id}" is used twice (each ${noun} needs its own id).`);
  seen.add(id);
  return id;
}

export function readTolerance(value: unknown, who: string, problems: Problems): Partial<Tolerance> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    problems.add(`${who}'s tolerance must be an object, not ${kindOf(value)}.`);
    return {};
  }
  const out: Partial<Record<keyof Tolerance, number>> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!(TOLERANCE_FIELDS as string[]).includes(key)) {
      problems.add(
        `${who}'s tolerance has unknown field "${key}" (expected ${TOLERANCE_FIELDS.join(", ")}).`,
      );
    } else if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      problems.add(`${who}'s tolerance ${key} must be a number of 0 or more, not ${showJson(v)}.`);
    } else out[key as keyof Tolerance] = v;
  }
  return out;
}

/** A text field the template must give: present, non-empty, plain, not a formula, within its length. */
export function requiredText(obj: Json, field: string, who: string, problems: Problems): string | undefined {
  const v = obj[field];
  if (v === undefined) {
    problems.add(`${who === "the template" ? "the template" : who} is missing field "${field}".`);
    return undefined;
  }
  if (typeof v !== "string" || v.trim() === "") {
    problems.add(`${who}'s "${field}" must be non-empty text, not ${showJson(v)}.`);
    return undefined;
  }
  if (hasControlCharacters(v)) {
    // Control characters could move a terminal's cursor or hide text where the template is shown.
    problems.add(`${who}'s "${field}" holds control characters; use plain text.`);
    return undefined;
  }
  if (v.startsWith("=")) {
    // Template text is written into workbook cells, where a leading "=" would make it a formula.
    problems.add(`${who}'s "${field}" starts with "=", which Excel would take for a formula; reword it.`);
    return undefined;
  }
  const max = LONG_TEXT_FIELDS.has(field) ? TEMPLATE_LIMITS.longText : TEMPLATE_LIMITS.shortText;
  if (v.length > max) {
    problems.add(`${who}'s "${field}" is ${v.length} characters long; the most is ${max}.`);
    return undefined;
  }
  return v;
}

export function optionalText(obj: Json, field: string, who: string, problems: Problems): string | undefined {
  return obj[field] === undefined ? undefined : requiredText(obj, field, who, problems);
}

/** Longest phrase or heading a template may give: a heading or a sentence's noun phrase, not a paragraph. */
const SHORT_TEXT_MAX = 120;

/** Optional text that goes into a sentence or a heading of the report: one line, of reasonable length. */
export function shortText(obj: Json, field: string, who: string, problems: Problems): string | undefined {
  const v = optionalText(obj, field, who, problems);
  if (v === undefined) return undefined;
  if (/[\r\n]/.test(v) || v.length > SHORT_TEXT_MAX || v !== v.trim()) {
    problems.add(
      `${who}'s "${field}" must be one line of at most ${SHORT_TEXT_MAX} characters with no space at either end, not ${showJson(v)}.`,
    );
    return undefined;
  }
  return v;
}

export function bool(obj: Json, field: string, who: string, problems: Problems, fallback: boolean): boolean {
  const v = obj[field];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") {
    problems.add(`${who}'s "${field}" must be true or false, not ${showJson(v)}.`);
    return fallback;
  }
  return v;
}

export function num(obj: Json, field: string, who: string, problems: Problems): number | undefined {
  const v = obj[field];
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    problems.add(`${who}'s "${field}" must be a number, not ${showJson(v)}.`);
    return undefined;
  }
  return v;
}

/** C0 and C1 control characters other than tab and line breaks. */
function hasControlCharacters(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `${typeof v} ${showJson(v)}`;
}

/** A JSON value in a message: as JSON, cut short (a cell's value is shown by `showCell`). */
export function showJson(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + "…" : s;
  } catch {
    return String(v);
  }
}
