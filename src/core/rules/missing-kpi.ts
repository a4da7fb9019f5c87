/** MISSING-KPI: every KPI in the template needs its row in the return. */
import { defineRule } from "./rule";
import { KPI_ROWS, missingRowFindings } from "./rows";

export const missingKpiRule = defineRule({
  id: "MISSING-KPI",
  severity: "error",
  description: "A KPI in the template has no row in the return (the row was deleted, or its KPI ID changed).",
  examples: {
    fires: [{ change: { dropKpi: "groups" }, column: "KPI ID" }],
    quiet: [{}, { missingTable: "KpiReturn" }],
  },
  check(ctx, out) {
    missingRowFindings(this, KPI_ROWS, ctx.ret, ctx.template.kpis, ctx.kpis, out);
  },
});
