/**
 * Template workbooks as .xlsx files (Node, ExcelJS): write a template with its plan, and read a file's four sheets
 * back as cells for core to check. The file is untrusted: it is size-checked before it is opened, only the four
 * named sheets are read, and only up to the rows a template may have.
 */
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import { UserError } from "../core/errors";
import { TEMPLATE_LIMITS } from "../core/template-vocabulary";
import { FIRST_DATA_ROW, SHEET_FIELDS, SPARE_ROWS, TEMPLATE_SHEETS } from "../core/template-sheets";
import { templateFromSheets, type TemplateGrid, type TemplateRead } from "../core/template-sheets-read";
import type { CellInput, KpiTemplate } from "../core/types";
import { describeFsError } from "../core/file-errors";
import { planTemplateWorkbook } from "./template-layout";
import { newXlsx } from "./xlsx";
import { readCell } from "./xlsx-snapshot";

/** A template workbook is a few sheets of text: anything this big is not one (and is not unzipped to find out). */
export const MAX_TEMPLATE_WORKBOOK_BYTES = 5 * 1024 * 1024;

/** Rows read per sheet: the most items any list may hold, past the data row, with room for blank rows between. */
const MAX_ROWS_READ =
  FIRST_DATA_ROW +
  Math.max(TEMPLATE_LIMITS.kpis, TEMPLATE_LIMITS.rules, TEMPLATE_LIMITS.budgetLines) +
  SPARE_ROWS * 5;

/** The template as an .xlsx template workbook, in memory. */
export async function templateWorkbookBuffer(template: KpiTemplate): Promise<Buffer> {
  const workbook = newXlsx();
  workbook.apply(planTemplateWorkbook(template));
  return workbook.toBuffer();
}

/** Reads the four sheets' cells. A file that is not an .xlsx, or too big, is a UserError naming it. */
export async function readTemplateGrid(file: string, shown = file): Promise<TemplateGrid> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_TEMPLATE_WORKBOOK_BYTES) {
      throw new UserError(
        `"${shown}" is ${(stat.size / 1024 / 1024).toFixed(1)} MB; a template workbook is at most ${MAX_TEMPLATE_WORKBOOK_BYTES / 1024 / 1024} MB.`,
        shown,
      );
    }
    bytes = await fs.readFile(file);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`Could not open "${shown}": ${describeFsError(err)}.`, shown);
  }
  return templateGridFromBuffer(bytes, shown);
}

export async function templateGridFromBuffer(bytes: Uint8Array, shown: string): Promise<TemplateGrid> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new UserError(`"${shown}" is not an Excel .xlsx workbook.`, shown);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UserError(
      `"${shown}" could not be read as an Excel workbook: the file is damaged or incomplete.`,
      shown,
    );
  }
  const grid: Record<string, CellInput[][]> = {};
  for (const name of TEMPLATE_SHEETS) {
    const ws = workbook.getWorksheet(name);
    if (!ws) continue;
    const width = name === "Template" ? 3 : SHEET_FIELDS[name].fields.length + 4;
    const rows: CellInput[][] = [];
    const last = Math.min(ws.rowCount, MAX_ROWS_READ);
    for (let r = 1; r <= last; r++) {
      const row: CellInput[] = [];
      for (let c = 1; c <= width; c++) row.push(readCell(ws.getCell(r, c)).value);
      rows.push(row);
    }
    for (let r = last + 1; r <= ws.rowCount; r++) {
      if (ws.getRow(r).hasValues) {
        throw new UserError(
          `"${shown}": the sheet "${name}" has entries below row ${last}, more than any template may hold (at most ${TEMPLATE_LIMITS.kpis} KPIs, ${TEMPLATE_LIMITS.rules} rules, ${TEMPLATE_LIMITS.budgetLines} budget lines).`,
          `${name}!A${r}`,
        );
      }
    }
    grid[name] = rows;
  }
  return grid;
}

/** Reads and checks a template workbook file: the template, or every problem by sheet and cell. */
export async function readTemplateWorkbook(file: string, shown = file): Promise<TemplateRead> {
  return templateFromSheets(await readTemplateGrid(file, shown), shown);
}
