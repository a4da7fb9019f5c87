/**
 * A loaded template laid out as the template workbook's cells: the Template sheet's values and a row per KPI, rule and
 * budget line, each cell by its field. A template with a field the workbook has no place for is refused, never
 * exported without it.
 */
import { UserError } from "./errors";
import {
  BUDGET_LINES_SHEET_FIELDS,
  KPIS_SHEET_FIELDS,
  RULES_SHEET_FIELDS,
  TEMPLATE_ROWS,
  type FieldKind,
  type TemplateField,
} from "./template-sheets";
import type { KpiTemplate } from "./types";

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
  const kpi = carried(KPIS_SHEET_FIELDS);
  const rule = carried(RULES_SHEET_FIELDS);
  const line = carried(BUDGET_LINES_SHEET_FIELDS);
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
    kpis: template.kpis.map((k) => row(k, KPIS_SHEET_FIELDS)),
    rules: template.rules.map((r) => row(r, RULES_SHEET_FIELDS)),
    budgetLines: template.budgetLines.map((b) => row(b, BUDGET_LINES_SHEET_FIELDS)),
  };
}

/** Column letter of a 1-based column number (A, B, … Z, AA). */
export function columnName(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
