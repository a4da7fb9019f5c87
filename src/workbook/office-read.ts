/**
 * Reading a return inside Excel: its snapshot in 2 context.sync calls whatever its size (more only past Excel on the
 * web's 5 MB response limit, then in parts), and a few body rows again for live checking.
 */
import { UserError } from "../core/errors";
import { parseRange, rangeAddress } from "./a1";
import { isReturnTable, METADATA_SHEET } from "./contract";
import type { RowRead } from "./live";
import { metadataFromGrid } from "./metadata";
import { bareAddress, cellInput, grid, plainError, responseTooLarge, run } from "./office-excel";
import type { TableSnapshot, WorkbookSnapshot } from "./snapshot";

type A1Range = NonNullable<ReturnType<typeof parseRange>>;

/**
 * Cells (values and formulas each count) read per request when a return is too large to read at once: about
 * 1.5 MB of figures and commentary of a few hundred characters; a part that still passes Excel on the web's 5 MB response limit (very
 * long commentary) is read again in halves.
 */
export const READ_CELLS_PER_REQUEST = 20_000;

interface TableReads {
  readonly name: string;
  readonly sheet: Excel.Worksheet;
  readonly range: Excel.Range;
}

interface TableGrid {
  readonly values: unknown[][];
  readonly formulas: unknown[][];
}

/**
 * Reads a rectangle's values and formulas in parts of at most `rowsPerPart` rows, one sync each, halving a part whose
 * response still passes the limit.
 */
async function readInParts(
  context: Excel.RequestContext,
  sheet: string,
  box: A1Range,
  rowsPerPart: number,
): Promise<TableGrid> {
  const values: unknown[][] = [];
  const formulas: unknown[][] = [];
  let top = box.top;
  let rows = Math.max(1, rowsPerPart);
  while (top <= box.bottom) {
    const bottom = Math.min(box.bottom, top + rows - 1);
    const range = context.workbook.worksheets
      .getItem(sheet)
      .getRange(rangeAddress(top, box.left, bottom, box.right))
      .load(["values", "formulas"]);
    try {
      // One sync per part: more than one only when a return is larger than Excel on the web sends at once.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (err) {
      if (responseTooLarge(err) && rows > 1) {
        rows = Math.ceil(rows / 2);
        continue;
      }
      throw err;
    }
    values.push(...range.values);
    formulas.push(...range.formulas);
    top = bottom + 1;
  }
  return { values, formulas };
}

/**
 * One snapshot of the return: 2 context.sync calls whatever its size, unless Excel refuses the answer as too large
 * (over 5 MB on the web): then each table is read again in parts of READ_CELLS_PER_REQUEST cells.
 */
export async function readSnapshot(): Promise<WorkbookSnapshot> {
  try {
    return await run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      const returnTables = tables.items.filter((t) => isReturnTable(t.name));
      const reads: TableReads[] = returnTables.map((t) => ({
        name: t.name,
        sheet: t.worksheet.load("name"),
        range: t.getRange().load(["address", "values", "formulas"]),
      }));
      const hasMetadata = sheets.items.some((s) => s.name === METADATA_SHEET);
      const metadataRange = () =>
        context.workbook.worksheets.getItem(METADATA_SHEET).getUsedRange(true).load(["values"]);
      let metadata = hasMetadata ? metadataRange() : null;
      let grids: { sheet: string; address: string; grid: TableGrid }[];
      try {
        await context.sync();
        grids = reads.map((r) => ({
          sheet: r.sheet.name,
          address: r.range.address,
          grid: { values: r.range.values, formulas: r.range.formulas },
        }));
      } catch (err) {
        if (!responseTooLarge(err)) throw err;
        const located = returnTables.map((t) => ({
          sheet: t.worksheet.load("name"),
          range: t.getRange().load(["address", "columnCount"]),
        }));
        metadata = hasMetadata ? metadataRange() : null;
        await context.sync();
        grids = [];
        for (const { sheet, range } of located) {
          const box = parseRange(bareAddress(range.address));
          if (!box) throw new UserError(`The address of a table on sheet "${sheet.name}" could not be read.`);
          const rowsPerPart = Math.floor(READ_CELLS_PER_REQUEST / (2 * range.columnCount));
          grids.push({
            sheet: sheet.name,
            address: range.address,
            grid: await readInParts(context, sheet.name, box, rowsPerPart),
          });
        }
      }
      const snapshots: TableSnapshot[] = reads.map((read, i) => {
        const values = grid(grids[i].grid.values, cellInput);
        const formulas = grid(grids[i].grid.formulas, cellInput);
        return {
          name: read.name,
          sheet: grids[i].sheet,
          address: bareAddress(grids[i].address),
          headers: (values[0] ?? []).map((h) => (h === null ? "" : String(h))),
          values: values.slice(1),
          formulas: formulas.slice(1),
        };
      });
      return {
        sheets: sheets.items.map((s) => s.name),
        tables: snapshots,
        metadata: metadata ? metadataFromGrid(metadata.values) : null,
      };
    });
  } catch (err) {
    throw plainError(err, "read the return");
  }
}

/** Re-reads some body rows of a table (one sync), for live checking of a local edit. */
export async function readTableRows(table: TableSnapshot, rows: readonly number[]): Promise<RowRead[]> {
  const corner = parseRange(table.address);
  if (!corner || rows.length === 0) return [];
  try {
    return await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(table.sheet);
      // Contiguous rows are read as one range.
      const runs: { first: number; range: Excel.Range }[] = [];
      let start = 0;
      for (let i = 1; i <= rows.length; i++) {
        if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
        const first = rows[start];
        const top = corner.top + 1 + first;
        const range = sheet
          .getRange(rangeAddress(top, corner.left, top + rows[i - 1] - first, corner.right))
          .load(["values", "formulas"]);
        runs.push({ first, range });
        start = i;
      }
      await context.sync();
      return runs.flatMap(({ first, range }) =>
        range.values.map((row, i) => ({
          row: first + i,
          values: row.map(cellInput),
          formulas: range.formulas[i].map(cellInput),
        })),
      );
    });
  } catch (err) {
    throw plainError(err, "read the changed cells");
  }
}
