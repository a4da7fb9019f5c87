/**
 * The template workbook, as data: the four sheets an officer writes a KPI template in (Template, KPIs, Rules,
 * Budget lines), every column with its guidance and what it accepts, a template laid out as rows, and rows read back
 * into a template with every problem named by sheet and cell. Pure: the workbook layer turns the layout into a plan
 * for Excel or ExcelJS and hands back the cells it read.
 *
 * One table of fields per sheet is the single place a template field meets the workbook: a field the JSON gains
 * needs a row here, or export refuses to drop it (see `uncarriedFields`).
 */
import { UserError } from "./errors";
import {
  COMPARE_OPS,
  DEFAULT_TOLERANCE,
  KPI_FIELDS,
  SEVERITIES,
  TEMPLATE_FIELDS,
  TEMPLATE_LIMITS,
  UNITS,
} from "./template-vocabulary";
import { loadTemplate } from "./template";
import type { CellInput, KpiTemplate, Tolerance } from "./types";

export const TEMPLATE_SHEET = "Template";
export const KPIS_SHEET = "KPIs";
export const RULES_SHEET = "Rules";
export const BUDGET_LINES_SHEET = "Budget lines";
export const TEMPLATE_SHEETS = [TEMPLATE_SHEET, KPIS_SHEET, RULES_SHEET, BUDGET_LINES_SHEET] as const;
export type TemplateSheetName = (typeof TEMPLATE_SHEETS)[number];

/** Row 1 title, row 2 instructions, row 4 each column's guidance, row 5 headings, data from row 6: as in the return. */
export const GUIDANCE_ROW = 4;
export const HEADING_ROW = 5;
export const FIRST_DATA_ROW = 6;

/** What a cell accepts: how it is read, and what Excel's data validation offers. */
export type FieldKind =
  | { readonly kind: "text"; readonly required: boolean; readonly max: number }
  | { readonly kind: "id"; readonly pattern: boolean; readonly required: boolean }
  | { readonly kind: "version" }
  | { readonly kind: "choice"; readonly choices: readonly string[]; readonly required: boolean }
  | { readonly kind: "yesNo" }
  | { readonly kind: "number"; readonly min?: number; readonly max?: number; readonly whole?: boolean }
  | { readonly kind: "numberList" }
  | { readonly kind: "idList" };

export interface TemplateField {
  /** The JSON field: "unit", or one level down, "tolerance.periodAbs" / "profile.2". */
  readonly key: string;
  /** The column heading (or, on the Template sheet, the row's name in column A). */
  readonly heading: string;
  readonly guidance: string;
  readonly accepts: FieldKind;
  /** Column width in characters. */
  readonly width: number;
  /** Percent format for fractions shown as percentages. */
  readonly percent?: boolean;
}

const text = (max: number, required = true): FieldKind => ({ kind: "text", required, max });

const TOLERANCE_GUIDANCE: Record<keyof Tolerance, [string, string]> = {
  targetGreenPct: [
    "Target: green within %",
    "Variance from target (in % of the target) within which a KPI is green; beyond it a query is raised.",
  ],
  targetRedPct: [
    "Target: red beyond %",
    "Variance from target (in % of the target) beyond which a KPI is red; between green and red it is amber. Not below the green figure.",
  ],
  periodAbs: [
    "Change: absolute",
    "A change against the previous quarter or last year raises a query only when it passes BOTH this amount…",
  ],
  periodPct: ["Change: %", "…and this percentage."],
  periodPoints: [
    "Change: percentage points",
    "For percent KPIs: the change in percentage points that raises a query.",
  ],
  smallBase: [
    "Change: small base",
    "No change query when the earlier figure is below this (small numbers swing).",
  ],
  budgetProfilePoints: [
    "Budget: profile points",
    "Spending further than this many percentage points from the budget profile raises a query.",
  ],
};

const TOLERANCE_KEYS = Object.keys(DEFAULT_TOLERANCE) as (keyof Tolerance)[];

