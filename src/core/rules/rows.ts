/**
 * Shared by the row rules (MISSING-KPI, MISSING-LINE, UNKNOWN-KPI, UNKNOWN-LINE): the same check on either table,
 * with each table's own words. Each rule still has its own file; this holds only what they share.
 */
import type { Finding, Return } from "../types";
import { budgetFinding, BUDGET_COLUMNS, kpiFinding, KPI_COLUMNS, type RuleName } from "./rule";

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

/** A finding for each row whose id the template does not define. */
export function unknownRowFindings(
  rule: RuleName,
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
 * MISSING-KPI and MISSING-LINE: a finding for each template definition that no row was matched to (none when the
 * return says the whole table is missing). `matched` holds the rows matched to a definition (each
 * definition at most once, as validate.ts matches them).
 */
export function missingRowFindings(
  rule: RuleName,
  table: RowTable,
  ret: Return,
  defs: readonly { readonly id: string; readonly label: string }[],
  matched: readonly { readonly def: { readonly id: string } }[],
  out: Finding[],
): void {
  // A table the reader found missing altogether is reported once, by TABLE-MISSING, not row by row.
  if (ret.missingTables?.includes(table.table)) return;
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
