/**
 * TABLE-MISSING: the reader found a table the template needs missing from the workbook (deleted or renamed). It is
 * reported here, once for the table, in place of a finding for each of its rows; being an error, it keeps the return
 * from being approved whichever face asks.
 */
import { defineRule } from "./rule";
import { KPI_ROWS, BUDGET_ROWS } from "./rows";

export const tableMissingRule = defineRule({
  id: "TABLE-MISSING",
  severity: "error",
  description:
    "The KpiReturn or BudgetReturn table the template needs is not in the workbook (deleted or renamed), so none of its rows can be read.",
  examples: {
    fires: [
      { change: { missingTable: "KpiReturn" }, column: undefined },
      { change: { missingTable: "BudgetReturn" }, column: undefined },
    ],
    // Rows dropped from a table that is still there are MISSING-KPI's and MISSING-LINE's.
    quiet: [{ dropKpi: "groups" }, { dropLine: true }],
  },
  check(ctx, out) {
    for (const table of [KPI_ROWS, BUDGET_ROWS]) {
      const count = table === KPI_ROWS ? ctx.template.kpis.length : ctx.template.budgetLines.length;
      // A template with no such rows needs no such table.
      if (count === 0 || !ctx.ret.missingTables?.includes(table.table)) continue;
      out.push({
        ruleId: this.id,
        severity: this.severity,
        message:
          `The return has no ${table.table} table: it has been deleted or renamed, so ` +
          `${count === 1 ? `its ${table.row} cannot` : `none of its ${count} ${table.rows} can`} be read. ` +
          `Please undo the deletion (or rename the table back to ${table.table}), or start again from the template.`,
        location: { table: table.table },
      });
    }
  },
});
