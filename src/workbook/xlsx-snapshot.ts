/**
 * Reading a return file into a WorkbookSnapshot with ExcelJS: each return table's headers, values and formulas, read
 * over its stored cells only (a hostile declared size costs nothing), and the metadata sheet's keys.
 */
import type ExcelJS from "exceljs";
import { UserError } from "../core/errors";
import type { CellInput } from "../core/types";
import { cellAddress, parseRange } from "./a1";
import { isReturnTable, METADATA_SHEET } from "./contract";
import { metadataFromGrid } from "./metadata";
import type { TableSnapshot, WorkbookSnapshot } from "./snapshot";

/** A cell's content as a snapshot holds it: its value (a formula's last result) and its formula text. */
export function readCell(cell: ExcelJS.Cell): { value: CellInput; formula: CellInput } {
  const raw = cell.value;
  if (raw === null || raw === undefined) return { value: null, formula: null };
  if (typeof raw === "number" || typeof raw === "string" || typeof raw === "boolean") {
    return { value: raw, formula: raw };
  }
  if (raw instanceof Date) return { value: raw, formula: raw };
  if (typeof raw === "object") {
    if ("formula" in raw || "sharedFormula" in raw) {
      // cell.result, not raw.result: ExcelJS leaves a result of 0 out of the value object.
      return { value: resultValue(cell.result), formula: `=${cell.formula}` };
    }
    if ("richText" in raw) {
      const text = raw.richText.map((part) => part.text).join("");
      return { value: text, formula: text };
    }
    if ("error" in raw) return { value: raw.error, formula: raw.error };
    if ("text" in raw) {
      const text = String((raw as { text: unknown }).text);
      return { value: text, formula: text };
    }
  }
  return { value: String(raw), formula: String(raw) };
}

function resultValue(result: unknown): CellInput {
  if (result === undefined || result === null) return null;
  if (typeof result === "number" || typeof result === "string" || typeof result === "boolean") return result;
  if (result instanceof Date) return result;
  if (typeof result === "object" && "error" in result) return String((result as { error: unknown }).error);
  return null;
}

/** The most a return table is read over, once clamped to its stored cells: a return has tens of rows and 13 columns. */
export const TABLE_LIMITS = { rows: 5000, columns: 100 } as const;

/** The snapshot of `workbook`; `name` is the file as the user knows it, for messages. */
export function snapshotOf(workbook: ExcelJS.Workbook, name: string): WorkbookSnapshot {
  const tables: TableSnapshot[] = [];
  for (const ws of workbook.worksheets) {
    for (const table of ws.getTables() as unknown as {
      table: { name: string; tableRef?: string; ref?: string };
    }[]) {
      const model = table.table;
      if (!isReturnTable(model.name)) continue;
      const ref = model.tableRef ?? model.ref;
      const declared = ref ? parseRange(ref) : null;
      if (!declared) continue;
      const range = storedPart(ws, declared, model.name, name);
      const cell = (r: number, c: number): ExcelJS.Cell | undefined => ws.findCell(r, c);
      const headers: string[] = [];
      for (let c = range.left; c <= range.right; c++) {
        const found = cell(range.top, c);
        const v = found ? readCell(found).value : null;
        headers.push(v === null || v === undefined ? "" : String(v));
      }
      const values: CellInput[][] = [];
      const formulas: CellInput[][] = [];
      for (let r = range.top + 1; r <= range.bottom; r++) {
        const rowValues: CellInput[] = [];
        const rowFormulas: CellInput[] = [];
        for (let c = range.left; c <= range.right; c++) {
          const found = cell(r, c);
          const read = found ? readCell(found) : { value: null, formula: null };
          rowValues.push(read.value);
          rowFormulas.push(read.formula);
        }
        values.push(rowValues);
        formulas.push(rowFormulas);
      }
      tables.push({
        name: model.name,
        sheet: ws.name,
        address: `${cellAddress(range.top, range.left)}:${cellAddress(range.bottom, range.right)}`,
        headers,
        values,
        formulas,
      });
    }
  }
  const metaSheet = workbook.getWorksheet(METADATA_SHEET);
  let metadata: Record<string, string> | null = null;
  if (metaSheet) {
    // Only the cells stored are read (a cell at XFD1048576 costs one cell, not a million rows); rows in between
    // add nothing to a key's value, and row 1 names the keys. Sparse rows keep a far-right cell from costing a
    // column per row.
    const header: unknown[] = [];
    const rows: unknown[][] = [header];
    metaSheet.eachRow((row, r) => {
      const target: unknown[] = r === 1 ? header : [];
      row.eachCell((cell, c) => {
        target[c - 1] = readCell(cell).value;
      });
      if (r !== 1) rows.push(target);
    });
    metadata = metadataFromGrid(rows);
  }
  return { sheets: workbook.worksheets.map((ws) => ws.name), tables, metadata };
}

/**
 * The part of a table's declared range that holds stored cells: a table declared as A5:XFD1048576 is read up to its
 * last stored row and column, never cell by cell over its declared size. A table still larger than a return's
 * table can be is refused, naming the file and the limit.
 */
function storedPart(
  ws: ExcelJS.Worksheet,
  declared: { top: number; left: number; bottom: number; right: number },
  table: string,
  name: string,
): { top: number; left: number; bottom: number; right: number } {
  let bottom = declared.top;
  let right = declared.left;
  ws.eachRow((row, r) => {
    if (r < declared.top || r > declared.bottom) return;
    row.eachCell((_cell, c) => {
      if (c < declared.left || c > declared.right) return;
      if (r > bottom) bottom = r;
      if (c > right) right = c;
    });
  });
  const rows = bottom - declared.top;
  const columns = right - declared.left + 1;
  if (rows > TABLE_LIMITS.rows || columns > TABLE_LIMITS.columns) {
    throw new UserError(
      `"${name}": the ${table} table on sheet "${ws.name}" holds ${rows.toLocaleString("en-GB")} rows and ` +
        `${columns.toLocaleString("en-GB")} columns, more than a return's table may have ` +
        `(${TABLE_LIMITS.rows.toLocaleString("en-GB")} rows, ${TABLE_LIMITS.columns} columns), so it was not read.`,
      name,
    );
  }
  return { top: declared.top, left: declared.left, bottom, right };
}
