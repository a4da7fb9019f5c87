/**
 * BUDGET-NO-AWARD: spending is reported on a line with no award recorded, so utilisation and forecast cannot be
 * worked out. A line with neither award nor spend is simply not in use this return, and raises nothing.
 */
import { budgetFinding, BUDGET_COLUMNS, defineRule } from "./rule";

export const budgetNoAwardRule = defineRule({
  id: "BUDGET-NO-AWARD",
  severity: "info",
  description:
    "A budget line reports spending but has no award recorded, so its utilisation and forecast are not worked out.",
  examples: {
    fires: [{ change: { awarded: null }, column: "Awarded" }],
    quiet: [{ awarded: null, spent: null }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.budget) {
      if (entry.awarded.kind !== "blank" || entry.spentToDate.kind === "blank") continue;
      out.push(
        budgetFinding(
          this,
          def.id,
          entry.row,
          `Spending is reported on ${def.label}, but no award is recorded, so utilisation and forecast are not worked out.`,
          BUDGET_COLUMNS.awarded,
        ),
      );
    }
  },
});
