/** DUPLICATE-ROW: a KPI or budget line may appear only once; the first row is the one checked. */
import { budgetFinding, BUDGET_COLUMNS, kpiFinding, KPI_COLUMNS, defineRule } from "./rule";

export const duplicateRowRule = defineRule({
  id: "DUPLICATE-ROW",
  severity: "error",
  description: "The same KPI or budget line appears in more than one row; only the first is checked.",
  examples: {
    fires: [{ change: { duplicateKpi: "referrals" }, column: "KPI ID" }],
    quiet: [{}],
  },
  check(ctx, out) {
    for (const entry of ctx.duplicateKpis) {
      out.push(
        kpiFinding(
          this,
          entry.kpiId,
          entry.row,
          `"${entry.label}" (KPI ID ${entry.kpiId}) appears more than once. Please remove the extra row.`,
          KPI_COLUMNS.id,
        ),
      );
    }
    for (const entry of ctx.duplicateLines) {
      out.push(
        budgetFinding(
          this,
          entry.lineId,
          entry.row,
          `Budget line "${entry.label}" (Line ID ${entry.lineId}) appears more than once. Please remove the extra row.`,
          BUDGET_COLUMNS.id,
        ),
      );
    }
  },
});
