/** COLUMN-EXTRA: a table column the contract does not define (a query: the provider may explain it). */
import { defineWorkbookRule, finding, tableName, where } from "./rule";

export const columnExtraRule = defineWorkbookRule({
  id: "COLUMN-EXTRA",
  severity: "query",
  description: "A table has a column the contract does not define.",
  examples: {
    fires: [{ change: { table: "KpiReturn", edits: [{ addColumn: "My notes" }] }, column: "My notes" }],
    // A renamed contract column is COLUMN-RENAMED's, not an extra one.
    quiet: [{ table: "KpiReturn", edits: [{ rename: "Actual", to: "Actual Q2" }] }],
  },
  check(ctx, out) {
    for (const { table, spec, renames } of ctx.tables) {
      const renamedTo = new Set(renames.values());
      for (const header of table.headers) {
        if (spec.headers.includes(header.trim()) || renamedTo.has(header)) continue;
        out.push(
          finding(
            this,
            `The ${table.name} table has a column "${header}" (${where(table, undefined, header)}) that the return does not use. ` +
              `Please remove it, or explain why it is there.`,
            { table: tableName(table), column: header },
          ),
        );
      }
    }
  },
});
