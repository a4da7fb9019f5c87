/**
 * What providers really type, read into typed values: "£135, 640", "1,883", "95.83%", "#DIV/0!", "N/A", blanks.
 * Blank, a labelled missing code and zero stay three different things. Nothing here ever throws.
 *
 * Decisions (documented in docs/core.md):
 * - Any number read out of text is `cleaned` (Excel would hold it as text, so formulas would not see it).
 * - "95.83%" is read as the fraction 0.9583 with `percentSign`; a bare 95.83 is never rescaled.
 * - Accounting negatives "(1,200)" read as −1200 (cleaned); the range rule then reports them where min is 0.
 * - Missing codes (case-insensitive): N/A, NA, n.a., not collected, not available, not applicable, not known,
 *   unknown, nil return, "-" (a dash). "Nil return" is a code, not zero: a provider with nothing to report types 0.
 * - Booleans, dates and any other text are "text" (a type error in a number cell).
 */
import type { CellInput, ParsedValue } from "./types";

/** Excel's error values, as Excel shows them. */
export const EXCEL_ERRORS: readonly string[] = [
  "#DIV/0!",
  "#REF!",
  "#N/A",
  "#VALUE!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
];
const EXCEL_ERROR_SET = new Set(EXCEL_ERRORS);

/** Labelled missing codes, normalised (lower case, dots dropped, spaces collapsed). */
export const MISSING_CODES: readonly string[] = [
  "n/a",
  "na",
  "not collected",
  "not available",
  "not applicable",
  "not known",
  "unknown",
  "nil return",
  "-",
];
const MISSING_SET = new Set(MISSING_CODES);

const BLANK: ParsedValue = { kind: "blank" };

// Digits grouped by commas (optionally followed by a space, as in "135, 640") or by single spaces, or plain digits.
const NUMBER_BODY = /^(\d{1,3}(?:,\s?\d{3})+|\d{1,3}(?: \d{3})+|\d+)?(\.\d+)?$/;

/** Reads one cell. Never throws, whatever the input. */
export function parseCell(raw: CellInput): ParsedValue {
  try {
    return parseUnsafe(raw);
  } catch {
    return { kind: "text", raw: safeString(raw) };
  }
}

function parseUnsafe(raw: CellInput): ParsedValue {
  if (raw === null || raw === undefined) return BLANK;
  if (typeof raw === "number") {
    return Number.isFinite(raw)
      ? { kind: "number", value: raw, raw, cleaned: false }
      : { kind: "text", raw: String(raw) };
  }
  if (typeof raw === "boolean") return { kind: "text", raw: raw ? "TRUE" : "FALSE" };
  if (raw instanceof Date) {
    return {
      kind: "text",
      raw: Number.isNaN(raw.getTime()) ? "Invalid date" : raw.toISOString().slice(0, 10),
    };
  }
  if (typeof raw !== "string") return { kind: "text", raw: safeString(raw) };
  const trimmed = raw.replace(/[\s\u00a0\u2007\u202f]+/g, " ").trim();
  if (trimmed === "") return BLANK;
  const upper = trimmed.toUpperCase();
  if (EXCEL_ERROR_SET.has(upper)) return { kind: "excel-error", code: upper };
  const code = trimmed
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/\s*\/\s*/g, "/");
  if (MISSING_SET.has(code) || code === "\u2013" || code === "\u2014") {
    return { kind: "missing", code: code === "\u2013" || code === "\u2014" ? "-" : code, raw };
  }
  const value = readNumberText(trimmed);
  if (value === null) return { kind: "text", raw };
  return value.percent
    ? { kind: "number", value: value.value, raw, cleaned: true, percentSign: true }
    : { kind: "number", value: value.value, raw, cleaned: true };
}

/** "£ 1,234.5", "-12", "(1,200)", "95.83%" → a number; anything else → null. */
function readNumberText(text: string): { value: number; percent: boolean } | null {
  let s = text;
  let negative = false;
  let percent = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith("-") || s.startsWith("\u2212")) {
    if (negative) return null;
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith("+")) {
    s = s.slice(1).trim();
  }
  if (s.startsWith("£")) s = s.slice(1).trim();
  else if (s.endsWith("£")) s = s.slice(0, -1).trim();
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  if (s === "" || s === ".") return null;
  if (!NUMBER_BODY.test(s)) return null;
  const value = Number(s.replace(/[, ]/g, ""));
  if (!Number.isFinite(value)) return null;
  const signed = negative ? -value : value;
  // Division by 100 in decimal text keeps 95.83% → 0.9583 exact rather than 0.9582999999999999.
  return { value: percent ? Number((signed / 100).toPrecision(15)) : signed, percent };
}

function safeString(raw: unknown): string {
  try {
    return String(raw);
  } catch {
    return "(unreadable value)";
  }
}

/** The number a value holds, or null when it is blank, missing, an error or text. */
export function numberOf(v: ParsedValue): number | null {
  return v.kind === "number" ? v.value : null;
}

/** True when the number was read out of text, so a finding should say how it was read (CLEANED). */
export function wasCleaned(v: ParsedValue): v is ParsedValue & { kind: "number" } {
  return v.kind === "number" && v.cleaned;
}

/** The value as the provider typed it, for messages: `"£135, 640"`, `#DIV/0!`, `N/A`, `blank`. */
export function describeInput(v: ParsedValue): string {
  switch (v.kind) {
    case "blank":
      return "blank";
    case "missing":
      return `"${v.raw.trim()}"`;
    case "excel-error":
      return v.code;
    case "text":
      return `"${v.raw}"`;
    case "number":
      return typeof v.raw === "string" ? `"${v.raw.trim()}"` : String(v.value);
  }
}
