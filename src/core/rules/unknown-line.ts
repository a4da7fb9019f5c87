/** UNKNOWN-LINE: a budget row whose Line ID the template does not know. */
import { budgetFinding, BUDGET_COLUMNS, type Rule } from "./rule";

export const unknownLineRule: Rule = {
  id: "UNKNOWN-LINE",
  severity: "error",
  description: "A budget row has a Line ID that the template does not define.",
  check(ctx, out) {
    for (const entry of ctx.unknownLines) {
      out.push(
        budgetFinding(
          { id: this.id, severity: "error" },
          entry.lineId,
          entry.row,
          `Budget row "${entry.label}" has Line ID "${entry.lineId}", which template "${ctx.template.id}" does not define. Please remove the row, or restore its Line ID.`,
          BUDGET_COLUMNS.id,
        ),
      );
    }
  },
};
