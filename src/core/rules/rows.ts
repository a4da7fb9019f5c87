/**
 * Shared by the row rules (MISSING-KPI, MISSING-LINE, UNKNOWN-KPI, UNKNOWN-LINE): the same check on either table,
 * with each table's own words. Each rule still has its own file; this holds only what they share.
 */
import type { Finding, Return, Severity } from "../types";
import { budgetFinding, BUDGET_COLUMNS, kpiFinding, KPI_COLUMNS } from "./rule";

/** One of the return's tables, as the row rules name its rows. */
export interface RowTable {
  /** The table's name in the workbook contract. */
  readonly table: "KpiReturn" | "BudgetReturn";
  /** What one row is, and many: "KPI" and "KPIs", "budget line" and "budget lines". */
  readonly row: string;
  readonly rows: string;
  /** The id column: "KPI ID" or "Line ID". */
  readonly idColumn: string;
  /** How a message starts when it points at a row: "Row" or "Budget row". */
  readonly rowWord: string;
  /** What a template definition is called before its label: "" (a KPI's label says it) or "budget line ". */
  readonly thing: string;
  readonly finding: typeof kpiFinding;
}

export const KPI_ROWS: RowTable = {
  table: "KpiReturn",
  row: "KPI",
  rows: "KPIs",
  idColumn: KPI_COLUMNS.id,
  rowWord: "Row",
  thing: "",
  finding: kpiFinding,
};
export const BUDGET_ROWS: RowTable = {
  table: "BudgetReturn",
  row: "budget line",
  rows: "budget lines",
  idColumn: BUDGET_COLUMNS.id,
  rowWord: "Budget row",
  thing: "budget line ",
  finding: budgetFinding,
};

type RowRule = { readonly id: string; readonly severity: Severity };

/** A finding for each row whose id the template does not define. */
export function unknownRowFindings(
  rule: RowRule,
  templateId: string,
  table: RowTable,
  rows: readonly { readonly id: string; readonly label: string; readonly row: number }[],
  out: Finding[],
): void {
  for (const { id, label, row } of rows) {
    out.push(
      table.finding(
        rule,
        id,
        row,
        `${table.rowWord} "${label}" has ${table.idColumn} "${id}", which template "${templateId}" does not define. ` +
          `Please remove the row, or restore its ${table.idColumn}.`,
        table.idColumn,
      ),
    );
  }
}

/**
 * MISSING-KPI and MISSING-LINE: one error for the table when the return says it is missing, otherwise a finding for
 * each template definition that no row was matched to. `matched` holds the rows matched to a definition (each
 * definition at most once, as validate.ts matches them).
 */
export function missingRowFindings(
  rule: RowRule,
  table: RowTable,
  ret: Return,
  defs: readonly { readonly id: string; readonly label: string }[],
  matched: readonly { readonly def: { readonly id: string } }[],
  out: Finding[],
): void {
  if (missingTableFinding(ret, table, defs.length, out)) return;
  // As many matches as definitions means none is missing: the usual case, so no set is built for it.
  if (matched.length === defs.length) return;
  const present = new Set(matched.map((m) => m.def.id));
  for (const def of defs) {
    if (present.has(def.id)) continue;
    out.push(
      table.finding(
        rule,
        def.id,
        undefined,
        `The return has no row for ${table.thing}"${def.label}" (${table.idColumn} ${def.id}). ` +
          `Please restore the row, or start again from the template.`,
        table.idColumn,
      ),
    );
  }
}

/** The id a missing table is reported under: the workbook layer's, as it is the same fault wherever it is found. */
export const TABLE_MISSING = "TABLE-MISSING";

/**
 * When the return says its whole table is missing, one error for the table instead of one per row (so a deleted
 * table is reported once), and true; false when the table was there and its rows are to be checked one by one.
 * The error keeps a return with no table from being approved, whichever face asks.
 */
function missingTableFinding(ret: Return, table: RowTable, count: number, out: Finding[]): boolean {
  // A template with no such rows needs no such table.
  if (count === 0 || !ret.missingTables?.includes(table.table)) return false;
  out.push({
    ruleId: TABLE_MISSING,
    severity: "error",
    message:
      `The return has no ${table.table} table: it has been deleted or renamed, so ` +
      `${count === 1 ? `its ${table.row} cannot` : `none of its ${count} ${table.rows} can`} be read. Please undo the deletion (or rename the table back to ${table.table}), or start again from the template.`,
    location: { table: table.table },
  });
  return true;
}
