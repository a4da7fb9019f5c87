/**
 * What a KPI template may say: its fields, the KPI fields, units, severities and comparisons, the default tolerance,
 * and the most a template may hold. The loader checks against these; the template workbook offers them as choices.
 */
import type { CompareOp, Severity, Tolerance, Unit } from "./types";

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

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;
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
