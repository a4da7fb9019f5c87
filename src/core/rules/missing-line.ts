/** MISSING-LINE: every budget line in the template needs its row in the return. */
import { budgetFinding, BUDGET_COLUMNS, type Rule } from "./rule";

export const missingLineRule: Rule = {
  id: "MISSING-LINE",
  severity: "error",
  description: "A budget line in the template has no row in the return.",
  check(ctx, out) {
    if (ctx.budget.length === ctx.template.budgetLines.length) return;
    const present = new Set(ctx.budget.map((b) => b.def.id));
    for (const def of ctx.template.budgetLines) {
      if (present.has(def.id)) continue;
      out.push(
        budgetFinding(
          { id: this.id, severity: "error" },
          def.id,
          undefined,
          `The return has no row for budget line "${def.label}" (Line ID ${def.id}). Please restore the row.`,
          BUDGET_COLUMNS.id,
        ),
      );
    }
  },
};
