/**
 * Loads a KPI template from JSON: checks its structure by hand (templates are data, never executed) and fills defaults.
 * A bad template gets a readable UserError naming the source file and the field at fault.
 */
import { UserError } from "./errors";
import type {
  BudgetLineDefinition,
  CompareOp,
  KpiDefinition,
  KpiTemplate,
  Severity,
  TemplateRule,
  Tolerance,
  Unit,
} from "./types";

/** Used wherever a template leaves a tolerance out. */
export const DEFAULT_TOLERANCE: Tolerance = Object.freeze({
  targetGreenPct: 10,
  targetRedPct: 25,
  periodAbs: 10,
  periodPct: 10,
  periodPoints: 5,
  smallBase: 20,
  budgetProfilePoints: 10,
});

export const UNITS: readonly Unit[] = ["count", "percent", "currency", "number", "days"];
export const SEVERITIES: readonly Severity[] = ["error", "query", "info"];
export const COMPARE_OPS: readonly CompareOp[] = [">=", "<=", ">", "<", "="];

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;
export const TEMPLATE_FIELDS: ReadonlySet<string> = new Set([
  "$schema",
  "id",
  "version",
  "title",
  "serviceArea",
  "description",
  "planHeading",
  "percentScale",
  "kpis",
  "rules",
  "tolerance",
  "budgetLines",
]);
export const KPI_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "label",
  "unit",
  "required",
  "integer",
  "min",
  "max",
  "higherIsBetter",
  "guidance",
  "allowedValues",
  "targetBasis",
  "tolerance",
  "cumulative",
  "phrase",
]);
/**
 * The most a template may hold. Templates come from the KPI Templates list too, written by people rather than
 * developers, so a huge or runaway one is refused with a plain message instead of slowing every face that loads it.
 */
export const TEMPLATE_LIMITS = Object.freeze({
  /** Characters of the template's JSON (SharePoint's multi-line text column holds up to 63,999). */
  jsonChars: 60_000,
  kpis: 2_000,
  rules: 500,
  budgetLines: 200,
  /** Allowed values of a KPI, parts of a sum rule. */
  listItems: 100,
  /** ids, labels, titles. */
  shortText: 255,
  /** guidance, descriptions, rule messages. */
  longText: 2_000,
});

const TOLERANCE_FIELDS = Object.keys(DEFAULT_TOLERANCE) as (keyof Tolerance)[];

type Json = Record<string, unknown>;

const LIST_LIMITS: Readonly<Record<string, number>> = {
  kpis: TEMPLATE_LIMITS.kpis,
  rules: TEMPLATE_LIMITS.rules,
  budgetLines: TEMPLATE_LIMITS.budgetLines,
};
const LONG_TEXT_FIELDS = new Set(["guidance", "description", "message"]);

/** Collects every problem in a template, so one load reports them all. */
class Problems {
  readonly list: string[] = [];
  constructor(readonly source: string) {}
  add(text: string): void {
    this.list.push(`Template "${this.source}": ${text}`);
  }
}

/**
 * Checks `json` as a KPI template and returns it with defaults filled.
 * Throws UserError listing every problem found, one per line, each naming `source` and the field.
 */
