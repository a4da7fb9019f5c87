/**
 * The .xlsx executor (Node, ExcelJS): takes a snapshot of a return file and applies plans to it, for the command
 * line, the tests and the fixtures. It reads and writes exactly what the office-js executor does in Excel.
 */
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import { UserError } from "../core/errors";
import type { CellInput } from "../core/types";
import { cellAddress, parseRange } from "./a1";
import { isReturnTable, METADATA_SHEET, NOTE_MARKER } from "./contract";
import { writeFileAtomic } from "./atomic-write";
import { describeFsError } from "../core/file-errors";
import { noteContent } from "./notes";
import { describeContents, inspectPackage, type PackageContent } from "./package";
import { metadataColumn, metadataColumnValues, metadataFromGrid } from "./metadata";
import {
  refuseExistingTables,
  sheetsTouched,
  listValidation,
  validationBounds,
  type FormatStep,
  type PlanValue,
  type ValidationStep,
  type WorkbookPlan,
} from "./plan";
import type { TableSnapshot, WorkbookSnapshot } from "./snapshot";

export interface XlsxReturnWorkbook {
  /** What the file holds that this executor cannot write back; `save` refuses while there is any. */
  readonly notKept: readonly PackageContent[];
  snapshot(): WorkbookSnapshot;
  apply(plan: WorkbookPlan): void;
  save(path: string): Promise<void>;
  toBuffer(): Promise<Buffer>;
}

/** A cell's content as a snapshot holds it: its value (a formula's last result) and its formula text. */
export function readCell(cell: ExcelJS.Cell): { value: CellInput; formula: CellInput } {
  const raw = cell.value;
  if (raw === null || raw === undefined) return { value: null, formula: null };
  if (typeof raw === "number" || typeof raw === "string" || typeof raw === "boolean") {
    return { value: raw, formula: raw };
  }
  if (raw instanceof Date) return { value: raw, formula: raw };
  if (typeof raw === "object") {
    if ("formula" in raw || "sharedFormula" in raw) {
      // cell.result, not raw.result: ExcelJS leaves a result of 0 out of the value object.
      return { value: resultValue(cell.result), formula: `=${cell.formula}` };
    }
    if ("richText" in raw) {
      const text = raw.richText.map((part) => part.text).join("");
      return { value: text, formula: text };
    }
    if ("error" in raw) return { value: raw.error, formula: raw.error };
    if ("text" in raw) {
      const text = String((raw as { text: unknown }).text);
      return { value: text, formula: text };
    }
  }
  return { value: String(raw), formula: String(raw) };
}

function resultValue(result: unknown): CellInput {
  if (result === undefined || result === null) return null;
  if (typeof result === "number" || typeof result === "string" || typeof result === "boolean") return result;
  if (result instanceof Date) return result;
  if (typeof result === "object" && "error" in result) return String((result as { error: unknown }).error);
  return null;
}

/** The most a return table is read over, once clamped to its stored cells: a return has tens of rows and 13 columns. */
export const TABLE_LIMITS = { rows: 5000, columns: 100 } as const;

function toCellValue(value: PlanValue): ExcelJS.CellValue {
  if (typeof value === "string" && value.startsWith("="))
    return { formula: value.slice(1) } as ExcelJS.CellFormulaValue;
  return value;
}

function argb(hex: string): string {
  return "FF" + hex.replace(/^#/, "").toUpperCase();
}

function eachCell(
  ws: ExcelJS.Worksheet,
  address: string,
  visit: (cell: ExcelJS.Cell, r: number, c: number) => void,
): void {
  const range = parseRange(address);
  if (!range) throw new Error(`Plan address "${address}" is not an A1 address.`);
  for (let row = range.top; row <= range.bottom; row++) {
    for (let column = range.left; column <= range.right; column++) {
      visit(ws.getCell(row, column), row - range.top, column - range.left);
    }
  }
}

function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as unknown;
  if (note === undefined || note === null) return "";
  if (typeof note === "string") return note;
  const texts = (note as { texts?: { text: string }[] }).texts;
  return texts ? texts.map((t) => t.text).join("") : "";
}