function toleranceFields(prefix: string, optional: boolean): TemplateField[] {
  return TOLERANCE_KEYS.map((key) => {
    const [heading, guidance] = TOLERANCE_GUIDANCE[key];
    return {
      key: `tolerance.${key}`,
      heading: `${prefix}${heading}`,
      guidance: optional ? `${guidance} Leave blank to use the template's.` : guidance,
      accepts: { kind: "number", min: 0 },
      width: 14,
    };
  });
}

/** The Template sheet: one row per field, read by the name in column A. */
export const TEMPLATE_ROWS: readonly TemplateField[] = [
  {
    key: "id",
    heading: "Template id",
    guidance: 'Lower-case letters, digits and hyphens, e.g. "safer-streets-4". Never changes once published.',
    accepts: { kind: "id", pattern: true, required: true },
    width: 40,
  },
  {
    key: "version",
    heading: "Version",
    guidance:
      "major.minor.patch, e.g. 1.0.0. Publishing a change needs a higher version: patch for wording and guidance, minor for new KPIs or rules, major for removed or re-defined KPIs.",
    accepts: { kind: "version" },
    width: 40,
  },
  {
    key: "title",
    heading: "Title",
    guidance: "The service, in the report's words.",
    accepts: text(TEMPLATE_LIMITS.shortText),
    width: 40,
  },
  {
    key: "serviceArea",
    heading: "Service area",
    guidance:
      "e.g. Domestic Abuse, Victim Services, Early Intervention and Prevention, Community Safety Partnership.",
    accepts: text(TEMPLATE_LIMITS.shortText),
    width: 40,
  },
  {
    key: "description",
    heading: "Description",
    guidance: "A line or two about the service (optional).",
    accepts: text(TEMPLATE_LIMITS.longText, false),
    width: 40,
  },
  {
    key: "planHeading",
    heading: "Plan heading",
    guidance:
      'The heading of the Police and Crime Plan the report files the service under (optional), e.g. "Putting Victims and Survivors First". One line.',
    accepts: text(120, false),
    width: 40,
  },
  {
    key: "percentScale",
    heading: "Percent scale",
    guidance: 'How percent KPIs are held: "fraction" (0.9583, Excel\'s own way) or "points" (95.83).',
    accepts: { kind: "choice", choices: ["fraction", "points"], required: false },
    width: 40,
  },
  {
    key: "planHeading",
    heading: "Plan heading",
    guidance:
      'The Police and Crime Plan priority the quarterly report files the service under, e.g. "Putting Victims and Survivors First" (optional).',
    accepts: text(TEMPLATE_LIMITS.shortText, false),
    width: 40,
  },
  ...toleranceFields("Tolerance: ", false),
];

