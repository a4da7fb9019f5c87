/**
 * The template workbook's shape, as data: the four sheets an officer writes a KPI template in (Template, KPIs, Rules,
 * Budget lines), and every row or column with its heading, guidance, width and what it accepts. Pure: the workbook
 * layer lays these out for Excel or ExcelJS. A template is written into these sheets by `template-sheets-write.ts`
 * and read back from them by `template-sheets-read.ts`.
 *
 * One table of fields per sheet is the single place a template field meets the workbook: a field the JSON gains
 * needs a row here, or export refuses to drop it (see `uncarriedFields`).
 */
import { COMPARE_OPS, DEFAULT_TOLERANCE, SEVERITIES, TEMPLATE_LIMITS, UNITS } from "./template-vocabulary";
import type { Tolerance } from "./types";

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
  ...toleranceFields("Tolerance: ", false),
];

export const KPIS_SHEET_FIELDS: readonly TemplateField[] = [
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
      'How the report\'s narrative names the figure after its number (optional, one line), e.g. "total referrals (hospital data included)" reads "492 total referrals…". Blank: the label in lower case.',
    accepts: text(120, false),
    width: 30,
  },
  ...toleranceFields("", true),
];

export const RULES_SHEET_FIELDS: readonly TemplateField[] = [
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

export const BUDGET_LINES_SHEET_FIELDS: readonly TemplateField[] = [
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
    fields: KPIS_SHEET_FIELDS,
    instructions:
      "One row per KPI, in the order of the return's rows. Hover a heading's cell below for guidance; blank optional cells take the default.",
  },
  [RULES_SHEET]: {
    fields: RULES_SHEET_FIELDS,
    instructions:
      "Cross-field rules, one per row (optional). compare rules use Left, Op and Right; sum rules use Parts and Total.",
  },
  [BUDGET_LINES_SHEET]: {
    fields: BUDGET_LINES_SHEET_FIELDS,
    instructions: "The return's budget lines, one per row (optional), each with its spending profile.",
  },
};

/** Blank rows with validation below the last item, so an officer has room to add more. */
export const SPARE_ROWS = 20;
