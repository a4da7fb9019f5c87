/** MISSING-KPI: every KPI in the template needs its row in the return. */
import type { Rule } from "./rule";
import { KPI_ROWS, missingRowFindings, missingTableFinding } from "./rows";

export const missingKpiRule: Rule = {
  id: "MISSING-KPI",
  severity: "error",
  description: "A KPI in the template has no row in the return (the row was deleted, or its KPI ID changed).",
  check(ctx, out) {
    if (missingTableFinding(ctx.ret, KPI_ROWS, ctx.template.kpis.length, out)) return;
    // Each known KPI is matched once, so as many matches as KPIs means none is missing.
    if (ctx.kpis.length === ctx.template.kpis.length) return;
    const present = (id: string): boolean => ctx.kpiById.has(id);
    missingRowFindings({ id: this.id, severity: "error" }, KPI_ROWS, ctx.template.kpis, present, out);
  },
};