export const KPI_COLUMNS: readonly TemplateField[] = [
  {
    key: "id",
    heading: "KPI id",
    guidance: 'Lower-case letters, digits and hyphens, unique in the template, e.g. "volunteers".',
    accepts: { kind: "id", pattern: true, required: true },
    width: 18,
  },
  {
    key: "label",
    heading: "Label",
    guidance: "The KPI as providers see it, in the report's words.",
    accepts: text(TEMPLATE_LIMITS.shortText),
    width: 36,
  },
  {
    key: "guidance",
    heading: "Guidance",
    guidance: "What to count and how: shown to providers on the cell and in the task pane.",
    accepts: text(TEMPLATE_LIMITS.longText),
    width: 48,
  },
  {
    key: "unit",
    heading: "Unit",
    guidance: "count, percent, currency, number or days.",
    accepts: { kind: "choice", choices: UNITS, required: true },
    width: 11,
  },
  {
    key: "required",
    heading: "Required",
    guidance: "yes: a blank figure is an error. Blank means yes.",
    accepts: { kind: "yesNo" },
    width: 10,
  },
  {
    key: "integer",
    heading: "Whole numbers",
    guidance: "yes: a fraction is an error. Blank means yes for counts, no otherwise.",
    accepts: { kind: "yesNo" },
    width: 10,
  },
  {
    key: "min",
    heading: "Min",
    guidance: "The lowest figure accepted (optional). Percentages as fractions: 0 to 1.",
    accepts: { kind: "number" },
    width: 9,
  },
  {
    key: "max",
    heading: "Max",
    guidance: "The highest figure accepted (optional); not below Min.",
    accepts: { kind: "number" },
    width: 9,
  },
  {
    key: "higherIsBetter",
    heading: "Higher is better",
    guidance: "yes for referrals met or contact rates; no for waiting days. Blank means yes.",
    accepts: { kind: "yesNo" },
    width: 10,
  },
  {
    key: "allowedValues",
    heading: "Allowed values",
    guidance: "The only figures accepted, separated by commas, e.g. 0, 1 (optional).",
    accepts: { kind: "numberList" },
    width: 14,
  },
  {
    key: "targetBasis",
    heading: "Target basis",
    guidance:
      "quarter: the target is for the quarter; annual: a year's target, compared pro rata. Blank means quarter.",
    accepts: { kind: "choice", choices: ["quarter", "annual"], required: false },
    width: 11,
  },
  {
    key: "cumulative",
    heading: "Cumulative",
    guidance: 'yes when the figure counts since April ("people reached since April"). Blank means no.',
    accepts: { kind: "yesNo" },
    width: 11,
  },
  {
    key: "phrase",
    heading: "Phrase",
    guidance:
      'How the report\'s narrative names the KPI after its figure, e.g. "total referrals (hospital data included)" reads "492 total referrals (hospital data included)" (optional).',
    accepts: text(TEMPLATE_LIMITS.shortText, false),
    width: 30,
  },
  {
    key: "phrase",
    heading: "Phrase",
    guidance:
      'How the report\'s narrative names the figure after its number (optional, one line), e.g. "total referrals (hospital data included)" reads "492 total referrals…". Blank: the label in lower case.',
    accepts: text(120, false),
    width: 30,
  },
  ...toleranceFields("", true),
];

export const RULE_COLUMNS: readonly TemplateField[] = [
  {
    key: "id",
    heading: "Rule id",
    guidance: 'Your own code, shown on findings, e.g. "SS4-TRAINED-LE-RECRUITED"; a query\'s ends in Q.',
    accepts: { kind: "id", pattern: false, required: true },
    width: 26,
  },
  {
    key: "kind",
    heading: "Kind",
    guidance: "compare: two KPIs (Left, Op, Right). sum: Parts add up to Total.",
    accepts: { kind: "choice", choices: ["compare", "sum"], required: true },
    width: 10,
  },
  {
    key: "severity",
    heading: "Severity",
    guidance: "error: must be fixed. query: needs a commentary. info: needs nothing.",
    accepts: { kind: "choice", choices: SEVERITIES, required: true },
    width: 10,
  },
  {
    key: "left",
    heading: "Left KPI",
    guidance: "compare only: the KPI id on the left.",
    accepts: { kind: "id", pattern: true, required: false },
    width: 18,
  },
  {
    key: "op",
    heading: "Op",
    guidance: "compare only: >=, <=, >, < or =.",
    accepts: { kind: "choice", choices: COMPARE_OPS, required: false },
    width: 6,
  },
  {
    key: "right",
    heading: "Right KPI",
    guidance: "compare only: the KPI id on the right.",
    accepts: { kind: "id", pattern: true, required: false },
    width: 18,
  },
  {
    key: "parts",
    heading: "Parts",
    guidance: "sum only: the KPI ids that add up, separated by commas.",
    accepts: { kind: "idList" },
    width: 30,
  },
  {
    key: "total",
    heading: "Total KPI",
    guidance: "sum only: the KPI id they add up to.",
    accepts: { kind: "id", pattern: true, required: false },
    width: 18,
  },
  {
    key: "message",
    heading: "Message",
    guidance: "The finding's words (optional); the engine writes one naming the KPIs and figures when blank.",
    accepts: text(TEMPLATE_LIMITS.longText, false),
    width: 48,
  },
];

const QUARTER_GUIDANCE = (q: number): string =>
  `Share of the award expected spent by the end of Q${q}, as a percentage (cumulative, never falling${q === 4 ? ", 100% at Q4" : ""}). Leave all four blank for a straight line.`;

