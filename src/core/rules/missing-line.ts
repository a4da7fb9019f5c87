/** MISSING-LINE: every budget line in the template needs its row in the return. */
import type { Rule } from "./rule";
import { BUDGET_ROWS, missingRowFindings, missingTableFinding } from "./rows";

export const missingLineRule: Rule = {
  id: "MISSING-LINE",
  severity: "error",
  description: "A budget line in the template has no row in the return.",
  check(ctx, out) {
    if (missingTableFinding(ctx.ret, BUDGET_ROWS, ctx.template.budgetLines.length, out)) return;
    // Each known line is matched once, so as many matches as lines means none is missing.
    if (ctx.budget.length === ctx.template.budgetLines.length) return;
    const present = new Set(ctx.budget.map((b) => b.def.id));
    missingRowFindings(
      { id: this.id, severity: "error" },
      BUDGET_ROWS,
      ctx.template.budgetLines,
      (id) => present.has(id),
      out,
    );
  },
};
