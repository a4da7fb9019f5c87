/**
 * Reading a return: one workbook snapshot becomes core's Return, plus structural findings the engine cannot see
 * (a missing table, a renamed or extra column, rows added or deleted, a formula overwritten, an unknown template).
 */
import { describeInput, numberOf, parseCell } from "../core/values";
import type {
  BudgetEntry,
  CellInput,
  Finding,
  KpiEntry,
  KpiTemplate,
  Location,
  ParsedValue,
  Return,
  Severity,
} from "../core/types";
import { parsePeriod } from "../core/period";
import { cellAddress, parseRange } from "./a1";
import { budgetFormulas, kpiFormulas } from "./formulas";
import {
  BUDGET_COLUMNS,
  BUDGET_COMPUTED_COLUMNS,
  BUDGET_HEADERS,
  BUDGET_TABLE,
  KPI_COLUMNS,
  KPI_COMPUTED_COLUMNS,
  KPI_HEADERS,
  KPI_SHEET,
  KPI_TABLE,
  BUDGET_SHEET,
  METADATA_SHEET,
  TABLE_HEADER_ROW,
} from "./contract";
import { decodeIssued, decodeState, type IssuedFigures, type ReturnState } from "./metadata";
import { tableOf, type TableSnapshot, type WorkbookSnapshot } from "./snapshot";

/** The structural checks this layer makes, for the rule catalogue in docs/workbook.md. */
export const workbookRuleCatalogue = [
  {
    id: "METADATA-MISSING",
    severity: "error",
    description: "The workbook has no return metadata sheet, so it is not a return made from a template.",
  },
  {
    id: "METADATA-UNREADABLE",
    severity: "error",
    description: "A metadata value (template, status, approval…) is missing or cannot be read.",
  },
  {
    id: "TEMPLATE-UNKNOWN",
    severity: "error",
    description: "The return names a template id, or a version of it, that the add-in does not know.",
  },
  {
    id: "COLUMN-MISSING",
    severity: "error",
    description: "A column of the workbook contract is missing from a table.",
  },
  {
    id: "COLUMN-RENAMED",
    severity: "error",
    description:
      "A contract column appears to have been renamed (a missing column and an unknown one in its place).",
  },
  {
    id: "COLUMN-EXTRA",
    severity: "query",
    description: "A table has a column the contract does not define.",
  },
  {
    id: "ROW-ADDED",
    severity: "error",
    description: "A table row has a KPI ID or line ID that the template does not define (or none).",
  },
  {
    id: "ROW-DUPLICATE",
    severity: "error",
    description: "Two rows of a table carry the same KPI ID or line ID.",
  },
  { id: "ROW-BLANK", severity: "info", description: "A table has a wholly blank row (ignored)." },
  {
    id: "FORMULA-OVERWRITTEN",
    severity: "error",
    description: "A computed cell's formula has been replaced by a typed value or by a different formula.",
  },
  {
    id: "FORMULA-TYPED",
    severity: "error",
    description:
      "A cell the provider types (or one issued with the return) holds a formula: its last result is never used. " +
      "A link to another workbook, a DDE link or WEBSERVICE is named.",
  },
  {
    id: "ISSUED-FIGURE-CHANGED",
    severity: "error",
    description: "A target, prior-quarter figure or award issued with the return has been changed.",
  },
] as const satisfies readonly { id: string; severity: Severity; description: string }[];

/** The id of every workbook check. */
export type WorkbookRuleId = (typeof workbookRuleCatalogue)[number]["id"];

declare module "../core/rules/ids" {
  interface RuleCatalogues {
    workbook: WorkbookRuleId;
  }
}

const severityOf = new Map(workbookRuleCatalogue.map((r) => [r.id, r.severity]));

function finding(
  ruleId: WorkbookRuleId,
  message: string,
  location: Location,
  subject: { kpiId?: string; lineId?: string } = {},
): Finding {
  return { ruleId, severity: severityOf.get(ruleId) ?? "error", message, location, ...subject };
}

/** The sheet cell a finding points at, in A1 form; null when it points at no cell (metadata, a missing table). */
export function cellOf(
  snapshot: WorkbookSnapshot,
  location: Location,
): { sheet: string; cell: string } | null {
  return cellLocator(snapshot)(location);
}

/**
 * `cellOf` for many findings on one snapshot: each table's corner and header positions are worked out once, not
 * once per finding.
 */
