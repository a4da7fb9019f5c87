/**
 * A workbook snapshot: what the add-in reads from a return in one go (the two tables' headers, values and formulas,
 * plus the metadata; number formats are not read, nothing decides by them). Pure data, the same whichever executor took it.
 */
import type { CellInput } from "../core/types";

export interface TableSnapshot {
  readonly name: string;
  readonly sheet: string;
  /** Header row and body, e.g. "A5:M15" (no sheet name). */
  readonly address: string;
  readonly headers: readonly string[];
  /** Body rows, as the cells hold them (a formula's value, not its text). */
  readonly values: readonly (readonly CellInput[])[];
  /** Body rows: formula text starting with "=" where a cell holds a formula, otherwise the value itself. */
  readonly formulas: readonly (readonly CellInput[])[];
}

export interface WorkbookSnapshot {
  readonly sheets: readonly string[];
  /** The KpiReturn and BudgetReturn tables found (other tables are not the return's and are left out). */
  readonly tables: readonly TableSnapshot[];
  /** The metadata's key/value rows, or null when the workbook has no metadata sheet. */
  readonly metadata: Readonly<Record<string, string>> | null;
}

export function tableOf(snapshot: WorkbookSnapshot, name: string): TableSnapshot | undefined {
  return snapshot.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
}