export const BUDGET_COLUMNS: readonly TemplateField[] = [
  {
    key: "id",
    heading: "Line id",
    guidance: 'Lower-case letters, digits and hyphens, e.g. "grant".',
    accepts: { kind: "id", pattern: true, required: true },
    width: 18,
  },
  {
    key: "label",
    heading: "Label",
    guidance: "The budget line as providers see it.",
    accepts: text(TEMPLATE_LIMITS.shortText),
    width: 36,
  },
  ...[1, 2, 3, 4].map((q): TemplateField => ({
    key: `profile.${q - 1}`,
    heading: `Profile Q${q}`,
    guidance: QUARTER_GUIDANCE(q),
    accepts: { kind: "number", min: 0, max: 1 },
    width: 11,
    percent: true,
  })),
];

/** Each sheet's title, instructions and fields, in the order the workbook shows them. */
export const SHEET_FIELDS: Readonly<
  Record<TemplateSheetName, { readonly fields: readonly TemplateField[]; readonly instructions: string }>
> = {
  [TEMPLATE_SHEET]: {
    fields: TEMPLATE_ROWS,
    instructions:
      "One KPI template: fill in the yellow Value cells. Then list its KPIs, rules and budget lines on the next sheets, and run `kpi-returns template check` on this file.",
  },
  [KPIS_SHEET]: {
    fields: KPI_COLUMNS,
    instructions:
      "One row per KPI, in the order of the return's rows. Hover a heading's cell below for guidance; blank optional cells take the default.",
  },
  [RULES_SHEET]: {
    fields: RULE_COLUMNS,
    instructions:
      "Cross-field rules, one per row (optional). compare rules use Left, Op and Right; sum rules use Parts and Total.",
  },
  [BUDGET_LINES_SHEET]: {
    fields: BUDGET_COLUMNS,
    instructions: "The return's budget lines, one per row (optional), each with its spending profile.",
  },
};

/** Blank rows with validation below the last item, so an officer has room to add more. */
export const SPARE_ROWS = 20;

// ---------- A template as rows ----------

export type SheetCell = string | number | null;

/** The cells one template fills: the Template sheet's Value column (by TEMPLATE_ROWS), and each list's rows. */
export interface TemplateSheetsContent {
  readonly template: readonly SheetCell[];
  readonly kpis: readonly (readonly SheetCell[])[];
  readonly rules: readonly (readonly SheetCell[])[];
  readonly budgetLines: readonly (readonly SheetCell[])[];
}

type Json = Record<string, unknown>;

function getPath(obj: object, key: string): unknown {
  const [head, tail] = key.split(".");
  const value = (obj as Json)[head];
  if (tail === undefined) return value;
  if (value === undefined || value === null || typeof value !== "object") return undefined;
  return Array.isArray(value) ? value[Number(tail)] : (value as Json)[tail];
}

function cellFor(value: unknown, accepts: FieldKind): SheetCell {
  if (value === undefined || value === null) return null;
  switch (accepts.kind) {
    case "yesNo":
      return value === true ? "yes" : "no";
    case "numberList":
    case "idList":
      return (value as readonly (string | number)[]).join(", ");
    case "number":
      return value as number;
    default:
      return String(value);
  }
}

/** The template fields the workbook has no place for (a field added to the JSON but not to these tables). */
export function uncarriedFields(template: KpiTemplate): string[] {
  const carried = (fields: readonly TemplateField[]): Set<string> =>
    new Set(fields.map((f) => f.key.split(".")[0]));
  const top = new Set([...carried(TEMPLATE_ROWS), "kpis", "rules", "budgetLines"]);
  const kpi = carried(KPI_COLUMNS);
  const rule = carried(RULE_COLUMNS);
  const line = carried(BUDGET_COLUMNS);
  const out = new Set<string>();
  for (const key of Object.keys(template)) if (!top.has(key)) out.add(key);
  for (const k of template.kpis) for (const key of Object.keys(k)) if (!kpi.has(key)) out.add(`kpis.${key}`);
  for (const r of template.rules)
    for (const key of Object.keys(r)) if (!rule.has(key)) out.add(`rules.${key}`);
  for (const b of template.budgetLines)
    for (const key of Object.keys(b)) if (!line.has(key)) out.add(`budgetLines.${key}`);
  return [...out];
}

