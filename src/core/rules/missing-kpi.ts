/** MISSING-KPI: every KPI in the template needs its row in the return. */
import type { Rule } from "./rule";
import { KPI_ROWS, missingRowFindings } from "./rows";

export const missingKpiRule: Rule = {
  id: "MISSING-KPI",
  severity: "error",
  description: "A KPI in the template has no row in the return (the row was deleted, or its KPI ID changed).",
  check(ctx, out) {
    missingRowFindings(
      { id: this.id, severity: "error" },
      KPI_ROWS,
      ctx.ret,
      ctx.template.kpis,
      ctx.kpis,
      out,
    );
  },
};
