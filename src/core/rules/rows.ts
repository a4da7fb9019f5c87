/**
 * Shared by the row rules (MISSING-KPI, MISSING-LINE, UNKNOWN-KPI, UNKNOWN-LINE): the same check on either table,
 * with each table's own words. Each rule still has its own file; this holds only what they share.
 */
import type { Finding, Severity } from "../types";
import { budgetFinding, BUDGET_COLUMNS, kpiFinding, KPI_COLUMNS } from "./rule";

/** One of the return's tables, as the row rules name its rows. */
export interface RowTable {
  /** The id column: "KPI ID" or "Line ID". */
  readonly idColumn: string;
  /** How a message starts when it points at a row: "Row" or "Budget row". */
  readonly rowWord: string;
  /** What a template definition is called before its label: "" (a KPI's label says it) or "budget line ". */
  readonly thing: string;
  readonly finding: typeof kpiFinding;
}

export const KPI_ROWS: RowTable = {
  idColumn: KPI_COLUMNS.id,
  rowWord: "Row",
  thing: "",
  finding: kpiFinding,
};
export const BUDGET_ROWS: RowTable = {
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

/** A finding for each template definition with no row in the return. */
export function missingRowFindings(
  rule: RowRule,
  table: RowTable,
  defs: readonly { readonly id: string; readonly label: string }[],
  present: (id: string) => boolean,
  out: Finding[],
): void {
  for (const def of defs) {
    if (present(def.id)) continue;
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
