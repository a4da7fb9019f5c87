/** LABEL-CHANGED: the KPI's label in the sheet differs from the template's (the figure is still read by its ID). */
import { kpiFinding, KPI_COLUMNS, defineRule } from "./rule";

export const labelChangedRule = defineRule({
  id: "LABEL-CHANGED",
  severity: "info",
  description:
    "A KPI's label in the return differs from the template's; the figure is still read by its KPI ID.",
  examples: {
    fires: [{ change: { label: { referrals: "Refs" } }, column: "KPI" }],
    quiet: [{ label: { referrals: "Referrals " } }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      if (entry.label === def.label || entry.label.trim() === def.label) continue;
      out.push(
        kpiFinding(
          this,
          def.id,
          entry.row,
          `The label of KPI ${def.id} reads "${entry.label}" instead of "${def.label}". The figure is read by its KPI ID.`,
          KPI_COLUMNS.label,
        ),
      );
    }
  },
});