export function loadTemplate(json: unknown, source: string): KpiTemplate {
  const problems = new Problems(source);
  if (!isObject(json)) {
    throw new UserError(
      `Template "${source}": the file must hold one JSON object (a template), not ${kindOf(json)}.`,
      source,
    );
  }
  for (const key of Object.keys(json)) {
    if (!TEMPLATE_FIELDS.has(key))
      problems.add(`unknown field "${key}" (expected ${[...TEMPLATE_FIELDS].slice(1).join(", ")}).`);
  }
  const id = text(json, "id", "the template", problems);
  if (id !== undefined && !ID_PATTERN.test(id)) {
    problems.add(`id "${id}" must be lower-case letters, digits and hyphens (e.g. "idva").`);
  }
  const version = text(json, "version", "the template", problems);
  if (version !== undefined && !VERSION_PATTERN.test(version)) {
    problems.add(`version "${version}" is not a version number like "1.0.0".`);
  }
  const title = text(json, "title", "the template", problems);
  const serviceArea = text(json, "serviceArea", "the template", problems);
  const description = optionalText(json, "description", "the template", problems);
  const planHeading = shortText(json, "planHeading", "the template", problems);
  let percentScale: KpiTemplate["percentScale"] = "fraction";
  if (json.percentScale !== undefined) {
    if (json.percentScale === "fraction" || json.percentScale === "points") percentScale = json.percentScale;
    else
      problems.add(
        `percentScale ${show(json.percentScale)} must be "fraction" (0.9583) or "points" (95.83).`,
      );
  }
  const tolerance = { ...DEFAULT_TOLERANCE, ...readTolerance(json.tolerance, "the template", problems) };
  if (tolerance.targetGreenPct > tolerance.targetRedPct) {
    problems.add(
      `tolerance targetGreenPct (${tolerance.targetGreenPct}) must not be more than targetRedPct (${tolerance.targetRedPct}).`,
    );
  }
  const kpis = readKpis(json.kpis, problems);
  const kpiIds = new Set(kpis.map((k) => k.id));
  const rules = readRules(json.rules, kpiIds, problems);
  const budgetLines = readBudgetLines(json.budgetLines, problems);
  if (problems.list.length > 0) throw new UserError(problems.list.join("\n"), source);
  const template: KpiTemplate = {
    id: id as string,
    version: version as string,
    title: title as string,
    serviceArea: serviceArea as string,
    percentScale,
    kpis,
    rules,
    tolerance,
    budgetLines,
    ...(description !== undefined ? { description } : {}),
    ...(planHeading !== undefined ? { planHeading } : {}),
  };
  return template;
}

function readKpis(value: unknown, problems: Problems): KpiDefinition[] {
  if (value === undefined) {
    problems.add(`missing field "kpis" (a list of KPI definitions).`);
    return [];
  }
  const ids = new Set<string>();
  const kpis: KpiDefinition[] = [];
  eachItem(value, "kpis", "KPI", problems, (raw, who) => {
    const id = itemId(raw, who, "KPI", ids, problems);
    for (const key of Object.keys(raw)) {
      if (!KPI_FIELDS.has(key)) problems.add(`${who} has unknown field "${key}".`);
    }
    const label = text(raw, "label", who, problems);
    const guidance = text(raw, "guidance", who, problems);
    let unit: Unit = "count";
    if (raw.unit === undefined)
      problems.add(`${who} is missing field "unit" (count, percent, currency, number or days).`);
    else if (typeof raw.unit === "string" && (UNITS as readonly string[]).includes(raw.unit))
      unit = raw.unit as Unit;
    else
      problems.add(
        `${who} has unknown unit ${show(raw.unit)} (expected count, percent, currency, number or days).`,
      );
    const required = bool(raw, "required", who, problems, true);
    const integer = bool(raw, "integer", who, problems, unit === "count");
    const higherIsBetter = bool(raw, "higherIsBetter", who, problems, true);
    const cumulative = bool(raw, "cumulative", who, problems, false);
    const min = num(raw, "min", who, problems);
    const max = num(raw, "max", who, problems);
    if (min !== undefined && max !== undefined && min > max) {
      problems.add(`${who} has min ${min} greater than max ${max}.`);
    }
    let allowedValues: number[] | undefined;
    if (raw.allowedValues !== undefined) {
      if (
        !Array.isArray(raw.allowedValues) ||
        raw.allowedValues.length === 0 ||
        raw.allowedValues.length > TEMPLATE_LIMITS.listItems ||
        !raw.allowedValues.every((v: unknown) => typeof v === "number" && Number.isFinite(v))
      ) {
        problems.add(
          `${who} has allowedValues that are not a list of 1 to ${TEMPLATE_LIMITS.listItems} numbers.`,
        );
      } else allowedValues = raw.allowedValues as number[];
    }
    let targetBasis: "quarter" | "annual" | undefined;
    if (raw.targetBasis !== undefined) {
      if (raw.targetBasis === "quarter" || raw.targetBasis === "annual") targetBasis = raw.targetBasis;
      else problems.add(`${who} has targetBasis ${show(raw.targetBasis)} (expected "quarter" or "annual").`);
    }
    const tolerance = raw.tolerance === undefined ? undefined : readTolerance(raw.tolerance, who, problems);
    const phrase = shortText(raw, "phrase", who, problems);
    if (id === undefined || label === undefined || guidance === undefined) return;
    kpis.push({
      id,
      label,
      unit,
      required,
      integer,
      higherIsBetter,
      guidance,
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(allowedValues !== undefined ? { allowedValues } : {}),
      ...(targetBasis !== undefined ? { targetBasis } : {}),
      ...(tolerance !== undefined ? { tolerance } : {}),
      ...(cumulative ? { cumulative } : {}),
      ...(phrase !== undefined ? { phrase } : {}),
    });
  });
  if (Array.isArray(value) && value.length === 0)
    problems.add(`"kpis" is empty: a template needs at least one KPI.`);
  return kpis;
}

