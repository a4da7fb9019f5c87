/** BUDGET-REQUIRED: when an award is recorded, spent to date must be given (0 if nothing is spent yet). */
import { formatCurrency } from "../format";
import { AMEND, budgetFinding, defineRule } from "./rule";

export const budgetRequiredRule = defineRule({
  id: "BUDGET-REQUIRED",
  severity: "error",
  description:
    "A budget line with an award recorded has Spent to date left blank (type 0 if nothing is spent yet).",
  examples: {
    fires: [{ change: { spent: null }, column: "Spent to date" }],
    quiet: [{ spent: 0, previousSpent: 0, awarded: 0 }],
  },
  check(ctx, out) {
    for (const { def, entry, figure } of ctx.budget) {
      if (figure.awarded === null || entry.spentToDate.kind !== "blank") continue;
      out.push(
        budgetFinding(
          this,
          def.id,
          entry.row,
          `Spent to date on ${def.label} (awarded ${formatCurrency(figure.awarded)}) is blank. Please give the amount spent so far this year, or 0. ${AMEND}`,
        ),
      );
    }
  },
});
