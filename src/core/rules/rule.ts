/**
 * What every rule is: a stable id, a severity, a description for the README's catalogue, and a pure check over one
 * return and its template. One rule per file beside this one; add a rule by copying a neighbour and listing it in
 * catalogue.ts.
 */
import { BUDGET_COLUMNS, KPI_COLUMNS } from "../columns";
import { formatValue } from "../format";
import type {
  BudgetEntry,
  BudgetFigure,
  BudgetLineDefinition,
  Finding,
  KpiDefinition,
  KpiEntry,
  KpiFigure,
  KpiTemplate,
  Location,
  Return,
  Severity,
  Tolerance,
} from "../types";

/** A KPI row of the return matched to its definition, with its figures worked out once for every rule. */
export interface KpiCheck {
  readonly def: KpiDefinition;
  readonly entry: KpiEntry;
  readonly figure: KpiFigure;
  readonly tolerance: Tolerance;
}

/** A budget row matched to its definition, with its figures. */
export interface BudgetCheck {
  readonly def: BudgetLineDefinition;
  readonly entry: BudgetEntry;
  readonly figure: BudgetFigure;
  readonly tolerance: Tolerance;
}

/** Everything a rule may look at. Built once per validation by validate.ts. */
export interface RuleContext {
  readonly ret: Return;
  readonly template: KpiTemplate;
  /** Quarters elapsed in the financial year (Q2 → 2), or null when the period cannot be read. */
  readonly quarter: number | null;
  /** Rows whose KPI the template knows (first occurrence of each), in row order. */
  readonly kpis: readonly KpiCheck[];
  readonly kpiById: ReadonlyMap<string, KpiCheck>;
  /** Rows whose KPI id the template does not know, and repeated rows. */
  readonly unknownKpis: readonly KpiEntry[];
  readonly duplicateKpis: readonly KpiEntry[];
  readonly budget: readonly BudgetCheck[];
  readonly unknownLines: readonly BudgetEntry[];
  readonly duplicateLines: readonly BudgetEntry[];
}

export interface Rule {
  readonly id: string;
  /** "template" for the interpreters of a template's own rules, whose findings carry that rule's id and severity. */
  readonly severity: Severity | "template";
  /** One or two sentences for the rule catalogue. */
  readonly description: string;
  /** Appends this rule's findings to `out` (pushing, not returning, keeps the hot path free of throwaway arrays). */
  check(ctx: RuleContext, out: Finding[]): void;
}

// The rules name columns through this module, their shared kit.
export { BUDGET_COLUMNS, KPI_COLUMNS };

export const AMEND = "Please amend.";
export const AMEND_OR_EXPLAIN = "Please amend, or explain in the Commentary column.";

export function kpiFinding(
  rule: { readonly id: string; readonly severity: Severity },
  kpiId: string,
  row: number | undefined,
  message: string,
  column: string = KPI_COLUMNS.actual,
): Finding {
  return { ruleId: rule.id, severity: rule.severity, message, kpiId, location: at("KpiReturn", row, column) };
}

export function budgetFinding(
  rule: { readonly id: string; readonly severity: Severity },
  lineId: string,
  row: number | undefined,
  message: string,
  column: string = BUDGET_COLUMNS.spentToDate,
): Finding {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    message,
    lineId,
    location: at("BudgetReturn", row, column),
  };
}

/** A location with no `row` key at all when it names no row (findings are compared and serialised as they are). */
function at(table: Location["table"], row: number | undefined, column: string): Location {
  return row === undefined ? { table, column } : { table, row, column };
}

/** A KPI value in its unit, as people read it: "3,834", "95.8%", "£21,000". */
export function showValue(ctx: RuleContext, def: KpiDefinition, n: number): string {
  return formatValue(n, def.unit, ctx.template.percentScale);
}

/**
 * True when a percent KPI's number looks typed on the other scale: 95.83 where fractions are expected,
 * or 0.9583 (or a typed "95.83%") where percentage points are. Such a value is never rescaled; it is reported.
 */
export function onOtherPercentScale(ctx: RuleContext, check: KpiCheck): boolean {
  const v = check.entry.actual;
  if (check.def.unit !== "percent" || v.kind !== "number") return false;
  const size = Math.abs(v.value);
  if (ctx.template.percentScale === "fraction") return size > 1 && size <= 100;
  return v.percentSign === true || (size > 0 && size < 1);
}

/** True when the number lies outside the KPI's min/max. */
export function outOfRange(def: KpiDefinition, n: number): boolean {
  return (def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max);
}
