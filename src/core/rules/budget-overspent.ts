/** BUDGET-OVERSPENT: spent to date cannot exceed the award. */
import { formatCurrency } from "../format";
import { AMEND, budgetFinding, defineRule } from "./rule";

export const budgetOverspentRule = defineRule({
  id: "BUDGET-OVERSPENT",
  severity: "error",
  description: "A budget line's Spent to date is more than its award.",
  examples: {
    fires: [{ change: { spent: 1001 }, column: "Spent to date" }],
    quiet: [{ spent: 1000, budgetCommentary: "Spent early" }],
  },
  check(ctx, out) {
    for (const { def, entry, figure } of ctx.budget) {
      if (figure.awarded === null || figure.spentToDate === null || figure.spentToDate <= figure.awarded)
        continue;
      out.push(
        budgetFinding(
          this,
          def.id,
          entry.row,
          `Spent to date on ${def.label} is ${formatCurrency(figure.spentToDate)}, more than the ${formatCurrency(figure.awarded)} awarded (over by ${formatCurrency(figure.spentToDate - figure.awarded)}). ${AMEND}`,
        ),
      );
    }
  },
});
