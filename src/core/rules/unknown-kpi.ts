/** UNKNOWN-KPI: a row whose KPI ID the template does not know. */
import { kpiFinding, KPI_COLUMNS, type Rule } from "./rule";

export const unknownKpiRule: Rule = {
  id: "UNKNOWN-KPI",
  severity: "error",
  description:
    "A row of the return has a KPI ID that the template does not define (an added row, or an edited ID).",
  check(ctx, out) {
    for (const entry of ctx.unknownKpis) {
      out.push(
        kpiFinding(
          { id: this.id, severity: "error" },
          entry.kpiId,
          entry.row,
          `Row "${entry.label}" has KPI ID "${entry.kpiId}", which template "${ctx.template.id}" does not define. Please remove the row, or restore its KPI ID.`,
          KPI_COLUMNS.id,
        ),
      );
    }
  },
};