/**
 * ExcelJS has no call that removes a note, and a cell read from a file also keeps its note in its value's model; so
 * the note field is cleared and the value written afresh (its style is kept apart and survives).
 */
function removeNote(cell: ExcelJS.Cell): void {
  const value = cell.value;
  (cell as unknown as { _comment?: unknown })._comment = undefined;
  cell.value = null;
  cell.value = value;
}

function applyFormat(cell: ExcelJS.Cell, step: FormatStep): void {
  // Cells read from a file can share one style object; copy it so a change touches this cell only.
  cell.style = { ...cell.style };
  if (step.numberFormat !== undefined) cell.numFmt = step.numberFormat;
  if (step.fill !== undefined) {
    cell.fill =
      step.fill === null
        ? { type: "pattern", pattern: "none" }
        : { type: "pattern", pattern: "solid", fgColor: { argb: argb(step.fill) } };
  }
  if (
    step.bold !== undefined ||
    step.italic !== undefined ||
    step.fontColour !== undefined ||
    step.fontSize !== undefined
  ) {
    cell.font = {
      ...(cell.font ?? {}),
      ...(step.bold !== undefined ? { bold: step.bold } : {}),
      ...(step.italic !== undefined ? { italic: step.italic } : {}),
      ...(step.fontSize !== undefined ? { size: step.fontSize } : {}),
      ...(step.fontColour !== undefined ? { color: { argb: argb(step.fontColour) } } : {}),
    };
  }
  if (step.wrap !== undefined || step.horizontalAlignment !== undefined) {
    cell.alignment = {
      ...(cell.alignment ?? {}),
      ...(step.wrap !== undefined ? { wrapText: step.wrap, vertical: "top" as const } : {}),
      ...(step.horizontalAlignment !== undefined ? { horizontal: step.horizontalAlignment } : {}),
    };
  }
  if (step.locked !== undefined) cell.protection = { ...(cell.protection ?? {}), locked: step.locked };
}

function toDataValidation(step: ValidationStep): ExcelJS.DataValidation {
  const rule = step.rule;
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    // The schema (ST_DataValidationErrorStyle) allows stop, warning and information; "stop" refuses the entry.
    errorStyle: "stop",
    errorTitle: step.alert.title,
    error: step.alert.message,
    ...(step.prompt
      ? { showInputMessage: true, promptTitle: step.prompt.title, prompt: step.prompt.message }
      : {}),
  } as const;
  if (rule.kind === "list") {
    const list = listValidation(rule.values, step.address);
    return list.kind === "list"
      ? { ...common, type: "list", formulae: [`"${list.source}"`] }
      : { ...common, type: "custom", formulae: [list.formula.slice(1)] };
  }
  const type = rule.kind === "wholeNumber" ? "whole" : "decimal";
  const bounds = validationBounds(rule);
  switch (bounds.operator) {
    case "between":
      return { ...common, type, operator: "between", formulae: [bounds.min, bounds.max] };
    case "atLeast":
      return { ...common, type, operator: "greaterThanOrEqual", formulae: [bounds.min] };
    case "atMost":
      return { ...common, type, operator: "lessThanOrEqual", formulae: [bounds.max] };
  }
}

class ExcelJsReturnWorkbook implements XlsxReturnWorkbook {
  /** Set once a plan writes a formula (a new return's computed cells): see toBuffer. */
  private wroteFormulas = false;

  constructor(
    private readonly workbook: ExcelJS.Workbook,
    /** The file as the user knows it, for messages. */
    private readonly name: string,
    /** What the file holds that a rewrite would lose (see package.ts); a save refuses rather than drop it. */
    readonly notKept: readonly PackageContent[] = [],
    /** The file asked to be computed when opened: a rewrite keeps asking (see toBuffer). */
    private readonly computeOnOpen = false,
  ) {
    for (const ws of workbook.worksheets) {
      for (const table of ws.getTables() as unknown as { table?: { style?: unknown } }[]) {
        // LibreOffice writes tables without a style element, and ExcelJS cannot write such a table back.
        const model = table.table;
        if (model && !model.style) {
          model.style = {
            theme: "TableStyleLight9",
            showRowStripes: true,
            showFirstColumn: false,
            showLastColumn: false,
            showColumnStripes: false,
          };
        }
      }
    }
  }

