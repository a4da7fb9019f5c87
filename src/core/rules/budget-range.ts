/** BUDGET-RANGE: amounts of money in a budget return are never negative, nor beyond any plausible sum. */
import { formatCurrency } from "../format";
import { beyondLimit, unitLimit } from "../limits";
import type { ParsedValue } from "../types";
import { AMEND, budgetFinding, BUDGET_COLUMNS, defineRule } from "./rule";

/** What is wrong with an amount, as the end of a sentence about it; null when nothing is. */
function problem(value: ParsedValue): string | null {
  if (value.kind !== "number") return null;
  const limit = unitLimit("currency");
  if (beyondLimit(value.value, limit))
    return `${formatCurrency(value.value)}, beyond any plausible sum (at most ${formatCurrency(limit)}), so nothing is calculated from it`;
  return value.value < 0 ? `${formatCurrency(value.value)}: it cannot be negative` : null;
}

export const budgetRangeRule = defineRule({
  id: "BUDGET-RANGE",
  severity: "error",
  description:
    "A budget line's Awarded or Spent to date is negative, or beyond any plausible sum (1e308 pasted in).",
  examples: {
    fires: [
      { change: { spent: -5, previousSpent: null }, column: "Spent to date" },
      { change: { spent: 1e308, previousSpent: null }, column: "Spent to date" },
    ],
    quiet: [{ spent: 500 }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.budget) {
      const spent = problem(entry.spentToDate);
      if (spent) {
        out.push(
          budgetFinding(this, def.id, entry.row, `Spent to date on ${def.label} is ${spent}. ${AMEND}`),
        );
      }
      const awarded = problem(entry.awarded);
      if (awarded) {
        out.push(
          budgetFinding(
            this,
            def.id,
            entry.row,
            `The award for ${def.label} is ${awarded}. ${AMEND}`,
            BUDGET_COLUMNS.awarded,
          ),
        );
      }
    }
  },
});
