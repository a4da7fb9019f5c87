/**
 * Reading one cell of the template workbook as its field says: text, ids, a version, a choice, yes/no, numbers and
 * comma-separated lists, each problem worded with the column's heading. Blank is undefined; a required blank, a date,
 * or a value out of range is a problem.
 */
import { ID_PATTERN, TEMPLATE_LIMITS, VERSION_PATTERN } from "./template-vocabulary";
import type { FieldKind, TemplateField } from "./template-sheets";
import type { CellInput } from "./types";

const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;

/** A cell's value in a message: text cut short, then quoted; a date as "a date" (a JSON value is shown by `showJson`). */
export function showCell(v: CellInput): string {
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v);
  if (v instanceof Date) return "a date";
  return String(v);
}

/** The cell being read: as typed, as text, its field, and where its problems go. */
interface CellRead {
  readonly raw: CellInput;
  readonly asText: string;
  readonly field: TemplateField;
  readonly problem: (message: string) => void;
}

/** Reads one cell as its field says; undefined when blank. */
export function readField(raw: CellInput, field: TemplateField, problem: (message: string) => void): unknown {
  const blank = raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "");
  const a = field.accepts;
  if (blank) {
    const required =
      a.kind === "version" || ((a.kind === "id" || a.kind === "text" || a.kind === "choice") && a.required);
    if (required) problem(`${field.heading} is required.`);
    return undefined;
  }
  if (raw instanceof Date) {
    problem(`${field.heading} holds a date; ${describeKind(a)}.`);
    return undefined;
  }
  const cell: CellRead = { raw, asText: typeof raw === "string" ? raw : String(raw), field, problem };
  switch (a.kind) {
    case "text":
      return readText(cell, a.max);
    case "id":
      return readId(cell, a.pattern);
    case "version":
      return readVersion(cell);
    case "choice":
      return readChoice(cell, a.choices);
    case "yesNo":
      return readYesNo(cell);
    case "number":
      return readNumber(cell, a);
    case "numberList":
      return readNumberList(cell);
    case "idList":
      return readIdList(cell);
  }
}

function readText({ asText, field, problem }: CellRead, max: number): string | undefined {
  if (asText.startsWith("=")) {
    problem(`${field.heading} starts with "=", which Excel would take for a formula; reword it.`);
    return undefined;
  }
  if (asText.length > max) {
    problem(`${field.heading} is ${asText.length} characters long; the most is ${max}.`);
    return undefined;
  }
  return asText;
}

function readId({ asText, field, problem }: CellRead, pattern: boolean): string | undefined {
  const id = asText.trim();
  if (id.length > TEMPLATE_LIMITS.shortText) {
    problem(`${field.heading} is too long (at most ${TEMPLATE_LIMITS.shortText} characters).`);
    return undefined;
  }
  if (pattern && !ID_PATTERN.test(id)) {
    problem(
      `${field.heading} ${showCell(id)} must be lower-case letters, digits and hyphens (e.g. "volunteers").`,
    );
    return undefined;
  }
  return id;
}

function readVersion({ asText, problem }: CellRead): string | undefined {
  const v = asText.trim();
  if (!VERSION_PATTERN.test(v)) {
    problem(`version ${showCell(v)} is not a version number like "1.0.0".`);
    return undefined;
  }
  return v;
}

function readChoice({ asText, field, problem }: CellRead, choices: readonly string[]): string | undefined {
  const v = asText.trim();
  const found = choices.find((c) => c.toLowerCase() === v.toLowerCase());
  if (found === undefined) {
    problem(`${field.heading.toLowerCase()} ${showCell(v)} is not one of ${choices.join(", ")}`);
    return undefined;
  }
  return found;
}

function readYesNo({ raw, asText, field, problem }: CellRead): boolean | undefined {
  if (typeof raw === "boolean") return raw;
  const v = asText.trim().toLowerCase();
  if (v === "yes" || v === "true") return true;
  if (v === "no" || v === "false") return false;
  problem(`${field.heading} ${showCell(raw)} must be yes or no.`);
  return undefined;
}

function readNumber(
  { raw, asText, field, problem }: CellRead,
  a: Extract<FieldKind, { kind: "number" }>,
): number | undefined {
  const n = typeof raw === "number" ? raw : NUMBER_TEXT.test(asText.trim()) ? Number(asText.trim()) : NaN;
  if (!Number.isFinite(n)) {
    problem(`${field.heading} ${showCell(raw)} is not a number.`);
    return undefined;
  }
  if ((a.min !== undefined && n < a.min) || (a.max !== undefined && n > a.max)) {
    problem(`${field.heading} ${n} ${describeKind(a)}.`);
    return undefined;
  }
  return n;
}

function readNumberList({ asText, field, problem }: CellRead): number[] | undefined {
  const parts = asText.split(",").map((p) => p.trim());
  if (parts.length > TEMPLATE_LIMITS.listItems) {
    problem(`${field.heading} lists ${parts.length} values; the most is ${TEMPLATE_LIMITS.listItems}.`);
    return undefined;
  }
  const bad = parts.find((p) => !NUMBER_TEXT.test(p));
  if (bad !== undefined) {
    problem(`${field.heading} ${showCell(bad)} is not a number (separate the values with commas).`);
    return undefined;
  }
  return parts.map(Number);
}

function readIdList({ asText, field, problem }: CellRead): string[] | undefined {
  const parts = asText
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length > TEMPLATE_LIMITS.listItems) {
    problem(`${field.heading} lists ${parts.length} KPIs; the most is ${TEMPLATE_LIMITS.listItems}.`);
    return undefined;
  }
  return parts;
}

function describeKind(a: FieldKind): string {
  switch (a.kind) {
    case "number":
      if (a.min !== undefined && a.max !== undefined)
        return a.max === 1 && a.min === 0
          ? "must be between 0% and 100%"
          : `must be between ${a.min} and ${a.max}`;
      if (a.min !== undefined) return `must be ${a.min} or more`;
      return "must be a number";
    case "yesNo":
      return "type yes or no";
    default:
      return "type text";
  }
}
