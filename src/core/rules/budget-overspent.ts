/** BUDGET-OVERSPENT: spent to date cannot exceed the award. */
import { formatCurrency } from "../format";
import { AMEND, budgetFinding, type Rule } from "./rule";

export const budgetOverspentRule: Rule = {
  id: "BUDGET-OVERSPENT",
  severity: "error",
  description: "A budget line's Spent to date is more than its award.",
  check(ctx, out) {
    for (const { def, entry, figure } of ctx.budget) {
      if (figure.awarded === null || figure.spentToDate === null || figure.spentToDate <= figure.awarded)
        continue;
      out.push(
        budgetFinding(
          { id: this.id, severity: "error" },
          def.id,
          entry.row,
          `Spent to date on ${def.label} is ${formatCurrency(figure.spentToDate)}, more than the ${formatCurrency(figure.awarded)} awarded (over by ${formatCurrency(figure.spentToDate - figure.awarded)}). ${AMEND}`,
        ),
      );
    }
  },
};
