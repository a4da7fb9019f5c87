/**
 * What every rule is: a stable id, a severity, a description for the README's catalogue, examples of returns it
 * fires on and stays quiet on, and a pure check over one return and its template. One rule per file beside this
 * one; add a rule by copying a neighbour (`npm run rules` then lists it in catalogue.ts and the README).
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
import type { ReturnChange } from "./example-return";
import type { FindingRuleId } from "./ids";

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

/** A rule's severity: "template" for the interpreters of a template's own rules, whose findings carry that rule's. */
export type RuleSeverity = Severity | "template";

/** What a finding is filed under: the rule's id and severity, written once in the rule's file. */
export interface RuleName<Id extends string = FindingRuleId, S extends RuleSeverity = Severity> {
  readonly id: Id;
  readonly severity: S;
}

/** An example that breaks a rule: the change that makes it fire, and the column every finding of it points at. */
export interface Firing<Change> {
  readonly change: Change;
  /** The column every finding of the rule points at (undefined: the finding names no column). */
  readonly column: string | undefined;
}

/** A return made to break a core rule: the change to the example return, and where its findings point. */
export interface FiringExample extends Firing<ReturnChange> {
  /** For a template rule's interpreter: the example template's rule whose id and severity its findings carry. */
  readonly templateRule?: { readonly id: string; readonly severity: Severity };
}

/** What a rule file carries about itself, for the catalogue, the README and the rules test. */
export interface RuleExamples<Fires, Quiet = Fires> {
  /** Changes that make the rule fire. */
  readonly fires: readonly Fires[];
  /** Near changes that must leave it quiet. */
  readonly quiet: readonly Quiet[];
}

/**
 * The shape every rule has, whatever it checks: an id and severity, a description for the README, examples of what
 * makes it fire and what leaves it quiet, and a check over its context (core's rules: a return and its template; the
 * Return Register's checks, src/core/register-rules/: a return and the register's entry for it; the workbook's
 * checks, src/workbook/rules/: a read workbook).
 */
export interface RuleOf<Context, Fires, Quiet, Id extends string, S extends RuleSeverity> extends RuleName<
  Id,
  S
> {
  /** One or two sentences for the rule catalogue. */
  readonly description: string;
  readonly examples: RuleExamples<Fires, Quiet>;
  /** Appends this rule's findings to `out` (pushing, not returning, keeps the hot path free of throwaway arrays). */
  check(this: RuleName<Id, S>, ctx: Context, out: Finding[]): void;
}

/** A core rule: a check over one return and its template. */
export type Rule<Id extends string = string, S extends RuleSeverity = RuleSeverity> = RuleOf<
  RuleContext,
  FiringExample,
  ReturnChange,
  Id,
  S
>;

/** A rule as a catalogue (and the README) lists it. */
export interface CatalogueEntry<Id extends string = string> {
  readonly id: Id;
  readonly severity: RuleSeverity;
  readonly description: string;
}

/**
 * The helper a family of rules (core's, the register's, the workbook's) defines each of its rules with: it types the
 * rule's check and examples by the family's context and changes, and keeps its id and severity as literal types (the
 * union of rule ids is made from them).
 */
export function ruleFamily<Context, Fires, Quiet, Sev extends RuleSeverity = Severity>() {
  return <const Id extends string, const S extends Sev>(
    rule: RuleOf<Context, Fires, Quiet, Id, S>,
  ): RuleOf<Context, Fires, Quiet, Id, S> => rule;
}

/** A core rule, defined. */
export const defineRule = ruleFamily<RuleContext, FiringExample, ReturnChange, RuleSeverity>();

// The rules name columns through this module, their shared kit.
export { BUDGET_COLUMNS, KPI_COLUMNS };

export const AMEND = "Please amend.";
export const AMEND_OR_EXPLAIN = "Please amend, or explain in the Commentary column.";

/** A finding of `rule` at `location`, about a KPI or budget line when `subject` names one. */
export function finding(
  rule: RuleName,
  message: string,
  location: Location,
  subject: { kpiId?: string; lineId?: string } = {},
): Finding {
  return { ruleId: rule.id, severity: rule.severity, message, location, ...subject };
}

export function kpiFinding(
  rule: RuleName,
  kpiId: string,
  row: number | undefined,
  message: string,
  column: string = KPI_COLUMNS.actual,
): Finding {
  return { ruleId: rule.id, severity: rule.severity, message, kpiId, location: at("KpiReturn", row, column) };
}

export function budgetFinding(
  rule: RuleName,
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
