/** BUDGET-RANGE: amounts of money in a budget return are never negative. */
import { formatCurrency } from "../format";
import { AMEND, budgetFinding, BUDGET_COLUMNS, defineRule } from "./rule";

export const budgetRangeRule = defineRule({
  id: "BUDGET-RANGE",
  severity: "error",
  description: "A budget line's Awarded or Spent to date is negative.",
  examples: {
    fires: [{ change: { spent: -5, previousSpent: null }, column: "Spent to date" }],
    quiet: [{ spent: 500 }],
  },
  check(ctx, out) {
    for (const { def, entry, figure } of ctx.budget) {
      if (figure.spentToDate !== null && figure.spentToDate < 0) {
        out.push(
          budgetFinding(
            this,
            def.id,
            entry.row,
            `Spent to date on ${def.label} is ${formatCurrency(figure.spentToDate)}: it cannot be negative. ${AMEND}`,
          ),
        );
      }
      if (figure.awarded !== null && figure.awarded < 0) {
        out.push(
          budgetFinding(
            this,
            def.id,
            entry.row,
            `The award for ${def.label} is ${formatCurrency(figure.awarded)}: it cannot be negative. ${AMEND}`,
            BUDGET_COLUMNS.awarded,
          ),
        );
      }
    }
  },
});
