/**
 * BUDGET-BELOW-PREVIOUS-Q: spent to date is cumulative, so it should not fall below last quarter's figure.
 * A query, not an error: a refund or a corrected earlier figure can make it fall, and the provider can say so.
 */
import { formatCurrency } from "../format";
import { budgetFinding, defineRule } from "./rule";

export const budgetBelowPreviousQueryRule = defineRule({
  id: "BUDGET-BELOW-PREVIOUS-Q",
  severity: "query",
  description:
    "A budget line's Spent to date is lower than the spent to date reported last quarter. Spending is cumulative, so the provider amends it or explains (a refund, a corrected figure).",
  examples: {
    fires: [{ change: { spent: 450, previousSpent: 460 }, column: "Spent to date" }],
    quiet: [{ spent: 460, previousSpent: 460 }],
  },
  check(ctx, out) {
    for (const { def, entry, figure } of ctx.budget) {
      // previousSpent comes from the workbook's metadata: anything but a real number means "not known".
      const previous = Number.isFinite(entry.previousSpent) ? entry.previousSpent : null;
      if (figure.spentToDate === null || previous === null || figure.spentToDate >= previous) continue;
      out.push(
        budgetFinding(
          this,
          def.id,
          entry.row,
          `Spent to date on ${def.label} is ${formatCurrency(figure.spentToDate)}, less than the ${formatCurrency(previous)} reported last quarter. Spending to date cannot normally fall. Please amend, or explain in the Commentary column (a refund, or a corrected figure).`,
        ),
      );
    }
  },
});
