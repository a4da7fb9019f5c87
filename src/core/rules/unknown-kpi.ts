/** UNKNOWN-KPI: a row whose KPI ID the template does not know. */
import { defineRule } from "./rule";
import { KPI_ROWS, unknownRowFindings } from "./rows";

export const unknownKpiRule = defineRule({
  id: "UNKNOWN-KPI",
  severity: "error",
  description:
    "A row of the return has a KPI ID that the template does not define (an added row, or an edited ID).",
  examples: {
    fires: [{ change: { addKpi: "extra" }, column: "KPI ID" }],
    quiet: [{}],
  },
  check(ctx, out) {
    if (ctx.unknownKpis.length === 0) return;
    const rows = ctx.unknownKpis.map((e) => ({ id: e.kpiId, label: e.label, row: e.row }));
    unknownRowFindings(this, ctx.template.id, KPI_ROWS, rows, out);
  },
});
