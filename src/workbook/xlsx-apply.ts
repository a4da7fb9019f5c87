/**
 * Applying a WorkbookPlan to an ExcelJS workbook, step by step in the plan's order: sheets, cells, tables, formats,
 * validation, notes, metadata, protection and visibility. What office-js does in Excel, done to a file.
 */
import ExcelJS from "exceljs";
import { UserError } from "../core/errors";
import { cellAddress, parseRange } from "./a1";
import { METADATA_SHEET, NOTE_MARKER } from "./contract";
import { metadataColumn, metadataColumnValues } from "./metadata";
import { noteContent } from "./notes";
import { listValidation, refuseExistingTables, sheetsTouched, validationBounds } from "./plan";
import type { FormatStep, PlanValue, ValidationStep, WorkbookPlan } from "./plan";

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

/** The named sheet, or a UserError naming it. */
function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new UserError(`The workbook has no sheet "${name}".`, name);
  return ws;
}

/** The plan's sheets made, and the metadata sheet when the plan writes metadata. */
function addSheets(wb: ExcelJS.Workbook, plan: WorkbookPlan): void {
  for (const step of plan.sheets) {
    const ws = wb.getWorksheet(step.name) ?? wb.addWorksheet(step.name);
    if (step.tabColour) ws.properties.tabColor = { argb: argb(step.tabColour) };
  }
  if (plan.metadata && !wb.getWorksheet(METADATA_SHEET))
    wb.addWorksheet(METADATA_SHEET, { state: "veryHidden" });
}

/** Sheets written to are unprotected while the plan runs; returns those that were protected, to protect again. */
function unprotectTouched(wb: ExcelJS.Workbook, plan: WorkbookPlan): Set<string> {
  const wasProtected = new Set<string>();
  for (const name of sheetsTouched(plan)) {
    const ws = sheetOf(wb, name);
    if ((ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection?.sheet)
      wasProtected.add(name);
    ws.unprotect();
  }
  return wasProtected;
}

/** The plan's cell values; `onFormula` is told when one is a formula. */
function writeCells(wb: ExcelJS.Workbook, plan: WorkbookPlan, onFormula: () => void): void {
  for (const step of plan.cells) {
    eachCell(sheetOf(wb, step.sheet), step.address, (cell, r, c) => {
      const value = step.values[r]?.[c] ?? null;
      if (typeof value === "string" && value.startsWith("=")) onFormula();
      cell.value = toCellValue(value);
    });
  }
}

/** Each planned table made over the cells already written (ExcelJS takes a table's rows as values). */
function addTables(wb: ExcelJS.Workbook, plan: WorkbookPlan): void {
  for (const step of plan.tables) {
    const ws = sheetOf(wb, step.sheet);
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
}

/** Number formats, formats, data validation, column widths and frozen panes. */
function formatCells(wb: ExcelJS.Workbook, plan: WorkbookPlan): void {
  for (const step of plan.numberFormats) {
    eachCell(sheetOf(wb, step.sheet), step.address, (cell, r, c) => {
      cell.style = { ...cell.style, numFmt: step.formats[r]?.[c] ?? "General" };
    });
  }
  for (const step of plan.formats)
    eachCell(sheetOf(wb, step.sheet), step.address, (cell) => applyFormat(cell, step));
  for (const step of plan.validations) {
    const validation = toDataValidation(step);
    eachCell(sheetOf(wb, step.sheet), step.address, (cell) => {
      cell.dataValidation = validation;
    });
  }
  for (const step of plan.widths) sheetOf(wb, step.sheet).getColumn(step.column).width = step.width;
  for (const step of plan.freezes) {
    sheetOf(wb, step.sheet).views = [{ state: "frozen", xSplit: 0, ySplit: step.rows }];
  }
}

/** Our earlier notes cleared where the plan says, then the plan's notes written. */
function writeNotes(wb: ExcelJS.Workbook, plan: WorkbookPlan): void {
  for (const step of plan.clearNotes) {
    eachCell(sheetOf(wb, step.sheet), step.address, (cell) => {
      if (noteText(cell).startsWith(NOTE_MARKER)) removeNote(cell);
    });
  }
  for (const step of plan.notes) {
    sheetOf(wb, step.sheet).getCell(step.cell).note = noteContent(step.sheet, step.cell, step.text);
  }
}

/** Sheets protected again as they were, or as the plan says. */
function protectSheets(wb: ExcelJS.Workbook, plan: WorkbookPlan, wasProtected: ReadonlySet<string>): void {
  const protect = new Map<string, boolean>([...wasProtected].map((name) => [name, true]));
  for (const step of plan.protection) protect.set(step.sheet, step.protect);
  for (const [name, on] of protect) {
    const ws = sheetOf(wb, name);
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
}

/** Each sheet's visibility, and the sheet the workbook opens on. */
function showSheets(wb: ExcelJS.Workbook, plan: WorkbookPlan): void {
  for (const step of plan.sheets) sheetOf(wb, step.name).state = step.visibility;
  if (plan.activate) {
    const index = wb.worksheets.findIndex((ws) => ws.name === plan.activate);
    if (index >= 0)
      wb.views = [
        { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: index, visibility: "visible" },
      ];
  }
}

/** Applies `plan` to `wb` in the plan's order; `onFormula` is told when a formula is written. */
export function applyPlan(wb: ExcelJS.Workbook, plan: WorkbookPlan, onFormula: () => void): void {
  addSheets(wb, plan);
  const wasProtected = unprotectTouched(wb, plan);
  refuseExistingTables(
    plan,
    wb.worksheets.flatMap((ws) =>
      (ws.getTables() as unknown as { table: { name: string } }[]).map((t) => t.table.name),
    ),
  );
  writeCells(wb, plan, onFormula);
  addTables(wb, plan);
  formatCells(wb, plan);
  writeNotes(wb, plan);
  if (plan.metadata) writeMetadata(wb, plan.metadata);
  protectSheets(wb, plan, wasProtected);
  showSheets(wb, plan);
}

/** Replaces each named key's column (null clears it); other keys' columns are left as they are. */
function writeMetadata(wb: ExcelJS.Workbook, changes: Readonly<Record<string, string | null>>): void {
  const ws = sheetOf(wb, METADATA_SHEET);
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
