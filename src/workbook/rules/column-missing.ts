/** COLUMN-MISSING: a contract column gone from a table (and not renamed: that is COLUMN-RENAMED). */
import { defineWorkbookRule, finding, tableName } from "./rule";

export const columnMissingRule = defineWorkbookRule({
  id: "COLUMN-MISSING",
  severity: "error",
  description: "A column of the workbook contract is missing from a table.",
  examples: {
    fires: [{ change: { table: "KpiReturn", edits: [{ dropColumn: "Commentary" }] }, column: undefined }],
    quiet: [{ table: "KpiReturn", edits: [{ rename: "Commentary", to: "Notes" }] }],
  },
  check(ctx, out) {
    for (const { table, spec, renames } of ctx.tables) {
      const present = new Set(table.headers.map((h) => h.trim()));
      for (const header of spec.headers) {
        if (present.has(header) || renames.has(header)) continue;
        out.push(
          finding(
            this,
            `The ${table.name} table on sheet "${table.sheet}" has no "${header}" column. Please restore it, or ask for a fresh return.`,
            { table: tableName(table) },
          ),
        );
      }
    }
  },
});
