/** ROW-DUPLICATE: two rows of a table carry the same id; the first is read, the repeat reported. */
import { cellFinding, defineWorkbookRule, where } from "./rule";

export const rowDuplicateRule = defineWorkbookRule({
  id: "ROW-DUPLICATE",
  severity: "error",
  description: "Two rows of a table carry the same KPI ID or line ID.",
  examples: {
    fires: [
      {
        change: { table: "KpiReturn", edits: [{ addRow: { "KPI ID": "referrals", Actual: 1 } }] },
        column: "KPI ID",
      },
    ],
    quiet: [{ table: "KpiReturn", edits: [{ addRow: { "KPI ID": "made-up", Actual: 1 } }] }],
  },
  check(ctx, out) {
    for (const read of ctx.tables) {
      const { table, spec } = read;
      for (const body of read.rows) {
        if (body.kind !== "duplicate") continue;
        out.push(
          cellFinding(
            this,
            read,
            { row: body.row, column: spec.idHeader, id: body.id },
            `${spec.idHeader} "${body.id}" appears twice in the ${table.name} table (${where(table, body.first, spec.idHeader)} and ${where(table, body.row, spec.idHeader)}). ` +
              `Please remove the extra row.`,
          ),
        );
      }
    }
  },
});