  snapshot(): WorkbookSnapshot {
    const tables: TableSnapshot[] = [];
    for (const ws of this.workbook.worksheets) {
      for (const table of ws.getTables() as unknown as {
        table: { name: string; tableRef?: string; ref?: string };
      }[]) {
        const model = table.table;
        if (!isReturnTable(model.name)) continue;
        const ref = model.tableRef ?? model.ref;
        const declared = ref ? parseRange(ref) : null;
        if (!declared) continue;
        const range = this.storedPart(ws, declared, model.name);
        const cell = (r: number, c: number): ExcelJS.Cell | undefined => ws.findCell(r, c);
        const headers: string[] = [];
        for (let c = range.left; c <= range.right; c++) {
          const found = cell(range.top, c);
          const v = found ? readCell(found).value : null;
          headers.push(v === null || v === undefined ? "" : String(v));
        }
        const values: CellInput[][] = [];
        const formulas: CellInput[][] = [];
        for (let r = range.top + 1; r <= range.bottom; r++) {
          const rowValues: CellInput[] = [];
          const rowFormulas: CellInput[] = [];
          for (let c = range.left; c <= range.right; c++) {
            const found = cell(r, c);
            const read = found ? readCell(found) : { value: null, formula: null };
            rowValues.push(read.value);
            rowFormulas.push(read.formula);
          }
          values.push(rowValues);
          formulas.push(rowFormulas);
        }
        tables.push({
          name: model.name,
          sheet: ws.name,
          address: `${cellAddress(range.top, range.left)}:${cellAddress(range.bottom, range.right)}`,
          headers,
          values,
          formulas,
        });
      }
    }
    const metaSheet = this.workbook.getWorksheet(METADATA_SHEET);
    let metadata: Record<string, string> | null = null;
    if (metaSheet) {
      // Only the cells stored are read (a cell at XFD1048576 costs one cell, not a million rows); rows in between
      // add nothing to a key's value, and row 1 names the keys. Sparse rows keep a far-right cell from costing a
      // column per row.
      const header: unknown[] = [];
      const rows: unknown[][] = [header];
      metaSheet.eachRow((row, r) => {
        const target: unknown[] = r === 1 ? header : [];
        row.eachCell((cell, c) => {
          target[c - 1] = readCell(cell).value;
        });
        if (r !== 1) rows.push(target);
      });
      metadata = metadataFromGrid(rows);
    }
    return { sheets: this.workbook.worksheets.map((ws) => ws.name), tables, metadata };
  }

  /**
   * The part of a table's declared range that holds stored cells: a table declared as A5:XFD1048576 is read up to its
   * last stored row and column, never cell by cell over its declared size. A table still larger than a return's
   * table can be is refused, naming the file and the limit.
   */
  private storedPart(
    ws: ExcelJS.Worksheet,
    declared: { top: number; left: number; bottom: number; right: number },
    table: string,
  ): { top: number; left: number; bottom: number; right: number } {
    let bottom = declared.top;
    let right = declared.left;
    ws.eachRow((row, r) => {
      if (r < declared.top || r > declared.bottom) return;
      row.eachCell((_cell, c) => {
        if (c < declared.left || c > declared.right) return;
        if (r > bottom) bottom = r;
        if (c > right) right = c;
      });
    });
    const rows = bottom - declared.top;
    const columns = right - declared.left + 1;
    if (rows > TABLE_LIMITS.rows || columns > TABLE_LIMITS.columns) {
      throw new UserError(
        `"${this.name}": the ${table} table on sheet "${ws.name}" holds ${rows.toLocaleString("en-GB")} rows and ` +
          `${columns.toLocaleString("en-GB")} columns, more than a return's table may have ` +
          `(${TABLE_LIMITS.rows.toLocaleString("en-GB")} rows, ${TABLE_LIMITS.columns} columns), so it was not read.`,
        this.name,
      );
    }
    return { top: declared.top, left: declared.left, bottom, right };
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new UserError(`The workbook has no sheet "${name}".`, name);
    return ws;
  }

