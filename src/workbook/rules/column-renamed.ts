/**
 * COLUMN-RENAMED: a contract column renamed (a missing column and an unknown header in its place). It is still read
 * as the column it was, so a rename loses no figure, and it is reported once, never as missing or extra as well.
 */
import { defineWorkbookRule, finding, tableName, where } from "./rule";

export const columnRenamedRule = defineWorkbookRule({
  id: "COLUMN-RENAMED",
  severity: "error",
  description:
    "A contract column appears to have been renamed (a missing column and an unknown one in its place).",
  examples: {
    fires: [
      { change: { table: "KpiReturn", edits: [{ rename: "Actual", to: "Actual Q2" }] }, column: "Actual Q2" },
    ],
    quiet: [{ table: "KpiReturn", edits: [{ dropColumn: "Commentary" }] }],
  },
  check(ctx, out) {
    for (const { table, renames } of ctx.tables) {
      for (const [header, renamed] of renames) {
        out.push(
          finding(
            this,
            `The ${table.name} table's "${header}" column has been renamed "${renamed}" (${where(table, undefined, renamed)}). ` +
              `Its cells are still read as "${header}"; please rename it back to "${header}" exactly.`,
            { table: tableName(table), column: renamed },
          ),
        );
      }
    }
  },
});
