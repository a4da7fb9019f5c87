/** ROW-BLANK: a wholly blank table row is ignored, and said so. */
import { defineWorkbookRule, finding, tableName, where } from "./rule";

export const rowBlankRule = defineWorkbookRule({
  id: "ROW-BLANK",
  severity: "info",
  description: "A table has a wholly blank row (ignored).",
  examples: {
    fires: [{ change: { table: "KpiReturn", edits: [{ addRow: {} }] }, column: undefined }],
    quiet: [{ table: "KpiReturn", edits: [{ addRow: { KPI: "a row with no id" } }] }],
  },
  check(ctx, out) {
    for (const { table, spec, rows } of ctx.tables) {
      for (const { row, kind } of rows) {
        if (kind !== "blank") continue;
        out.push(
          finding(
            this,
            `Row ${where(table, row, spec.idHeader)} of the ${table.name} table is blank and was ignored.`,
            {
              table: tableName(table),
              row,
            },
          ),
        );
      }
    }
  },
});