function readRules(value: unknown, kpiIds: ReadonlySet<string>, problems: Problems): TemplateRule[] {
  const ids = new Set<string>();
  const rules: TemplateRule[] = [];
  eachItem(value, "rules", "rule", problems, (raw, who) => {
    // Rule ids are the template author's own codes (shown on findings), so any text will do.
    const id = itemId(raw, who, "rule", ids, problems, false);
    let severity: Severity = "error";
    if (typeof raw.severity === "string" && (SEVERITIES as readonly string[]).includes(raw.severity)) {
      severity = raw.severity as Severity;
    } else problems.add(`${who} has severity ${show(raw.severity)} (expected error, query or info).`);
    const message = optionalText(raw, "message", who, problems);
    const kpiRef = (field: string, ref: unknown): string | undefined => {
      if (typeof ref !== "string" || ref === "") {
        problems.add(`${who} is missing field "${field}" (a KPI id).`);
        return undefined;
      }
      if (!kpiIds.has(ref))
        problems.add(`${who} names KPI "${ref}" in "${field}", but the template has no such KPI.`);
      return ref;
    };
    if (raw.kind === "compare") {
      const left = kpiRef("left", raw.left);
      const right = kpiRef("right", raw.right);
      let op: CompareOp = "=";
      if (typeof raw.op === "string" && (COMPARE_OPS as readonly string[]).includes(raw.op))
        op = raw.op as CompareOp;
      else problems.add(`${who} has op ${show(raw.op)} (expected one of ${COMPARE_OPS.join(" ")}).`);
      if (id !== undefined && left !== undefined && right !== undefined) {
        rules.push({
          id,
          kind: "compare",
          severity,
          left,
          op,
          right,
          ...(message !== undefined ? { message } : {}),
        });
      }
    } else if (raw.kind === "sum") {
      const total = kpiRef("total", raw.total);
      let parts: string[] = [];
      if (
        !Array.isArray(raw.parts) ||
        raw.parts.length === 0 ||
        raw.parts.length > TEMPLATE_LIMITS.listItems
      ) {
        problems.add(`${who} needs "parts": a list of 1 to ${TEMPLATE_LIMITS.listItems} KPI ids.`);
      } else {
        parts = (raw.parts as unknown[])
          .map((p) => kpiRef("parts", p))
          .filter((p): p is string => p !== undefined);
      }
      if (id !== undefined && total !== undefined && parts.length > 0) {
        rules.push({
          id,
          kind: "sum",
          severity,
          parts,
          total,
          ...(message !== undefined ? { message } : {}),
        });
      }
    } else {
      problems.add(`${who} has kind ${show(raw.kind)} (expected "compare" or "sum").`);
    }
  });
  return rules;
}

