/** BUDGET-TYPE: awarded and spent to date must be amounts of money, not text or a missing code. */
import type { ParsedValue } from "../types";
import { AMEND, budgetFinding, BUDGET_COLUMNS, defineRule } from "./rule";

export const budgetTypeRule = defineRule({
  id: "BUDGET-TYPE",
  severity: "error",
  description:
    'A budget line\'s Awarded or Spent to date holds text or a missing code ("N/A") instead of an amount.',
  examples: {
    fires: [{ change: { spent: "not known" }, column: "Spent to date" }],
    quiet: [{ spent: "£500" }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.budget) {
      const cells: [ParsedValue, string, string][] = [
        [entry.spentToDate, BUDGET_COLUMNS.spentToDate, `Spent to date on ${def.label}`],
        [entry.awarded, BUDGET_COLUMNS.awarded, `The award for ${def.label}`],
      ];
      for (const [v, column, what] of cells) {
        if (v.kind !== "text" && v.kind !== "missing") continue;
        out.push(
          budgetFinding(
            this,
            def.id,
            entry.row,
            `${what} is "${v.raw.trim()}", which is not an amount of money. ${AMEND}`,
            column,
          ),
        );
      }
    }
  },
});
