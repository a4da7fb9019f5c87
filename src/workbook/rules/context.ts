/**
 * Reading a workbook snapshot into what the workbook checks look at (rule.ts's WorkbookContext): the metadata
 * decoded, the template found, and each return table's rows sorted (blank, no id, repeated, not the template's, or a
 * template row read into core's entry, a renamed column under its contract name).
 */
import type { BudgetEntry, CellInput, KpiEntry, KpiTemplate } from "../../core/types";
import { parseCell } from "../../core/values";
import {
  BUDGET_COLUMNS,
  BUDGET_COMPUTED_COLUMNS,
  BUDGET_HEADERS,
  BUDGET_TABLE,
  KPI_COLUMNS,
  KPI_COMPUTED_COLUMNS,
  KPI_HEADERS,
  KPI_TABLE,
} from "../contract";
import { expectedFormulas } from "../formulas";
import { decodeIssued, decodeState, type ReturnState } from "../metadata";
import { columnRenames } from "../renames";
import { tableOf, type TableSnapshot, type WorkbookSnapshot } from "../snapshot";
import {
  isFormula,
  trimmedCellText,
  type BodyRow,
  type TableRead,
  type TableSpec,
  type WorkbookContext,
} from "./rule";

/** A table's contract, and how one of its template rows becomes core's entry. */
interface TableReader extends TableSpec {
  readonly name: "KpiReturn" | "BudgetReturn";
  entry(
    cell: (header: string) => CellInput,
    row: number,
    id: string,
    state: ReturnState,
  ): KpiEntry | BudgetEntry;
}

const KPI_READER: TableReader = {
  name: KPI_TABLE,
  headers: KPI_HEADERS,
  computed: KPI_COMPUTED_COLUMNS,
  idHeader: KPI_COLUMNS.id,
  subjectKey: "kpiId",
  noun: "KPI",
  issuedColumns: {
    target: KPI_COLUMNS.target,
    previous: KPI_COLUMNS.previous,
    lastYear: KPI_COLUMNS.lastYear,
  },
  entry: (cell, row, id) => ({
    kpiId: id,
    label: trimmedCellText(cell(KPI_COLUMNS.label)),
    actual: parseCell(cell(KPI_COLUMNS.actual)),
    target: parseCell(cell(KPI_COLUMNS.target)),
    previous: parseCell(cell(KPI_COLUMNS.previous)),
    lastYear: parseCell(cell(KPI_COLUMNS.lastYear)),
    commentary: trimmedCellText(cell(KPI_COLUMNS.commentary)),
    row,
  }),
};

const BUDGET_READER: TableReader = {
  name: BUDGET_TABLE,
  headers: BUDGET_HEADERS,
  computed: BUDGET_COMPUTED_COLUMNS,
  idHeader: BUDGET_COLUMNS.id,
  subjectKey: "lineId",
  noun: "budget line",
  issuedColumns: { awarded: BUDGET_COLUMNS.awarded },
  entry: (cell, row, id, state) => ({
    lineId: id,
    label: trimmedCellText(cell(BUDGET_COLUMNS.label)),
    awarded: parseCell(cell(BUDGET_COLUMNS.awarded)),
    spentToDate: parseCell(cell(BUDGET_COLUMNS.spentToDate)),
    previousSpent: state.previousSpent[id] ?? null,
    commentary: trimmedCellText(cell(BUDGET_COLUMNS.commentary)),
    row,
  }),
};

/**
 * Reads a table's body cells by contract header (a renamed column under its contract name); each header's position
 * is looked up once, not once per cell.
 */
function cellsOf(
  table: TableSnapshot,
  renames: ReadonlyMap<string, string>,
): (row: number, header: string) => CellInput {
  const columns = new Map<string, number>();
  table.headers.forEach((h, i) => {
    if (!columns.has(h)) columns.set(h, i);
  });
  return (row, header) => {
    const column = columns.get(renames.get(header) ?? header);
    if (column === undefined) return null;
    // A formula's cached result is never believed: the Return gets the formula's text (FORMULA-TYPED says why).
    const formula = table.formulas[row]?.[column];
    if (isFormula(formula ?? null)) return formula ?? null;
    return table.values[row]?.[column] ?? null;
  };
}

/** Each body row sorted against the template's ids (null: unknown template, any id is the template's). */
function sortRows(
  table: TableSnapshot,
  reader: TableReader,
  renames: ReadonlyMap<string, string>,
  expected: readonly string[] | null,
  state: ReturnState,
): BodyRow[] {
  const idColumn = table.headers.indexOf(reader.idHeader);
  const cells = cellsOf(table, renames);
  const seen = new Map<string, number>();
  return table.values.map((values, row): BodyRow => {
    if (values.every((v) => trimmedCellText(v) === "")) return { row, kind: "blank" };
    const id = idColumn >= 0 ? trimmedCellText(values[idColumn]) : "";
    if (id === "") return { row, kind: "no-id" };
    const first = seen.get(id);
    if (first !== undefined) return { row, kind: "duplicate", id, first };
    seen.set(id, row);
    if (expected && !expected.includes(id)) return { row, kind: "not-template", id };
    return { row, kind: "template", id, entry: reader.entry((h) => cells(row, h), row, id, state) };
  });
}

/** What the workbook checks look at, and what the reader builds the Return from. */
export function workbookContext(
  snapshot: WorkbookSnapshot,
  templates: readonly KpiTemplate[],
): WorkbookContext {
  if (snapshot.metadata === null) {
    return { snapshot, templates, state: null, problems: [], template: null, tables: [] };
  }
  const { state, problems } = decodeState(snapshot.metadata);
  const template =
    templates.find((t) => t.id === state.templateId && t.version === state.templateVersion) ?? null;
  const issued = decodeIssued(snapshot.metadata);
  const tables: TableRead[] = [];
  for (const reader of [KPI_READER, BUDGET_READER]) {
    const table = tableOf(snapshot, reader.name);
    if (!table) continue;
    const renames = columnRenames(table.headers, reader.headers);
    const ids = reader === KPI_READER ? template?.kpis : template?.budgetLines;
    tables.push({
      table,
      spec: reader,
      renames,
      rows: sortRows(table, reader, renames, ids?.map((d) => d.id) ?? null, state),
      formulasOf: expectedFormulas(
        template,
        state.period,
        reader === KPI_READER ? "kpis" : "budget",
        snapshot.metadata,
      ),
      issued: (reader === KPI_READER ? issued?.kpis : issued?.budget) ?? null,
    });
  }
  return { snapshot, templates, state, problems, template, tables };
}
