/** UNKNOWN-LINE: a budget row whose Line ID the template does not know. */
import type { Rule } from "./rule";
import { BUDGET_ROWS, unknownRowFindings } from "./rows";

export const unknownLineRule: Rule = {
  id: "UNKNOWN-LINE",
  severity: "error",
  description: "A budget row has a Line ID that the template does not define.",
  check(ctx, out) {
    if (ctx.unknownLines.length === 0) return;
    const rows = ctx.unknownLines.map((e) => ({ id: e.lineId, label: e.label, row: e.row }));
    unknownRowFindings({ id: this.id, severity: "error" }, ctx.template.id, BUDGET_ROWS, rows, out);
  },
};
