/** MISSING-LINE: every budget line in the template needs its row in the return. */
import type { Rule } from "./rule";
import { BUDGET_ROWS, missingRowFindings } from "./rows";

export const missingLineRule: Rule = {
  id: "MISSING-LINE",
  severity: "error",
  description: "A budget line in the template has no row in the return.",
  check(ctx, out) {
    missingRowFindings(
      { id: this.id, severity: "error" },
      BUDGET_ROWS,
      ctx.ret,
      ctx.template.budgetLines,
      ctx.budget,
      out,
    );
  },
};
