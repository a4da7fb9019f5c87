/**
 * ROW-ADDED: a table row that is not one of the template's: it has no id, or an id the template does not define.
 * Deleted rows (a template id with no row) are left to core's MISSING-KPI and MISSING-LINE, which check any Return
 * however it was built, so the officer sees each deletion once.
 */
import { defineWorkbookRule, finding, rowSubject, tableName, where } from "./rule";

export const rowAddedRule = defineWorkbookRule({
  id: "ROW-ADDED",
  severity: "error",
  description: "A table row has a KPI ID or line ID that the template does not define (or none).",
  examples: {
    fires: [
      {
        change: { table: "KpiReturn", edits: [{ addRow: { "KPI ID": "made-up", Actual: 5 } }] },
        column: "KPI ID",
      },
      {
        change: { table: "KpiReturn", edits: [{ addRow: { KPI: "a row with no id", Actual: 3 } }] },
        column: "KPI ID",
      },
    ],
    quiet: [{ table: "KpiReturn", edits: [{ addRow: {} }] }],
  },
  check(ctx, out) {
    for (const read of ctx.tables) {
      const { table, spec } = read;
      const at = (row: number): string => where(table, row, spec.idHeader);
      for (const body of read.rows) {
        const location = { table: tableName(table), row: body.row, column: spec.idHeader };
        if (body.kind === "no-id") {
          out.push(
            finding(
              this,
              `Row ${at(body.row)} of the ${table.name} table has no ${spec.idHeader}, so it is not one of the template's ${spec.noun}s. ` +
                `Please remove the row, or put its figures in the right row.`,
              location,
            ),
          );
        } else if (body.kind === "not-template") {
          out.push(
            finding(
              this,
              `Row ${at(body.row)} of the ${table.name} table is for "${body.id}", which is not a ${spec.noun} of this return's template. ` +
                `Please remove the row.`,
              location,
              rowSubject(read, body.id),
            ),
          );
        }
      }
    }
  },
});
