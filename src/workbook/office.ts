/**
 * The office-js executor: reads a return's snapshot and applies plans inside Excel, in a small fixed number of round
 * trips whatever the return's size (reading: 2 context.sync calls, more only past Excel on the web's 5 MB response
 * limit; applying: 2, more only past its 5 MB request limit). Loads are batched, nothing syncs in a loop, and
 * calculation is suspended while writing. Every batch waits while the user is typing in a cell (delayForCellEdit),
 * text is written as text (number format "@"), tables exist before the formulas that name them, and highlights are
 * written without touching sheet protection, so live checking never clears the provider's undo.
 *
 * This module is the executor's front door and holds "Go to" and change watching; reading is in office-read.ts,
 * applying in office-apply.ts (its ops in office-ops.ts, sheet protection in office-protection.ts), and talking to
 * Excel (runs, features, error codes) in office-excel.ts.
 */
import { UserError } from "../core/errors";
import type { Location } from "../core/types";
import { parseRange } from "./a1";
import { isReturnTable } from "./contract";
import type { ReturnEdit } from "./live";
import { plainError, run } from "./office-excel";

export { plainError } from "./office-excel";
export { readSnapshot, readTableRows, READ_CELLS_PER_REQUEST } from "./office-read";
export { applyPlan, applyHighlights } from "./office-apply";
export { columnPoints, REQUEST_LIMIT_BYTES } from "./office-ops";
export { PROTECTION_OPTIONS } from "./office-protection";

/** "Go to": selects the cell a finding points at (its table's header cell or row when it names no cell). */
export async function selectCell(location: Location): Promise<void> {
  if (location.table === "Metadata") {
    throw new UserError(
      "This finding is about the return's metadata, which is not on a sheet you can select.",
    );
  }
  try {
    await run(async (context) => {
      const table = context.workbook.tables.getItem(location.table);
      let range: Excel.Range;
      if (location.column !== undefined) {
        const column = table.columns.getItem(location.column);
        range =
          location.row === undefined
            ? column.getHeaderRowRange()
            : column.getDataBodyRange().getCell(location.row, 0);
      } else {
        range = location.row === undefined ? table.getRange() : table.getDataBodyRange().getRow(location.row);
      }
      range.worksheet.activate();
      range.select();
      await context.sync();
    });
  } catch (err) {
    if (
      (err as { code?: string }).code === "ItemNotFound" ||
      (err as { code?: string }).code === "InvalidArgument"
    ) {
      throw new UserError(
        `The cell this finding points at (${location.table}${location.column ? `, ${location.column}` : ""}` +
          `${location.row !== undefined ? `, row ${location.row + 1}` : ""}) is no longer in the workbook.`,
      );
    }
    throw plainError(err, "go to the cell");
  }
}

const STRUCTURAL_CHANGES = [
  "RowInserted",
  "RowDeleted",
  "ColumnInserted",
  "ColumnDeleted",
  "CellInserted",
  "CellDeleted",
];

/**
 * Calls `onChange` with the table and body rows of every edit inside KpiReturn or BudgetReturn (ExcelApi 1.7 table
 * events), marked remote when a co-author made it (the event's source is "Remote"). The add-in's own writes raise
 * none: applyPlan switches events off while it writes. Resolves to a function that stops watching.
 */
export async function watchReturnEdits(
  onChange: (changed: ReturnEdit) => void,
): Promise<() => Promise<void>> {
  try {
    return await run(async (context) => {
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      const watched = tables.items.filter((t) => isReturnTable(t.name));
      const ranges = watched.map((t) => t.getRange().load("address"));
      const registrations = watched.map((t, i) =>
        t.onChanged.add(async (event) => {
          const corner = parseRange(ranges[i].address);
          const changed = parseRange(event.address);
          const structural = STRUCTURAL_CHANGES.includes(String(event.changeType));
          const rows: number[] = [];
          if (corner && changed) {
            for (let r = Math.max(changed.top, corner.top + 1); r <= changed.bottom; r++)
              rows.push(r - corner.top - 1);
          }
          onChange({
            table: t.name,
            rows,
            ...(structural || !corner || !changed ? { structural: true } : {}),
            ...(String(event.source) === "Remote" ? { remote: true } : {}),
          });
        }),
      );
      await context.sync();
      return async () => {
        if (registrations.length === 0) return;
        await Excel.run(registrations[0].context, async (ctx) => {
          registrations.forEach((r) => r.remove());
          await ctx.sync();
        });
      };
    });
  } catch (err) {
    throw plainError(err, "watch the return for changes");
  }
}