/** A loaded template as the workbook's cells. Refuses a template with a field the workbook cannot carry. */
export function templateToSheets(template: KpiTemplate): TemplateSheetsContent {
  const missing = uncarriedFields(template);
  if (missing.length > 0) {
    throw new UserError(
      `Template "${template.id}" has fields the template workbook cannot hold yet (${missing.join(", ")}), so it is not exported rather than exported without them.`,
      template.id,
    );
  }
  const row = (obj: object, fields: readonly TemplateField[]): SheetCell[] =>
    fields.map((f) => cellFor(getPath(obj, f.key), f.accepts));
  return {
    template: row(template, TEMPLATE_ROWS),
    kpis: template.kpis.map((k) => row(k, KPI_COLUMNS)),
    rules: template.rules.map((r) => row(r, RULE_COLUMNS)),
    budgetLines: template.budgetLines.map((b) => row(b, BUDGET_COLUMNS)),
  };
}

/** Column letter of a 1-based column number (A, B, … Z, AA). */
export function columnName(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

// ---------- Rows read back ----------

/** The cells read from each sheet: row 1 first, column A first. A missing sheet is absent. */
export type TemplateGrid = Readonly<Partial<Record<string, readonly (readonly CellInput[])[]>>>;

export interface SheetProblem {
  readonly sheet: string;
  /** "D7"; "" when the problem is the whole sheet. */
  readonly cell: string;
  readonly message: string;
}

export function problemText(p: SheetProblem): string {
  return p.cell ? `${p.sheet}!${p.cell}: ${p.message}` : `${p.sheet}: ${p.message}`;
}

export interface TemplateRead {
  /** The template, when there were no problems. */
  readonly template: KpiTemplate | null;
  readonly problems: readonly SheetProblem[];
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;
const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;

function show(v: CellInput): string {
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v);
  if (v instanceof Date) return "a date";
  return String(v);
}

/** Reads one cell as its field says; undefined when blank. */
function readField(raw: CellInput, field: TemplateField, problem: (message: string) => void): unknown {
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
  const asText = typeof raw === "string" ? raw : String(raw);
  switch (a.kind) {
    case "text":
      if (asText.startsWith("=")) {
        problem(`${field.heading} starts with "=", which Excel would take for a formula; reword it.`);
        return undefined;
      }
      if (asText.length > a.max) {
        problem(`${field.heading} is ${asText.length} characters long; the most is ${a.max}.`);
        return undefined;
      }
      return asText;
    case "id": {
      const id = asText.trim();
      if (id.length > TEMPLATE_LIMITS.shortText) {
        problem(`${field.heading} is too long (at most ${TEMPLATE_LIMITS.shortText} characters).`);
        return undefined;
      }
      if (a.pattern && !ID_PATTERN.test(id)) {
        problem(
          `${field.heading} ${show(id)} must be lower-case letters, digits and hyphens (e.g. "volunteers").`,
        );
        return undefined;
      }
      return id;
    }
    case "version": {
      const v = asText.trim();
      if (!VERSION_PATTERN.test(v)) {
        problem(`version ${show(v)} is not a version number like "1.0.0".`);
        return undefined;
      }
      return v;
    }
    case "choice": {
      const v = asText.trim();
      const found = a.choices.find((c) => c.toLowerCase() === v.toLowerCase());
      if (found === undefined) {
        problem(`${field.heading.toLowerCase()} ${show(v)} is not one of ${a.choices.join(", ")}`);
        return undefined;
      }
      return found;
    }
    case "yesNo": {
      if (typeof raw === "boolean") return raw;
      const v = asText.trim().toLowerCase();
      if (v === "yes" || v === "true") return true;
      if (v === "no" || v === "false") return false;
      problem(`${field.heading} ${show(raw)} must be yes or no.`);
      return undefined;
    }
    case "number": {
      const n = typeof raw === "number" ? raw : NUMBER_TEXT.test(asText.trim()) ? Number(asText.trim()) : NaN;
      if (!Number.isFinite(n)) {
        problem(`${field.heading} ${show(raw)} is not a number.`);
        return undefined;
      }
      if ((a.min !== undefined && n < a.min) || (a.max !== undefined && n > a.max)) {
        problem(`${field.heading} ${n} ${describeKind(a)}.`);
        return undefined;
      }
      return n;
    }
    case "numberList": {
      const parts = asText.split(",").map((p) => p.trim());
      if (parts.length > TEMPLATE_LIMITS.listItems) {
        problem(`${field.heading} lists ${parts.length} values; the most is ${TEMPLATE_LIMITS.listItems}.`);
        return undefined;
      }
      const bad = parts.find((p) => !NUMBER_TEXT.test(p));
      if (bad !== undefined) {
        problem(`${field.heading} ${show(bad)} is not a number (separate the values with commas).`);
        return undefined;
      }
      return parts.map(Number);
    }
    case "idList": {
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
  }
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

function setPath(obj: Json, key: string, value: unknown): void {
  const [head, tail] = key.split(".");
  if (tail === undefined) {
    obj[head] = value;
    return;
  }
  // Nested objects are made here, from our own field table, never from a key read out of the workbook.
  const inner = (obj[head] ??= /^\d+$/.test(tail) ? [] : {}) as Json;
  inner[tail] = value;
}

function isBlankRow(row: readonly CellInput[] | undefined, width: number): boolean {
  if (!row) return true;
  for (let c = 0; c < width; c++) {
    const v = row[c];
    if (!(v === null || v === undefined || (typeof v === "string" && v.trim() === ""))) return false;
  }
  return true;
}

interface ListRow {
  readonly row: number;
  readonly value: Json;
  /** Where each field's cell is, for problems found after reading. */
  readonly cells: Readonly<Record<string, string>>;
}

/** Reads the item rows of a list sheet: headings checked, blank rows skipped, every cell read by its column. */
function readList(
  grid: TemplateGrid,
  sheet: TemplateSheetName,
  limit: number,
  add: (p: SheetProblem) => void,
): ListRow[] {
  const rows = grid[sheet];
  const { fields } = SHEET_FIELDS[sheet];
  if (rows === undefined) {
    if (sheet === KPIS_SHEET || sheet === TEMPLATE_SHEET)
      add({ sheet, cell: "", message: `the sheet "${sheet}" is missing from the workbook.` });
    return [];
  }
  const headings = rows[HEADING_ROW - 1] ?? [];
  let headingsOk = true;
  fields.forEach((f, i) => {
    const found = headings[i];
    if (typeof found !== "string" || found.trim() !== f.heading) {
      headingsOk = false;
      add({
        sheet,
        cell: `${columnName(i + 1)}${HEADING_ROW}`,
        message: `the heading should be "${f.heading}", not ${show(found ?? null)}; the sheet is read by column, so put it back.`,
      });
    }
  });
  if (!headingsOk) return [];
  const out: ListRow[] = [];
  for (let r = FIRST_DATA_ROW; r <= rows.length; r++) {
    const cells = rows[r - 1];
    if (isBlankRow(cells, fields.length + 4)) continue;
    if (out.length >= limit) {
      add({
        sheet,
        cell: `A${r}`,
        message: `the sheet holds more than ${limit} rows; the most a template may have is ${limit}.`,
      });
      break;
    }
    const value: Json = {};
    const where: Record<string, string> = {};
    fields.forEach((f, i) => {
      const cell = `${columnName(i + 1)}${r}`;
      where[f.key.split(".")[0]] ??= cell;
      const v = readField(cells?.[i] ?? null, f, (message) => add({ sheet, cell, message }));
      if (v !== undefined) setPath(value, f.key, v);
    });
    // Anything typed beyond the last column is not part of the template: say so rather than ignore it.
    for (let c = fields.length; c < (cells?.length ?? 0); c++) {
      const v = cells?.[c];
      if (!(v === null || v === undefined || (typeof v === "string" && v.trim() === ""))) {
        add({
          sheet,
          cell: `${columnName(c + 1)}${r}`,
          message: `this cell is outside the template's columns; move or clear it.`,
        });
      }
    }
    out.push({ row: r, value, cells: where });
  }
  return out;
}

/**
 * Reads a template back from its workbook's cells. Every problem names its sheet and cell; the template is returned
 * only when there are none, and then it has passed `loadTemplate` like any other.
 */
export function templateFromSheets(grid: TemplateGrid, source: string): TemplateRead {
  const problems: SheetProblem[] = [];
  const add = (p: SheetProblem): void => void problems.push(p);
  const json: Json = {};

  // Template sheet: rows found by their name in column A.
  const tRows = grid[TEMPLATE_SHEET];
  const templateCells: Record<string, string> = {};
  if (tRows === undefined) {
    add({
      sheet: TEMPLATE_SHEET,
      cell: "",
      message: `the sheet "${TEMPLATE_SHEET}" is missing from the workbook.`,
    });
  } else {
    for (const f of TEMPLATE_ROWS) {
      const index = tRows.findIndex(
        (row, i) => i >= HEADING_ROW && typeof row[0] === "string" && row[0].trim() === f.heading,
      );
      if (index < 0) {
        add({
          sheet: TEMPLATE_SHEET,
          cell: "A",
          message: `the row "${f.heading}" is missing; put it back in column A.`,
        });
        continue;
      }
      const cell = `B${index + 1}`;
      templateCells[f.key] = cell;
      const v = readField(tRows[index][1] ?? null, f, (message) =>
        add({ sheet: TEMPLATE_SHEET, cell, message }),
      );
      if (v !== undefined) setPath(json, f.key, v);
    }
  }
  const tol = json.tolerance as Partial<Tolerance> | undefined;
  if (
    tol?.targetGreenPct !== undefined &&
    tol.targetRedPct !== undefined &&
    tol.targetGreenPct > tol.targetRedPct
  ) {
    add({
      sheet: TEMPLATE_SHEET,
      cell: templateCells["tolerance.targetRedPct"] ?? "",
      message: `the red tolerance (${tol.targetRedPct}) must not be below the green (${tol.targetGreenPct}).`,
    });
  }

  const kpis = readList(grid, KPIS_SHEET, TEMPLATE_LIMITS.kpis, add);
  const rules = readList(grid, RULES_SHEET, TEMPLATE_LIMITS.rules, add);
  const lines = readList(grid, BUDGET_LINES_SHEET, TEMPLATE_LIMITS.budgetLines, add);

  if (grid[KPIS_SHEET] !== undefined && kpis.length === 0 && !problems.some((p) => p.sheet === KPIS_SHEET)) {
    add({ sheet: KPIS_SHEET, cell: `A${FIRST_DATA_ROW}`, message: "a template needs at least one KPI." });
  }
  const uniqueIds = (items: readonly ListRow[], sheet: string, noun: string): void => {
    const seen = new Map<string, number>();
    for (const item of items) {
      const id = item.value.id;
      if (typeof id !== "string") continue;
      const first = seen.get(id);
      if (first !== undefined)
        add({
          sheet,
          cell: item.cells.id,
          message: `${noun} id "${id}" is already used in row ${first}; each needs its own.`,
        });
      else seen.set(id, item.row);
    }
  };
  uniqueIds(kpis, KPIS_SHEET, "KPI");
  uniqueIds(rules, RULES_SHEET, "rule");
  uniqueIds(lines, BUDGET_LINES_SHEET, "budget line");

  for (const k of kpis) {
    const { min, max } = k.value as { min?: number; max?: number };
    if (min !== undefined && max !== undefined && min > max)
      add({ sheet: KPIS_SHEET, cell: k.cells.max, message: `max ${max} is below min ${min}.` });
    const t = k.value.tolerance as Partial<Tolerance> | undefined;
    const green = t?.targetGreenPct ?? tol?.targetGreenPct ?? DEFAULT_TOLERANCE.targetGreenPct;
    const red = t?.targetRedPct ?? tol?.targetRedPct ?? DEFAULT_TOLERANCE.targetRedPct;
    if (t && green > red)
      add({
        sheet: KPIS_SHEET,
        cell: k.cells.tolerance,
        message: `the red tolerance (${red}) must not be below the green (${green}).`,
      });
  }

  const kpiIds = new Set(kpis.map((k) => k.value.id).filter((id): id is string => typeof id === "string"));
  for (const r of rules) {
    const v = r.value;
    const ref = (field: string, needed: boolean): void => {
      const id = v[field];
      if (id === undefined) {
        if (needed)
          add({
            sheet: RULES_SHEET,
            cell: r.cells[field],
            message: `a ${String(v.kind)} rule needs ${headingOf(field)}.`,
          });
        return;
      }
      if (!needed) {
        add({
          sheet: RULES_SHEET,
          cell: r.cells[field],
          message: `${headingOf(field)} is only for ${v.kind === "sum" ? "compare" : "sum"} rules; clear it.`,
        });
        delete v[field];
        return;
      }
      for (const one of Array.isArray(id) ? (id as string[]) : [id as string]) {
        if (!kpiIds.has(one))
          add({
            sheet: RULES_SHEET,
            cell: r.cells[field],
            message: `"${one}" is not a KPI id on the KPIs sheet.`,
          });
      }
    };
    if (v.kind === "compare" || v.kind === "sum") {
      const compare = v.kind === "compare";
      ref("left", compare);
      ref("right", compare);
      ref("parts", !compare);
      ref("total", !compare);
      if (!compare) {
        if (v.op !== undefined) {
          add({ sheet: RULES_SHEET, cell: r.cells.op, message: "Op is only for compare rules; clear it." });
          delete v.op;
        }
      } else if (v.op === undefined && !problems.some((p) => p.cell === r.cells.op)) {
        add({ sheet: RULES_SHEET, cell: r.cells.op, message: "a compare rule needs Op." });
      }
    }
  }
  for (const line of lines) {
    const p = line.value.profile as (number | undefined)[] | undefined;
    if (p === undefined) continue;
    const filled = [0, 1, 2, 3].filter((i) => p[i] !== undefined).length;
    if (filled !== 4) {
      add({
        sheet: BUDGET_LINES_SHEET,
        cell: line.cells.profile,
        message: "fill in all four profile quarters, or none for a straight line.",
      });
    } else if (p.some((v, i) => i > 0 && (v as number) < (p[i - 1] as number)) || p[3] !== 1) {
      add({
        sheet: BUDGET_LINES_SHEET,
        cell: line.cells.profile,
        message:
          "the profile is cumulative: it must never fall from one quarter to the next, and reach 100% at Q4.",
      });
    }
  }

  if (problems.length > 0) return { template: null, problems: inSheetOrder(problems) };
  json.kpis = kpis.map((k) => k.value);
  json.rules = rules.map((r) => r.value);
  json.budgetLines = lines.map((l) => l.value);
  try {
    return { template: loadTemplate(json, source), problems: [] };
  } catch (err) {
    // The checks above mirror loadTemplate's, so this is a last gate: place what it says on the sheet it is about.
    const lines = err instanceof UserError ? err.message.split("\n") : ["the template could not be read."];
    return {
      template: null,
      problems: lines.map((line) => ({
        sheet: TEMPLATE_SHEET,
        cell: "",
        message: line.replace(/^Template "[^"]*": /, ""),
      })),
    };
  }
}

/** Problems in reading order: sheet by sheet as the workbook shows them, then row, then column. */
function inSheetOrder(problems: readonly SheetProblem[]): SheetProblem[] {
  const place = (p: SheetProblem): [number, number, number] => {
    const m = /^([A-Z]+)(\d*)$/.exec(p.cell);
    const column = m ? m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;
    return [(TEMPLATE_SHEETS as readonly string[]).indexOf(p.sheet), m && m[2] ? Number(m[2]) : 0, column];
  };
  return [...problems].sort((a, b) => {
    const [pa, pb] = [place(a), place(b)];
    return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
  });
}

function headingOf(key: string): string {
  return RULE_COLUMNS.find((f) => f.key === key)?.heading ?? key;
}

/** The JSON fields a template may have that the workbook does not carry on purpose ("$schema" is an editor hint). */
export const NOT_CARRIED = ["$schema"] as const;

/** Every JSON field loadTemplate accepts, for the test that the workbook carries them all. */
export const TEMPLATE_JSON_FIELDS = { template: TEMPLATE_FIELDS, kpi: KPI_FIELDS } as const;
