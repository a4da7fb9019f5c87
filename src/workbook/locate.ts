/**
 * Where a finding points in the workbook: its sheet and A1 cell, worked out from the snapshot's table positions (a
 * table moved on its sheet is followed, a renamed column found under its new header, a missing table pointed at
 * where its header row belonged).
 */
import type { Location } from "../core/types";
import { cellAddress, parseRange } from "./a1";
import {
  BUDGET_HEADERS,
  BUDGET_SHEET,
  KPI_HEADERS,
  KPI_SHEET,
  KPI_TABLE,
  TABLE_HEADER_ROW,
} from "./contract";
import { columnRenames, CONTRACT_OF } from "./renames";
import type { TableSnapshot, WorkbookSnapshot } from "./snapshot";

/** The sheet cell a finding points at, in A1 form; null when it points at no cell (metadata, a missing table). */
export function cellOf(
  snapshot: WorkbookSnapshot,
  location: Location,
): { sheet: string; cell: string } | null {
  return cellLocator(snapshot)(location);
}

interface PlacedTable {
  readonly table: TableSnapshot;
  readonly top: number;
  readonly left: number;
  readonly columns: Map<string, number>;
}

/** A table's corner and its columns by lower-cased header (a renamed contract column under its contract name too). */
function place(table: TableSnapshot): PlacedTable | null {
  const corner = parseRange(table.address);
  if (!corner) return null;
  const columns = new Map<string, number>();
  table.headers.forEach((h, i) => {
    const wanted = h.trim().toLowerCase();
    if (!columns.has(wanted)) columns.set(wanted, i);
  });
  // A finding names a contract column; a renamed one is found where its new header stands.
  const contract = CONTRACT_OF[table.name.toLowerCase()];
  if (contract) {
    for (const [header, renamed] of columnRenames(table.headers, contract)) {
      const index = table.headers.indexOf(renamed);
      if (index >= 0 && !columns.has(header.toLowerCase())) columns.set(header.toLowerCase(), index);
    }
  }
  return { table, top: corner.top, left: corner.left, columns };
}

/**
 * `cellOf` for many findings on one snapshot: each table's corner and header positions are worked out once, not
 * once per finding.
 */
export function cellLocator(
  snapshot: WorkbookSnapshot,
): (location: Location) => { sheet: string; cell: string } | null {
  const tables = new Map<string, PlacedTable>();
  for (const table of snapshot.tables) {
    const key = table.name.toLowerCase();
    const placed = tables.has(key) ? null : place(table);
    if (placed) tables.set(key, placed);
  }
  const sheets = new Map(snapshot.sheets.map((name) => [name.toLowerCase(), name]));
  return (location) => {
    if (location.table === "Metadata") return null;
    const found = tables.get(location.table.toLowerCase());
    if (!found) return whereItBelonged(sheets, location);
    const { table, top, left, columns } = found;
    const index =
      location.column === undefined ? 0 : (columns.get(location.column.trim().toLowerCase()) ?? 0);
    const column = left + index;
    if (location.row === undefined) return { sheet: table.sheet, cell: cellAddress(top, column) };
    if (location.row < 0 || location.row >= table.values.length) return null;
    return { sheet: table.sheet, cell: cellAddress(top + 1 + location.row, column) };
  };
}

/** The sheet each return table is laid out on, to say where a missing one belonged. */
export function sheetOf(table: "KpiReturn" | "BudgetReturn"): string {
  return table === KPI_TABLE ? KPI_SHEET : BUDGET_SHEET;
}

/**
 * A finding about a table that is not there points where its header row belonged ("KPIs!A5"), when that sheet is
 * still in the workbook; a row of a missing table has no cell.
 */
function whereItBelonged(
  sheets: ReadonlyMap<string, string>,
  location: Location,
): { sheet: string; cell: string } | null {
  if (location.table === "Metadata" || location.row !== undefined) return null;
  const sheet = sheets.get(sheetOf(location.table).toLowerCase());
  if (sheet === undefined) return null;
  const contract = location.table === KPI_TABLE ? KPI_HEADERS : BUDGET_HEADERS;
  const index = location.column === undefined ? -1 : contract.indexOf(location.column.trim());
  return { sheet, cell: cellAddress(TABLE_HEADER_ROW, 1 + Math.max(index, 0)) };
}
