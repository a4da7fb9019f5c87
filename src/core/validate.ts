/**
 * Validates one return against its template: runs every rule in the catalogue, marks queries explained by a
 * commentary or an officer's override, sorts the findings, and works out the figures. Pure, and never throws
 * for any cell values.
 */
import { BUDGET_COLUMNS, KPI_COLUMNS } from "./columns";
import { budgetFigure, elapsedQuarters, kpiFigure, kpiTolerance } from "./figures";
import { matchRows } from "./match-rows";
import { rules } from "./rules/catalogue";
import { findingSubject } from "./subject";
import type { BudgetCheck, KpiCheck, Rule, RuleContext } from "./rules/rule";
import type {
  BudgetLineDefinition,
  Finding,
  KpiDefinition,
  KpiTemplate,
  Location,
  Return,
  Tolerance,
  Validation,
} from "./types";

/** Per-template lookups, built once per template object rather than once per validation. */
interface PreparedTemplate {
  readonly kpis: ReadonlyMap<string, { def: KpiDefinition; tolerance: Tolerance }>;
  readonly lines: ReadonlyMap<string, BudgetLineDefinition>;
}
const prepared = new WeakMap<KpiTemplate, PreparedTemplate>();

function prepare(template: KpiTemplate): PreparedTemplate {
  let p = prepared.get(template);
  if (!p) {
    p = {
      kpis: new Map(template.kpis.map((def) => [def.id, { def, tolerance: kpiTolerance(template, def) }])),
      lines: new Map(template.budgetLines.map((def) => [def.id, def])),
    };
    prepared.set(template, p);
  }
  return p;
}

/** Matches the return's rows to the template's definitions and works out each row's figures once. */
export function ruleContext(ret: Return, template: KpiTemplate): RuleContext {
  const p = prepare(template);
  const quarter = elapsedQuarters(ret);
  const kpiRows = matchRows(
    ret.kpis,
    (e) => e.kpiId,
    (id) => p.kpis.get(id),
  );
  const kpis: KpiCheck[] = kpiRows.known.map(({ def: known, entry }) => ({
    def: known.def,
    entry,
    figure: kpiFigure(known.def, entry, template, quarter, known.tolerance),
    tolerance: known.tolerance,
  }));
  const kpiById = new Map(kpis.map((check) => [check.def.id, check]));
  const lineRows = matchRows(
    ret.budget,
    (e) => e.lineId,
    (id) => p.lines.get(id),
  );
  const budget: BudgetCheck[] = lineRows.known.map(({ def, entry }) => ({
    def,
    entry,
    figure: budgetFigure(def, entry, template.tolerance, quarter),
    tolerance: template.tolerance,
  }));
  return {
    ret,
    template,
    quarter,
    kpis,
    kpiById,
    unknownKpis: kpiRows.unknown,
    duplicateKpis: kpiRows.repeated,
    budget,
    unknownLines: lineRows.unknown,
    duplicateLines: lineRows.repeated,
  };
}

/** Validates a return: findings (sorted), figures, counts, and whether it can be approved. */
export function validateReturn(ret: Return, template: KpiTemplate): Validation {
  const ctx = ruleContext(ret, template);
  const raw: Finding[] = [];
  // Each rule as the engine runs it: any id, any severity.
  const engine: readonly Rule[] = rules;
  for (const rule of engine) {
    try {
      rule.check(ctx, raw);
    } catch {
      // A rule that throws is a bug; it must not hide the return's other findings or crash the task pane.
      raw.push({
        ruleId: "RULE-FAILED",
        severity: "error",
        message: `Check ${rule.id} could not be completed on this return. Please report this; the return cannot be approved until it is fixed.`,
        location: { table: "Metadata" },
      });
    }
  }
  const findings = explain(ctx, raw).sort(compareFindings);
  let error = 0;
  let query = 0;
  let info = 0;
  let unexplained = 0;
  for (const f of findings) {
    if (f.severity === "error") error++;
    else if (f.severity === "query") {
      query++;
      if (!f.explainedBy) unexplained++;
    } else info++;
  }
  return {
    findings,
    figures: ctx.kpis.map((c) => c.figure),
    budget: ctx.budget.map((c) => c.figure),
    counts: { error, query, info, unexplained },
    approvable: error === 0 && unexplained === 0,
  };
}

/** Marks each query explained by an officer's override ({ruleId, subject}) or by a non-empty commentary on its row. */
function explain(ctx: RuleContext, findings: Finding[]): Finding[] {
  const overrides = new Set(ctx.ret.overrides.map((o) => `${o.ruleId}\u0000${o.subject}`));
  const lineCommentary = new Map(ctx.budget.map((b) => [b.def.id, b.entry.commentary]));
  return findings.map((f) => {
    if (f.severity !== "query") return f;
    if (overrides.has(`${f.ruleId}\u0000${findingSubject(f)}`)) return { ...f, explainedBy: "override" };
    const commentary =
      f.kpiId !== undefined
        ? ctx.kpiById.get(f.kpiId)?.entry.commentary
        : f.lineId !== undefined
          ? lineCommentary.get(f.lineId)
          : undefined;
    return commentary && commentary.trim() !== "" ? { ...f, explainedBy: "commentary" } : f;
  });
}

const SEVERITY_RANK = { error: 0, query: 1, info: 2 } as const;
const TABLE_RANK: Record<Location["table"], number> = { Metadata: 0, KpiReturn: 1, BudgetReturn: 2 };
const COLUMN_RANK: Record<string, number> = {
  [KPI_COLUMNS.id]: 0,
  [BUDGET_COLUMNS.id]: 0,
  [KPI_COLUMNS.label]: 1,
  [BUDGET_COLUMNS.label]: 1,
  [KPI_COLUMNS.target]: 2,
  [BUDGET_COLUMNS.awarded]: 2,
  [KPI_COLUMNS.previous]: 3,
  [KPI_COLUMNS.lastYear]: 4,
  [KPI_COLUMNS.actual]: 5,
  [BUDGET_COLUMNS.spentToDate]: 5,
  [KPI_COLUMNS.commentary]: 6,
};

/** Severity first, then where the finding points (table, row, column), then rule id; equal keys keep their order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    TABLE_RANK[a.location.table] - TABLE_RANK[b.location.table] ||
    (a.location.row ?? -1) - (b.location.row ?? -1) ||
    (COLUMN_RANK[a.location.column ?? ""] ?? 99) - (COLUMN_RANK[b.location.column ?? ""] ?? 99) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