  apply(plan: WorkbookPlan): void {
    const wb = this.workbook;
    for (const step of plan.sheets) {
      const ws = wb.getWorksheet(step.name) ?? wb.addWorksheet(step.name);
      if (step.tabColour) ws.properties.tabColor = { argb: argb(step.tabColour) };
    }
    if (plan.metadata && !wb.getWorksheet(METADATA_SHEET))
      wb.addWorksheet(METADATA_SHEET, { state: "veryHidden" });
    // Sheets written to are unprotected while the plan runs, then protected again unless the plan says otherwise.
    const wasProtected = new Set<string>();
    for (const name of sheetsTouched(plan)) {
      const ws = this.sheet(name);
      if ((ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection?.sheet)
        wasProtected.add(name);
      ws.unprotect();
    }
    refuseExistingTables(
      plan,
      wb.worksheets.flatMap((ws) =>
        (ws.getTables() as unknown as { table: { name: string } }[]).map((t) => t.table.name),
      ),
    );
    for (const step of plan.cells) {
      const ws = this.sheet(step.sheet);
      eachCell(ws, step.address, (cell, r, c) => {
        const value = step.values[r]?.[c] ?? null;
        if (typeof value === "string" && value.startsWith("=")) this.wroteFormulas = true;
        cell.value = toCellValue(value);
      });
    }
    for (const step of plan.tables) {
      const ws = this.sheet(step.sheet);
      const range = parseRange(step.address);
      if (!range) throw new Error(`Plan address "${step.address}" is not an A1 address.`);
      const rows: ExcelJS.CellValue[][] = [];
      for (let r = range.top + 1; r <= range.bottom; r++) {
        const row: ExcelJS.CellValue[] = [];
        for (let c = range.left; c <= range.right; c++) row.push(ws.getCell(r, c).value);
        rows.push(row);
      }
      ws.addTable({
        name: step.name,
        displayName: step.name,
        ref: cellAddress(range.top, range.left),
        headerRow: true,
        style: { theme: step.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
        columns: step.headers.map((name) => ({ name, filterButton: true })),
        rows,
      } as ExcelJS.TableProperties);
    }
    for (const step of plan.numberFormats) {
      eachCell(this.sheet(step.sheet), step.address, (cell, r, c) => {
        cell.style = { ...cell.style, numFmt: step.formats[r]?.[c] ?? "General" };
      });
    }
    for (const step of plan.formats)
      eachCell(this.sheet(step.sheet), step.address, (cell) => applyFormat(cell, step));
    for (const step of plan.validations) {
      const validation = toDataValidation(step);
      eachCell(this.sheet(step.sheet), step.address, (cell) => {
        cell.dataValidation = validation;
      });
    }
    for (const step of plan.widths) this.sheet(step.sheet).getColumn(step.column).width = step.width;
    for (const step of plan.freezes) {
      this.sheet(step.sheet).views = [{ state: "frozen", xSplit: 0, ySplit: step.rows }];
    }
    for (const step of plan.clearNotes) {
      eachCell(this.sheet(step.sheet), step.address, (cell) => {
        if (noteText(cell).startsWith(NOTE_MARKER)) removeNote(cell);
      });
    }
    for (const step of plan.notes) {
      this.sheet(step.sheet).getCell(step.cell).note = noteContent(step.sheet, step.cell, step.text);
    }
    if (plan.metadata) this.writeMetadata(plan.metadata);
    const protect = new Map<string, boolean>([...wasProtected].map((name) => [name, true]));
    for (const step of plan.protection) protect.set(step.sheet, step.protect);
    for (const [name, on] of protect) {
      const ws = this.sheet(name);
      if (on) {
        // No password: protection guards against slips, not people (a password would have to ship in the add-in).
        void ws.protect("", {
          selectLockedCells: true,
          selectUnlockedCells: true,
          formatColumns: true,
          formatRows: true,
        });
      } else {
        ws.unprotect();
      }
    }
    for (const step of plan.sheets) this.sheet(step.name).state = step.visibility;
    if (plan.activate) {
      const index = wb.worksheets.findIndex((ws) => ws.name === plan.activate);
      if (index >= 0)
        wb.views = [
          { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: index, visibility: "visible" },
        ];
    }
  }

  /** Replaces each named key's column (null clears it); other keys' columns are left as they are. */
  private writeMetadata(changes: Readonly<Record<string, string | null>>): void {
    const ws = this.sheet(METADATA_SHEET);
    for (const [key, value] of Object.entries(changes)) {
      const column = metadataColumn(key);
      // Stored cells only: a hostile cell far down the sheet must not make this loop a million rows long.
      ws.eachRow((row) => {
        const cell = row.findCell(column);
        if (cell) cell.value = null;
      });
      if (value === null) continue;
      metadataColumnValues(key, value).forEach((text, i) => {
        ws.getCell(i + 1, column).value = text;
      });
      ws.getColumn(column).width = 24;
    }
  }

  async save(path: string): Promise<void> {
    if (this.notKept.length > 0) throw new UserError(cannotKeepMessage(this.name, this.notKept), this.name);
    const buffer = await this.toBuffer();
    try {
      await writeFileAtomic(path, buffer);
    } catch (err) {
      throw new UserError(`Could not write "${path}": ${describeFsError(err)}.`, path);
    }
  }

  async toBuffer(): Promise<Buffer> {
    // Formulas this executor wrote have no stored result, so Excel and LibreOffice are told to compute every formula
    // when the file opens, as they were when the file itself asked to be. A provider's file saved by Excel or Calc
    // (which store results) is not: a formula typed into it (a WEBSERVICE call, a DDE link) must not be run by the
    // officer's spreadsheet because the add-in rewrote the file.
    if (this.wroteFormulas || this.computeOnOpen) this.workbook.calcProperties.fullCalcOnLoad = true;
    const out = await this.workbook.xlsx.writeBuffer();
    return Buffer.from(out as ArrayBuffer);
  }
}

/** Why a workbook holding what this executor cannot write back is left untouched, naming what it holds. */
export function cannotKeepMessage(name: string, notKept: readonly PackageContent[]): string {
  return (
    `"${name}" holds ${describeContents(notKept)}, which the command line cannot keep when it writes the workbook, ` +
    "so nothing was written. Make the change in Excel with the KPI Returns add-in, or remove what is named and try again."
  );
}

/** Opens a return workbook. A missing, unreadable or non-xlsx file is a UserError naming the file. */
export async function openXlsx(path: string): Promise<XlsxReturnWorkbook> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(path);
  } catch (err) {
    throw new UserError(`Could not open "${path}": ${describeFsError(err)}.`, path);
  }
  return xlsxFromBuffer(buffer, path);
}

/** Reads a workbook already in memory; `name` is used in error messages. */
export async function xlsxFromBuffer(
  buffer: Buffer | ArrayBuffer | Uint8Array,
  name = "the workbook",
): Promise<XlsxReturnWorkbook> {
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : buffer;
  // The package is looked at first: what is not a workbook is named, hostile sizes are refused in bounded time.
  const inspected = await inspectPackage(bytes, name);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(inspected.bytes as unknown as ArrayBuffer);
  } catch {
    throw new UserError(
      `"${name}" could not be read as an Excel workbook: the file is damaged or incomplete.`,
      name,
    );
  }
  return new ExcelJsReturnWorkbook(workbook, name, inspected.notKept, inspected.fullCalcOnLoad);
}

/** An empty workbook, ready for a new return's plan. */
export function newXlsx(): XlsxReturnWorkbook {
  return new ExcelJsReturnWorkbook(new ExcelJS.Workbook(), "the new return");
}