function readBudgetLines(value: unknown, problems: Problems): BudgetLineDefinition[] {
  const ids = new Set<string>();
  const lines: BudgetLineDefinition[] = [];
  eachItem(value, "budgetLines", "budget line", problems, (raw, who) => {
    const id = itemId(raw, who, "budget line", ids, problems);
    const label = text(raw, "label", who, problems);
    let profile: [number, number, number, number] | undefined;
    if (raw.profile !== undefined) {
      const p = raw.profile;
      const ok =
        Array.isArray(p) &&
        p.length === 4 &&
        p.every((v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 1) &&
        p.every((v: number, i: number) => i === 0 || v >= p[i - 1]) &&
        p[3] === 1;
      if (ok) profile = [p[0], p[1], p[2], p[3]];
      else {
        problems.add(
          `${who} has profile ${show(p)}: it must be 4 cumulative fractions for Q1–Q4, never falling, ending at 1 (e.g. [0.25, 0.5, 0.75, 1]).`,
        );
      }
    }
    if (id !== undefined && label !== undefined) lines.push({ id, label, ...(profile ? { profile } : {}) });
  });
  return lines;
}

/**
 * Calls `visit` for each object in the list field `field` (absent: none), naming each for messages by its id
 * ("KPI \"referrals\"") or, without one, by its place ("KPI number 3").
 */
function eachItem(
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
function itemId(
  raw: Json,
  who: string,
  noun: string,
  seen: Set<string>,
  problems: Problems,
  pattern = true,
): string | undefined {
  const id = text(raw, "id", who, problems);
  if (id === undefined) return undefined;
  if (pattern && !ID_PATTERN.test(id))
    problems.add(`${who} has id "${id}": use lower-case letters, digits and hyphens.`);
  if (seen.has(id)) problems.add(`${noun} id "${id}" is used twice (each ${noun} needs its own id).`);
  seen.add(id);
  return id;
}

function readTolerance(value: unknown, who: string, problems: Problems): Partial<Tolerance> {
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
      problems.add(`${who}'s tolerance ${key} must be a number of 0 or more, not ${show(v)}.`);
    } else out[key as keyof Tolerance] = v;
  }
  return out;
}

function text(obj: Json, field: string, who: string, problems: Problems): string | undefined {
  const v = obj[field];
  if (v === undefined) {
    problems.add(`${who === "the template" ? "the template" : who} is missing field "${field}".`);
    return undefined;
  }
  if (typeof v !== "string" || v.trim() === "") {
    problems.add(`${who}'s "${field}" must be non-empty text, not ${show(v)}.`);
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

function optionalText(obj: Json, field: string, who: string, problems: Problems): string | undefined {
  return obj[field] === undefined ? undefined : text(obj, field, who, problems);
}

/** Longest phrase or heading a template may give: a heading or a sentence's noun phrase, not a paragraph. */
const SHORT_TEXT_MAX = 120;

/** Optional text that goes into a sentence or a heading of the report: one line, of reasonable length. */
function shortText(obj: Json, field: string, who: string, problems: Problems): string | undefined {
  const v = optionalText(obj, field, who, problems);
  if (v === undefined) return undefined;
  if (/[\r\n]/.test(v) || v.length > SHORT_TEXT_MAX || v !== v.trim()) {
    problems.add(
      `${who}'s "${field}" must be one line of at most ${SHORT_TEXT_MAX} characters with no space at either end, not ${show(v)}.`,
    );
    return undefined;
  }
  return v;
}

function bool(obj: Json, field: string, who: string, problems: Problems, fallback: boolean): boolean {
  const v = obj[field];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") {
    problems.add(`${who}'s "${field}" must be true or false, not ${show(v)}.`);
    return fallback;
  }
  return v;
}

function num(obj: Json, field: string, who: string, problems: Problems): number | undefined {
  const v = obj[field];
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v)) {
    problems.add(`${who}'s "${field}" must be a number, not ${show(v)}.`);
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

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `${typeof v} ${show(v)}`;
}

function show(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + "…" : s;
  } catch {
    return String(v);
  }
}
