/**
 * What every workbook check is: the same shape as core's rules (src/core/rules/rule.ts), an id, a severity written
 * once, a description for the README, examples of workbooks it fires on and stays quiet on, and a check over one
 * read workbook. One check per file beside this one; `npm run rules` lists them in catalogue.ts and the README.
 */
import { finding, ruleFamily, type Firing, type RuleName, type RuleOf } from "../../core/rules/rule";
import type {
  BudgetEntry,
  CellInput,
  Finding,
  KpiEntry,
  KpiTemplate,
  Location,
  Severity,
} from "../../core/types";
import { cellAddress, parseRange } from "../a1";
import type { ExpectedFormulas } from "../formulas";
import type { ReturnState } from "../metadata";
import type { TableSnapshot, WorkbookSnapshot } from "../snapshot";

/** What differs between the two tables: their columns and their words. */
export interface TableSpec {
  readonly headers: readonly string[];
  readonly computed: readonly string[];
  readonly idHeader: string;
  readonly subjectKey: "kpiId" | "lineId";
  /** What one row is, in messages: "KPI", "budget line". */
  readonly noun: string;
  /** The columns issued with the return (field in the issued metadata → header). */
  readonly issuedColumns: Readonly<Record<string, string>>;
}

/**
 * One body row, as the reader sorted it: blank, without an id, a repeat of an earlier row's id, an id the template
 * does not define, or a template row (read into the Return as `entry`).
 */
export type BodyRow =
  | { readonly row: number; readonly kind: "blank" | "no-id" }
  | { readonly row: number; readonly kind: "duplicate"; readonly id: string; readonly first: number }
  | { readonly row: number; readonly kind: "not-template"; readonly id: string }
  | {
      readonly row: number;
      readonly kind: "template";
      readonly id: string;
      readonly entry: KpiEntry | BudgetEntry;
    };

/** One return table as read: its snapshot, its contract, renamed columns, its rows sorted, what was issued. */
export interface TableRead {
  readonly table: TableSnapshot;
  readonly spec: TableSpec;
  readonly renames: ReadonlyMap<string, string>;
  readonly rows: readonly BodyRow[];
  /** The formulas a template row's computed cells may hold, by header; null when the template or quarter is unknown. */
  readonly formulasOf: ExpectedFormulas | null;
  /** The figures issued with the return, by row id then field; null when the metadata holds none. */
  readonly issued: Readonly<Record<string, Readonly<Record<string, number | null>>>> | null;
}

/** Everything a workbook check may look at. Built once per read by context.ts. */
export interface WorkbookContext {
  readonly snapshot: WorkbookSnapshot;
  readonly templates: readonly KpiTemplate[];
  /** The return's state from its metadata; null when the workbook has no metadata (then no table is read). */
  readonly state: ReturnState | null;
  /** Metadata values that were missing or could not be read. */
  readonly problems: readonly { readonly key: string; readonly message: string }[];
  /** The template the return names, when the add-in knows it. */
  readonly template: KpiTemplate | null;
  readonly tables: readonly TableRead[];
}

/** A workbook made to break a check: the change to an untouched return, and the column its findings point at. */
export type WorkbookFiring = Firing<WorkbookChange>;

/** A change to an untouched return workbook's snapshot, for a check's examples. */
export type WorkbookChange =
  | { readonly metadata: null }
  | { readonly metadata: Readonly<Record<string, string>> }
  | { readonly table: "KpiReturn" | "BudgetReturn"; readonly edits: readonly TableEdit[] };

/** One edit to a table: a header renamed, a column dropped or added, a row appended, one body cell set. */
export type TableEdit =
  | { readonly rename: string; readonly to: string }
  | { readonly dropColumn: string }
  | { readonly addColumn: string }
  | { readonly addRow: Readonly<Record<string, CellInput>> }
  | { readonly set: { readonly row: number; readonly column: string; readonly value: CellInput } };

/** A workbook check: core's rule shape over a read workbook. */
export type WorkbookRule<Id extends string = string, S extends Severity = Severity> = RuleOf<
  WorkbookContext,
  WorkbookFiring,
  WorkbookChange,
  Id,
  S
>;

/** A workbook check, defined. */
export const defineWorkbookRule = ruleFamily<WorkbookContext, WorkbookFiring, WorkbookChange>();

// The checks make their findings with core's builder, as every rule does.
export { finding } from "../../core/rules/rule";

/** The KPI or budget line a row's finding is about (`{ kpiId }` or `{ lineId }`), when the row has an id. */
export function rowSubject(read: TableRead, id: string): { kpiId?: string; lineId?: string } {
  return id ? { [read.spec.subjectKey]: id } : {};
}

/**
 * A finding of `rule` about one cell of a table's body: located by its row and column, about the row's KPI or budget
 * line when the row has an id.
 */
export function cellFinding(
  rule: RuleName,
  read: TableRead,
  cell: { readonly row: number; readonly column: string; readonly id: string },
  message: string,
): Finding {
  const location = { table: tableName(read.table), row: cell.row, column: cell.column };
  return finding(rule, message, location, rowSubject(read, cell.id));
}

/** The table's name as a finding's location names it. */
export function tableName(table: TableSnapshot): Location["table"] {
  return table.name as Location["table"];
}

/** Describes a cell for messages: "KPIs!G7" (a row of undefined: the header). */
export function where(table: TableSnapshot, row: number | undefined, header: string): string {
  const corner = parseRange(table.address);
  if (!corner) return table.sheet;
  const index = table.headers.indexOf(header);
  const column = corner.left + Math.max(index, 0);
  return `${table.sheet}!${cellAddress(row === undefined ? corner.top : corner.top + 1 + row, column)}`;
}

/** A cell as text for ids and messages: trimmed, a date as its ISO day. */
export function trimmedCellText(value: CellInput): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

export function isFormula(value: CellInput): boolean {
  return typeof value === "string" && value.startsWith("=");
}

/** Shortens a formula for a message: the start of it is enough to recognise it. */
export function shortFormula(formula: string): string {
  return formula.length > 60 ? `${formula.slice(0, 57)}…` : formula;
}