export function cellLocator(
  snapshot: WorkbookSnapshot,
): (location: Location) => { sheet: string; cell: string } | null {
  const tables = new Map<
    string,
    { table: TableSnapshot; top: number; left: number; columns: Map<string, number> }
  >();
  for (const table of snapshot.tables) {
    const corner = parseRange(table.address);
    const key = table.name.toLowerCase();
    if (!corner || tables.has(key)) continue;
    const columns = new Map<string, number>();
    table.headers.forEach((h, i) => {
      const wanted = h.trim().toLowerCase();
      if (!columns.has(wanted)) columns.set(wanted, i);
    });
    // A finding names a contract column; a renamed one is found where its new header stands.
    const contract = CONTRACT_OF[key];
    if (contract) {
      for (const [header, renamed] of columnRenames(table.headers, contract)) {
        const index = table.headers.indexOf(renamed);
        if (index >= 0 && !columns.has(header.toLowerCase())) columns.set(header.toLowerCase(), index);
      }
    }
    tables.set(key, { table, top: corner.top, left: corner.left, columns });
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
function sheetOf(table: "KpiReturn" | "BudgetReturn"): string {
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

/** Describes a cell for messages: "KPIs!G7". */
function where(table: TableSnapshot, row: number | undefined, header: string): string {
  const corner = parseRange(table.address);
  if (!corner) return table.sheet;
  const index = table.headers.indexOf(header);
  const column = corner.left + Math.max(index, 0);
  return `${table.sheet}!${cellAddress(row === undefined ? corner.top : corner.top + 1 + row, column)}`;
}

function text(value: CellInput): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

function isBlankRow(row: readonly CellInput[]): boolean {
  return row.every((v) => text(v) === "");
}

function isFormula(value: CellInput): boolean {
  return typeof value === "string" && value.startsWith("=");
}

/**
 * Which contract columns were renamed, and to what: a missing contract column whose place is taken by a header the
 * contract does not know (or the only unknown header). A renamed column is still read as the column it was, so a
 * rename loses no figure; it is reported once (COLUMN-RENAMED) and never as a blank or missing column as well.
 */
function columnRenames(headers: readonly string[], contract: readonly string[]): Map<string, string> {
  const present = new Set(headers.map((h) => h.trim()));
  const unknown = headers.filter((h) => !contract.includes(h.trim()));
  const renames = new Map<string, string>();
  const taken = new Set<string>();
  contract.forEach((header, position) => {
    if (present.has(header)) return;
    // A renamed column keeps its place: the unknown header at the contract's position (or the only unknown one).
    const inPlace = headers[position];
    const candidate =
      inPlace !== undefined && !contract.includes(inPlace.trim())
        ? inPlace
        : unknown.length === 1
          ? unknown[0]
          : undefined;
    if (candidate !== undefined && !taken.has(candidate)) {
      taken.add(candidate);
      renames.set(header, candidate);
    }
  });
  return renames;
}

/** The contract each return table is read against, for locating cells by contract column. */
const CONTRACT_OF: Readonly<Record<string, readonly string[]>> = {
  [KPI_TABLE.toLowerCase()]: KPI_HEADERS,
  [BUDGET_TABLE.toLowerCase()]: BUDGET_HEADERS,
};

/** Column checks: missing, renamed (a missing column and an unknown header where it belongs) and extra columns. */
function checkColumns(
  table: TableSnapshot,
  contract: readonly string[],
  renames: ReadonlyMap<string, string>,
  findings: Finding[],
): void {
  const present = new Set(table.headers.map((h) => h.trim()));
  const renamedTo = new Set(renames.values());
  for (const header of contract) {
    if (present.has(header)) continue;
    const renamed = renames.get(header);
    if (renamed !== undefined) {
      findings.push(
        finding(
          "COLUMN-RENAMED",
          `The ${table.name} table's "${header}" column has been renamed "${renamed}" (${where(table, undefined, renamed)}). ` +
            `Its cells are still read as "${header}"; please rename it back to "${header}" exactly.`,
          { table: table.name as Location["table"], column: renamed },
        ),
      );
      continue;
    }
    findings.push(
      finding(
        "COLUMN-MISSING",
        `The ${table.name} table on sheet "${table.sheet}" has no "${header}" column. Please restore it, or ask for a fresh return.`,
        { table: table.name as Location["table"] },
      ),
    );
  }
  for (const header of table.headers) {
    if (contract.includes(header.trim()) || renamedTo.has(header)) continue;
    findings.push(
      finding(
        "COLUMN-EXTRA",
        `The ${table.name} table has a column "${header}" (${where(table, undefined, header)}) that the return does not use. ` +
          `Please remove it, or explain why it is there.`,
        { table: table.name as Location["table"], column: header },
      ),
    );
  }
}

/** A formula's text compared as Excel compares it: case and spaces outside quoted text do not matter. */
function formulaKey(formula: string): string {
  return formula
    .split('"')
    .map((part, i) => (i % 2 === 0 ? part.replace(/\s+/g, "").toUpperCase() : part))
    .join('"');
}

/** Shortens a formula for a message: the start of it is enough to recognise it. */
function shortFormula(formula: string): string {
  return formula.length > 60 ? `${formula.slice(0, 57)}…` : formula;
}

/**
 * Computed cells not holding the formula the return was made with: a typed value, or a different formula (a RAG of
 * ="Green" on a red KPI). `expected` gives a row's formulas by header when the template is known; without it only
 * "is it a formula" can be checked. Blank rows and rows that are not the template's are reported as such, not here.
 */
function checkFormulas(
  table: TableSnapshot,
  computed: readonly string[],
  idHeader: string,
  subjectKey: "kpiId" | "lineId",
  skip: readonly boolean[],
  expected: ((id: string) => Readonly<Record<string, string>> | null) | null,
  findings: Finding[],
): void {
  const idColumn = table.headers.indexOf(idHeader);
  for (const header of computed) {
    const column = table.headers.indexOf(header);
    if (column < 0) continue;
    table.formulas.forEach((row, r) => {
      if (skip[r]) return;
      const cell = row[column];
      const id = idColumn >= 0 ? text(table.values[r]?.[idColumn]) : "";
      const wanted = expected && id ? expected(id)?.[header] : undefined;
      if (isFormula(cell) && (wanted === undefined || formulaKey(String(cell)) === formulaKey(wanted)))
        return;
      const shown = isFormula(cell)
        ? `the formula ${shortFormula(String(cell))}`
        : text(cell) === ""
          ? "nothing"
          : `"${text(cell)}"`;
      findings.push(
        finding(
          "FORMULA-OVERWRITTEN",
          `${id ? `"${id}": the` : "The"} ${header} cell ${where(table, r, header)} holds ${shown} instead of its formula. ` +
            `Please undo the change, or copy the formula from a neighbouring row.`,
          { table: table.name as Location["table"], row: r, column: header },
          id ? { [subjectKey]: id } : {},
        ),
      );
    });
  }
}

/** What a typed formula reaches, when it reaches outside the workbook: named in its finding. */
function formulaReach(formula: string): string | null {
  if (/\bWEBSERVICE\s*\(|\bFILTERXML\s*\(/i.test(formula))
    return "fetches data from the internet (WEBSERVICE)";
  if (/\bDDE\s*\(|[A-Za-z0-9_.]+\|'?[^'!]*'?!/.test(formula))
    return "is a DDE link that runs another program";
  if (/\[[^\]]*\][^!]*!|\[\d+\]/.test(formula) && !/\[\[?#/.test(formula)) {
    return "links to another workbook";
  }
  return null;
}

/**
 * Cells that are not computed (the provider's inputs, ids, labels and issued figures) holding a formula. Its cached
 * result is never used: the figure read is the formula text, so it is never validated, hashed or synced as a number.
 */
function checkTypedFormulas(
  table: TableSnapshot,
  computed: readonly string[],
  idHeader: string,
  subjectKey: "kpiId" | "lineId",
  findings: Finding[],
): void {
  const idColumn = table.headers.indexOf(idHeader);
  table.formulas.forEach((row, r) => {
    row.forEach((cell, column) => {
      const header = table.headers[column] ?? "";
      if (!isFormula(cell) || computed.includes(header.trim())) return;
      const formula = String(cell);
      const id = idColumn >= 0 && idColumn !== column ? text(table.values[r]?.[idColumn]) : "";
      const reach = formulaReach(formula);
      findings.push(
        finding(
          "FORMULA-TYPED",
          `${id ? `"${id}": the` : "The"} ${header || "unnamed"} cell ${where(table, r, header)} holds the formula ` +
            `${shortFormula(formula)}${reach ? `, which ${reach}` : ""}, not a typed figure; its result is not used. ` +
            `Please type the figure itself.`,
          { table: table.name as Location["table"], row: r, column: header },
          id ? { [subjectKey]: id } : {},
        ),
      );
    });
  });
}

/** A body row to read into the Return, with its id. */
interface RowToRead {
  readonly row: number;
  readonly id: string;
}

/** Rows added, deleted, duplicated or blank against the template's list of ids (when the template is known). */
function checkRows(
  table: TableSnapshot,
  idHeader: string,
  expected: readonly string[] | null,
  subjectKey: "kpiId" | "lineId",
  noun: string,
  blank: readonly boolean[],
  findings: Finding[],
): RowToRead[] {
  const idColumn = table.headers.indexOf(idHeader);
  const rows: RowToRead[] = [];
  const seen = new Map<string, number>();
  const tableName = table.name as Location["table"];
  table.values.forEach((row, r) => {
    if (blank[r]) {
      findings.push(
        finding(
          "ROW-BLANK",
          `Row ${where(table, r, idHeader)} of the ${table.name} table is blank and was ignored.`,
          {
            table: tableName,
            row: r,
          },
        ),
      );
      return;
    }
    const id = idColumn >= 0 ? text(row[idColumn]) : "";
    if (id === "") {
      findings.push(
        finding(
          "ROW-ADDED",
          `Row ${where(table, r, idHeader)} of the ${table.name} table has no ${idHeader}, so it is not one of the template's ${noun}s. ` +
            `Please remove the row, or put its figures in the right row.`,
          { table: tableName, row: r, column: idHeader },
        ),
      );
      return;
    }
    if (seen.has(id)) {
      findings.push(
        finding(
          "ROW-DUPLICATE",
          `${idHeader} "${id}" appears twice in the ${table.name} table (${where(table, seen.get(id), idHeader)} and ${where(table, r, idHeader)}). ` +
            `Please remove the extra row.`,
          { table: tableName, row: r, column: idHeader },
          { [subjectKey]: id },
        ),
      );
      return;
    }
    seen.set(id, r);
    if (expected && !expected.includes(id)) {
      findings.push(
        finding(
          "ROW-ADDED",
          `Row ${where(table, r, idHeader)} of the ${table.name} table is for "${id}", which is not a ${noun} of this return's template. ` +
            `Please remove the row.`,
          { table: tableName, row: r, column: idHeader },
          { [subjectKey]: id },
        ),
      );
      return;
    }
    rows.push({ row: r, id });
  });
  // Deleted rows (a template id with no row) are left to core's MISSING-KPI and MISSING-LINE rules, which check any
  // Return however it was built, so the officer sees each deletion once.
  return rows;
}

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

function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Issued figures (targets, prior figures, awards) that no longer hold what the commissioner issued. */
function checkIssued<Entry>(
  table: TableSnapshot,
  spec: TableSpec<Entry>,
  rows: readonly { readonly at: RowToRead; readonly entry: Entry }[],
  issued: Readonly<Record<string, Readonly<Record<string, number | null>>>>,
  findings: Finding[],
): void {
  for (const { at, entry } of rows) {
    const { row, id } = at;
    const figures = issued[id];
    if (!figures) continue;
    for (const [field, header] of Object.entries(spec.issuedColumns)) {
      if (!(field in figures) || table.headers.indexOf(header) < 0) continue;
      // The value already parsed for the Return, so each cell is parsed once.
      const value = spec.issuedValue(entry, field);
      const now = numberOf(value);
      const was = figures[field];
      if (sameNumber(now, was)) continue;
      findings.push(
        finding(
          "ISSUED-FIGURE-CHANGED",
          `"${id}": ${header} was issued as ${was === null ? "blank" : was} but ${where(table, row, header)} now holds ` +
            `${now === null ? describeInput(value) : now}. Only the yellow cells are yours to change; please put it back.`,
          { table: table.name as Location["table"], row, column: header },
          { [spec.subjectKey]: id },
        ),
      );
    }
  }
}

/** What differs between the two tables: their columns, their words, and how a row becomes core's entry. */
interface TableSpec<Entry> {
  readonly headers: readonly string[];
  readonly computed: readonly string[];
  readonly idHeader: string;
  readonly subjectKey: "kpiId" | "lineId";
  /** What one row is, in messages: "KPI", "budget line". */
  readonly noun: string;
  /** The columns issued with the return (field in the issued metadata → header). */
  readonly issuedColumns: Readonly<Record<string, string>>;
  issuedValue(entry: Entry, field: string): ParsedValue;
  entry(cell: (header: string) => CellInput, at: RowToRead, state: ReturnState): Entry;
}

const KPI_SPEC: TableSpec<KpiEntry> = {
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
  issuedValue: (entry, field) =>
    field === "target" ? entry.target : field === "previous" ? entry.previous : entry.lastYear,
  entry: (cell, { row, id }) => ({
    kpiId: id,
    label: text(cell(KPI_COLUMNS.label)),
    actual: parseCell(cell(KPI_COLUMNS.actual)),
    target: parseCell(cell(KPI_COLUMNS.target)),
    previous: parseCell(cell(KPI_COLUMNS.previous)),
    lastYear: parseCell(cell(KPI_COLUMNS.lastYear)),
    commentary: text(cell(KPI_COLUMNS.commentary)),
    row,
  }),
};

const BUDGET_SPEC: TableSpec<BudgetEntry> = {
  headers: BUDGET_HEADERS,
  computed: BUDGET_COMPUTED_COLUMNS,
  idHeader: BUDGET_COLUMNS.id,
  subjectKey: "lineId",
  noun: "budget line",
  issuedColumns: { awarded: BUDGET_COLUMNS.awarded },
  issuedValue: (entry) => entry.awarded,
  entry: (cell, { row, id }, state) => ({
    lineId: id,
    label: text(cell(BUDGET_COLUMNS.label)),
    awarded: parseCell(cell(BUDGET_COLUMNS.awarded)),
    spentToDate: parseCell(cell(BUDGET_COLUMNS.spentToDate)),
    previousSpent: state.previousSpent[id] ?? null,
    commentary: text(cell(BUDGET_COLUMNS.commentary)),
    row,
  }),
};

/**
 * One table: its columns, formulas and rows checked, its template rows read into core's entries, and (when the
 * metadata holds them) the issued figures compared.
 */
function readTable<Entry>(
  table: TableSnapshot,
  spec: TableSpec<Entry>,
  expected: readonly string[] | null,
  state: ReturnState,
  issued: Readonly<Record<string, Readonly<Record<string, number | null>>>> | null,
  formulasOf: ((id: string) => Readonly<Record<string, string>> | null) | null,
  findings: Finding[],
): Entry[] {
  const renames = columnRenames(table.headers, spec.headers);
  checkColumns(table, spec.headers, renames, findings);
  const blank = table.values.map(isBlankRow);
  // Rows reported as blank, added (no id, or an id the template does not define) or duplicated are not checked for
  // formulas too:
  // a row inserted by LibreOffice has empty computed cells, and its one finding is ROW-ADDED.
  const idColumn = table.headers.indexOf(spec.idHeader);
  const seenIds = new Set<string>();
  const notTemplateRow = table.values.map((row, r) => {
    const id = idColumn >= 0 ? text(row[idColumn]) : "";
    const duplicate = seenIds.has(id);
    seenIds.add(id);
    return blank[r] || id === "" || duplicate || (expected !== null && !expected.includes(id));
  });
  checkFormulas(table, spec.computed, spec.idHeader, spec.subjectKey, notTemplateRow, formulasOf, findings);
  checkTypedFormulas(table, spec.computed, spec.idHeader, spec.subjectKey, findings);
  const cells = cellsOf(table, renames);
  const rows = checkRows(table, spec.idHeader, expected, spec.subjectKey, spec.noun, blank, findings).map(
    (at) => ({
      at,
      entry: spec.entry((header) => cells(at.row, header), at, state),
    }),
  );
  if (issued) checkIssued(table, spec, rows, issued, findings);
  return rows.map((r) => r.entry);
}

/**
 * The formulas a template row's computed cells were written with (by header, with their "="), as layout.ts writes
 * them; null when the template or the quarter is not known, so only "is it a formula" can be checked.
 */
function expectedFormulas(
  template: KpiTemplate | null,
  period: string,
  table: "kpis" | "budget",
): ((id: string) => Readonly<Record<string, string>> | null) | null {
  if (!template) return null;
  let quarter: number;
  try {
    quarter = parsePeriod(period).quarter;
  } catch {
    return null;
  }
  const byHeader = (
    formulas: Readonly<Record<string, string>>,
    columns: Readonly<Record<string, string>>,
  ): Record<string, string> =>
    Object.fromEntries(Object.entries(formulas).map(([key, formula]) => [columns[key] ?? key, formula]));
  if (table === "kpis") {
    return (id) => {
      const kpi = template.kpis.find((k) => k.id === id);
      return kpi ? byHeader({ ...kpiFormulas(template, kpi, quarter) }, KPI_COLUMNS) : null;
    };
  }
  return (id) => {
    const line = template.budgetLines.find((l) => l.id === id);
    return line ? byHeader({ ...budgetFormulas(template, line, quarter) }, BUDGET_COLUMNS) : null;
  };
}

export interface ReadResult {
  readonly ret: Return | null;
  readonly template: KpiTemplate | null;
  readonly findings: Finding[];
}

/** Turns a snapshot into core's Return, with the structural findings; `ret` is null when there is no return to read. */
export function readReturn(snapshot: WorkbookSnapshot, templates: readonly KpiTemplate[]): ReadResult {
  const findings: Finding[] = [];
  const kpiTable = tableOf(snapshot, KPI_TABLE);
  const budgetTable = tableOf(snapshot, BUDGET_TABLE);
  if (snapshot.metadata === null) {
    findings.push(
      finding(
        "METADATA-MISSING",
        `This workbook has no "${METADATA_SHEET}" sheet, so it is not a return made from a KPI template. ` +
          `Please use the return workbook you were sent.`,
        { table: "Metadata" },
      ),
    );
    return { ret: null, template: null, findings };
  }
  const { state, problems } = decodeState(snapshot.metadata);
  for (const p of problems) {
    findings.push(finding("METADATA-UNREADABLE", p.message, { table: "Metadata", column: p.key }));
  }
  const template =
    templates.find((t) => t.id === state.templateId && t.version === state.templateVersion) ?? null;
  if (!template && state.templateId !== "") {
    const versions = templates.filter((t) => t.id === state.templateId).map((t) => t.version);
    findings.push(
      finding(
        "TEMPLATE-UNKNOWN",
        versions.length > 0
          ? `The return was made with version ${state.templateVersion || "(none)"} of template "${state.templateId}", ` +
              `which the add-in does not know (it knows ${versions.join(", ")}). Please update the add-in, or ask for a fresh return.`
          : `The return was made with template "${state.templateId}", which the add-in does not know.`,
        { table: "Metadata", column: "templateVersion" },
      ),
    );
  }
  const expectKpis = template ? template.kpis.length > 0 : !budgetTable;
  const expectBudget = template ? template.budgetLines.length > 0 : false;
  const missingTables: ("KpiReturn" | "BudgetReturn")[] = [];
  if (expectKpis && !kpiTable) missingTables.push(KPI_TABLE);
  if (expectBudget && !budgetTable) missingTables.push(BUDGET_TABLE);
  // The Return carries the missing tables, and core's TABLE-MISSING reports each once, in place of its rows (and so
  // blocks approval whichever face asks). Without a known template core does not run: TEMPLATE-UNKNOWN stands.
  const issued: IssuedFigures | null = decodeIssued(snapshot.metadata);

  const kpis = kpiTable
    ? readTable(
        kpiTable,
        KPI_SPEC,
        template?.kpis.map((k) => k.id) ?? null,
        state,
        issued?.kpis ?? null,
        expectedFormulas(template, state.period, "kpis"),
        findings,
      )
    : [];
  const budget = budgetTable
    ? readTable(
        budgetTable,
        BUDGET_SPEC,
        template?.budgetLines.map((l) => l.id) ?? null,
        state,
        issued?.budget ?? null,
        expectedFormulas(template, state.period, "budget"),
        findings,
      )
    : [];
  const ret: Return = {
    templateId: state.templateId,
    templateVersion: state.templateVersion,
    provider: state.provider,
    period: state.period,
    status: state.status,
    kpis,
    budget,
    overrides: state.overrides,
    history: state.history,
    ...(state.approval ? { approval: state.approval } : {}),
    ...(state.returnedReasons ? { returnedReasons: state.returnedReasons } : {}),
    ...(missingTables.length > 0 ? { missingTables } : {}),
  };
  return { ret, template, findings };
}
