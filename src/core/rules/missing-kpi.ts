/** MISSING-KPI: every KPI in the template needs its row in the return. */
import { kpiFinding, KPI_COLUMNS, type Rule } from "./rule";

export const missingKpiRule: Rule = {
  id: "MISSING-KPI",
  severity: "error",
  description: "A KPI in the template has no row in the return (the row was deleted, or its KPI ID changed).",
  check(ctx, out) {
    if (ctx.kpis.length === ctx.template.kpis.length) return;
    for (const def of ctx.template.kpis) {
      if (ctx.kpiById.has(def.id)) continue;
      out.push(
        kpiFinding(
          { id: this.id, severity: "error" },
          def.id,
          undefined,
          `The return has no row for "${def.label}" (KPI ID ${def.id}). Please restore the row, or start again from the template.`,
          KPI_COLUMNS.id,
        ),
      );
    }
  },
};
