/**
 * The plan that types a provider's figures and commentaries into the input cells of an existing return, found by
 * each row's id, with a note where a number was read out of text.
 */
import { UserError } from "../core/errors";
import { parseCell } from "../core/values";
import type { CellInput } from "../core/types";
import { cellAddress, parseRange, rangeAddress } from "./a1";
import { BUDGET_COLUMNS, BUDGET_TABLE, KPI_COLUMNS, KPI_TABLE, NOTE_MARKER } from "./contract";
import { emptyPlan, type CellsStep, type NoteStep, type PlanValue, type WorkbookPlan } from "./plan";
import { tableOf, type WorkbookSnapshot } from "./snapshot";

/** What a provider types: actuals and commentaries by KPI id, spend and commentaries by budget line id. */
export interface ProviderInput {
  readonly kpis?: Readonly<Record<string, { readonly actual?: CellInput; readonly commentary?: string }>>;
  readonly budget?: Readonly<
    Record<string, { readonly spentToDate?: CellInput; readonly commentary?: string }>
  >;
}

/**
 * One typed value: a number read out of text is written as the number, with a note saying how it was read, as Excel
 * itself converts "1,883" or "95.83%" typed into a cell. `asTyped` keeps text exactly as it arrived (a pasted or
 * imported figure such as "£135, 640", which Excel leaves as text), so the engine's CLEANED finding reports it.
 */
function typedValue(raw: CellInput, asTyped = false): { value: PlanValue; note?: string } {
  if (raw === undefined || raw === null) return { value: null };
  if (asTyped && typeof raw === "string" && raw.trim() !== "") return { value: raw };
  if (raw instanceof Date) return { value: raw.toISOString().slice(0, 10) };
  const parsed = parseCell(raw);
  if (parsed.kind === "blank") return { value: null };
  if (parsed.kind === "number") {
    if (!parsed.cleaned) return { value: parsed.value };
    return {
      value: parsed.value,
      note: `${NOTE_MARKER} typed "${String(raw).trim()}", read as ${parsed.value}.`,
    };
  }
  return { value: typeof raw === "string" ? raw : String(raw) };
}

interface CellWrite {
  row: number;
  column: number;
  value: PlanValue;
}

/** Writes into contiguous runs of one column, so a long column of figures is one step. */
function columnRuns(sheet: string, writes: readonly CellWrite[]): CellsStep[] {
  const byColumn = new Map<number, CellWrite[]>();
  for (const w of writes) {
    const list = byColumn.get(w.column);
    if (list) list.push(w);
    else byColumn.set(w.column, [w]);
  }
  const steps: CellsStep[] = [];
  for (const [column, list] of byColumn) {
    const sorted = [...list].sort((a, b) => a.row - b.row);
    let run: CellWrite[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      steps.push({
        sheet,
        address: rangeAddress(run[0].row, column, run[run.length - 1].row, column),
        values: run.map((w) => [w.value]),
      });
      run = [];
    };
    for (const w of sorted) {
      if (run.length > 0 && w.row !== run[run.length - 1].row + 1) flush();
      run.push(w);
    }
    flush();
  }
  return steps;
}

/**
 * A provider's figures and commentaries written into the input cells of an existing return. With `asTyped`, text is
 * written verbatim (as a figure pasted from another document arrives) instead of being read as a number.
 */
export function planProviderInput(
  snapshot: WorkbookSnapshot,
  input: ProviderInput,
  options: { readonly asTyped?: boolean } = {},
): WorkbookPlan {
  const plan = emptyPlan();
  const cells: CellsStep[] = [];
  const notes: NoteStep[] = [];
  const clearNotes: WorkbookPlan["clearNotes"][number][] = [];
  const fill = (
    tableName: string,
    idHeader: string,
    entries: Readonly<Record<string, Readonly<Record<string, CellInput>>>> | undefined,
    columns: Readonly<Record<string, string>>,
  ): void => {
    const ids = Object.keys(entries ?? {});
    if (!entries || ids.length === 0) return;
    const table = tableOf(snapshot, tableName);
    if (!table) {
      throw new UserError(
        `The workbook has no ${tableName} table, so the provider's figures cannot be written into it.`,
      );
    }
    const corner = parseRange(table.address);
    if (!corner)
      throw new UserError(`The ${tableName} table's address "${table.address}" could not be read.`);
    const idColumn = table.headers.indexOf(idHeader);
    if (idColumn < 0) throw new UserError(`The ${tableName} table has no "${idHeader}" column.`, table.sheet);
    const rowOf = new Map<string, number>();
    table.values.forEach((row, i) => rowOf.set(String(row[idColumn] ?? "").trim(), i));
    const writes: CellWrite[] = [];
    for (const id of ids) {
      const row = rowOf.get(id);
      if (row === undefined) {
        throw new UserError(
          `The provider's figures name "${id}", which is not a row of the ${tableName} table.`,
          tableName,
        );
      }
      const sheetRow = corner.top + 1 + row;
      for (const [field, header] of Object.entries(columns)) {
        if (!(field in entries[id])) continue;
        const column = table.headers.indexOf(header);
        if (column < 0) throw new UserError(`The ${tableName} table has no "${header}" column.`, table.sheet);
        const isCommentary = header === KPI_COLUMNS.commentary;
        const raw = entries[id][field];
        const typed = isCommentary
          ? { value: raw === undefined || raw === null ? null : String(raw) }
          : typedValue(raw, options.asTyped === true);
        const cell = cellAddress(sheetRow, corner.left + column);
        writes.push({ row: sheetRow, column: corner.left + column, value: typed.value });
        if ("note" in typed && typed.note) notes.push({ sheet: table.sheet, cell, text: typed.note });
      }
    }
    const runs = columnRuns(table.sheet, writes);
    cells.push(...runs);
    // The add-in's old notes on the cells written no longer apply (how a previous figure was read).
    clearNotes.push(...runs.map((run) => ({ sheet: run.sheet, address: run.address })));
  };
  fill(KPI_TABLE, KPI_COLUMNS.id, input.kpis, {
    actual: KPI_COLUMNS.actual,
    commentary: KPI_COLUMNS.commentary,
  });
  fill(BUDGET_TABLE, BUDGET_COLUMNS.id, input.budget, {
    spentToDate: BUDGET_COLUMNS.spentToDate,
    commentary: BUDGET_COLUMNS.commentary,
  });
  return { ...plan, cells, clearNotes, notes };
}
