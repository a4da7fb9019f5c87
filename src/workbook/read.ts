/**
 * Reading a return: one workbook snapshot becomes core's Return, plus the findings of the workbook checks
 * (src/workbook/rules/), which see what core cannot: a missing table, a renamed or extra column, rows added, a formula
 * overwritten, an unknown template.
 */
import type { BudgetEntry, Finding, KpiEntry, KpiTemplate, Return } from "../core/types";
import { compareFindings } from "../core/validate";
import { BUDGET_TABLE, KPI_TABLE } from "./contract";
import { believedStatus } from "./metadata-edits";
import { workbookRules } from "./rules/catalogue";
import { workbookContext } from "./rules/context";
import type { WorkbookContext, WorkbookRule } from "./rules/rule";
import { tableOf, type WorkbookSnapshot } from "./snapshot";

export { workbookRuleCatalogue, type WorkbookRuleId } from "./rules/catalogue";

export interface ReadResult {
  readonly ret: Return | null;
  readonly template: KpiTemplate | null;
  readonly findings: Finding[];
}

/** The entries read from a table's template rows, in row order. */
function entriesOf(ctx: WorkbookContext, name: string): (KpiEntry | BudgetEntry)[] {
  const read = ctx.tables.find((t) => t.table.name.toLowerCase() === name.toLowerCase());
  return (read?.rows ?? []).flatMap((body) => (body.kind === "template" ? [body.entry] : []));
}

/**
 * The tables the return needs but the workbook lacks: with a template, those it has rows for; without one, the
 * KpiReturn table unless a budget table stands in its place.
 */
function missingTables(ctx: WorkbookContext): ("KpiReturn" | "BudgetReturn")[] {
  const { snapshot, template } = ctx;
  const kpiTable = tableOf(snapshot, KPI_TABLE);
  const budgetTable = tableOf(snapshot, BUDGET_TABLE);
  const expectKpis = template ? template.kpis.length > 0 : !budgetTable;
  const expectBudget = template ? template.budgetLines.length > 0 : false;
  const missing: ("KpiReturn" | "BudgetReturn")[] = [];
  if (expectKpis && !kpiTable) missing.push(KPI_TABLE);
  if (expectBudget && !budgetTable) missing.push(BUDGET_TABLE);
  return missing;
}

/** Turns a snapshot into core's Return, with the workbook checks' findings; `ret` is null when there is no return. */
export function readReturn(snapshot: WorkbookSnapshot, templates: readonly KpiTemplate[]): ReadResult {
  const ctx = workbookContext(snapshot, templates);
  const findings: Finding[] = [];
  const checks: readonly WorkbookRule[] = workbookRules;
  for (const rule of checks) rule.check(ctx, findings);
  findings.sort(compareFindings);
  const { state, template } = ctx;
  if (!state) return { ret: null, template: null, findings };
  // The Return carries the missing tables, and core's TABLE-MISSING reports each once, in place of its rows (and so
  // blocks approval whichever face asks). Without a known template core does not run: TEMPLATE-UNKNOWN stands.
  const missing = missingTables(ctx);
  const ret: Return = {
    templateId: state.templateId,
    templateVersion: state.templateVersion,
    provider: state.provider,
    period: state.period,
    // The status the history bears out, not the one typed in the metadata (METADATA-STATUS says when they differ).
    status: believedStatus(state),
    kpis: entriesOf(ctx, KPI_TABLE).filter((e): e is KpiEntry => "kpiId" in e),
    budget: entriesOf(ctx, BUDGET_TABLE).filter((e): e is BudgetEntry => "lineId" in e),
    overrides: state.overrides,
    history: state.history,
    ...(state.approval ? { approval: state.approval } : {}),
    ...(state.returnedReasons ? { returnedReasons: state.returnedReasons } : {}),
    ...(missing.length > 0 ? { missingTables: missing } : {}),
  };
  return { ret, template, findings };
}
