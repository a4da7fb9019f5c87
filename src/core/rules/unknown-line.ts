/** UNKNOWN-LINE: a budget row whose Line ID the template does not know. */
import { defineRule } from "./rule";
import { BUDGET_ROWS, unknownRowFindings } from "./rows";

export const unknownLineRule = defineRule({
  id: "UNKNOWN-LINE",
  severity: "error",
  description: "A budget row has a Line ID that the template does not define.",
  examples: {
    fires: [{ change: { addLine: "other" }, column: "Line ID" }],
    quiet: [{}],
  },
  check(ctx, out) {
    if (ctx.unknownLines.length === 0) return;
    const rows = ctx.unknownLines.map((e) => ({ id: e.lineId, label: e.label, row: e.row }));
    unknownRowFindings(this, ctx.template.id, BUDGET_ROWS, rows, out);
  },
});
