/** MISSING-LINE: every budget line in the template needs its row in the return. */
import { defineRule } from "./rule";
import { BUDGET_ROWS, missingRowFindings } from "./rows";

export const missingLineRule = defineRule({
  id: "MISSING-LINE",
  severity: "error",
  description: "A budget line in the template has no row in the return.",
  examples: {
    fires: [{ change: { dropLine: true }, column: "Line ID" }],
    quiet: [{}, { missingTable: "BudgetReturn" }],
  },
  check(ctx, out) {
    missingRowFindings(this, BUDGET_ROWS, ctx.ret, ctx.template.budgetLines, ctx.budget, out);
  },
});
