/**
 * The office-js executor: reads a return's snapshot and applies plans inside Excel, in a small fixed number of round
 * trips whatever the return's size (reading: 2 context.sync calls, more only past Excel on the web's 5 MB response
 * limit; applying: 2, more only past its 5 MB request limit). Loads are batched, nothing syncs in a loop, and
 * calculation is suspended while writing. Every batch waits while the user is typing in a cell (delayForCellEdit),
 * text is written as text (number format "@"), tables exist before the formulas that name them, and highlights are
 * written without touching sheet protection, so live checking never clears the provider's undo.
 */
import { UserError, technicalDetail } from "../core/errors";
import type { CellInput, Location } from "../core/types";
import { columnLetter, parseRange, qualified, rangeAddress } from "./a1";
import { BUDGET_SHEET, isReturnTable, KPI_SHEET, METADATA_SHEET, NOTE_MARKER } from "./contract";
import { noteCell, noteContent } from "./notes";
import { metadataColumn, metadataColumnValues, metadataFromGrid } from "./metadata";
import {
  listValidation,
  refuseExistingTables,
  sheetsTouched,
  validationBounds,
  type FormatStep,
  type PlanValue,
  type ValidationStep,
  type WorkbookPlan,
} from "./plan";
import type { TableSnapshot, WorkbookSnapshot } from "./snapshot";
import type { ReturnEdit, RowRead } from "./live";

type A1Range = NonNullable<ReturnType<typeof parseRange>>;

/** Excel on the web refuses requests over 5 MB; plans are cut into requests below this, with room for overhead. */
export const REQUEST_LIMIT_BYTES = 4_500_000;

/**
 * Cells (values and formulas each count) read per request when a return is too large to read at once: about
 * 1.5 MB of figures and commentary of a few hundred characters; a part that still passes Excel on the web's 5 MB response limit (very
 * long commentary) is read again in halves.
 */
export const READ_CELLS_PER_REQUEST = 20_000;

/**
 * Excel.run with `delayForCellEdit`: a batch that arrives while the user is typing in a cell waits until they finish
 * instead of failing (Excel.RunOptions; an Excel without ExcelApi 1.11 ignores the option and may still fail, which
 * live checking reports and retries with the next edit).
 */
function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run({ delayForCellEdit: true }, batch);
}

function responseTooLarge(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "ResponsePayloadSizeLimitExceeded";
}

/** Whether the running Excel supports an ExcelApi requirement set (false outside Office). */
function supports(version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context.requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/** Drops the sheet from an office-js address: "'KPIs'!A5:M11" → "A5:M11". */
function bareAddress(address: string): string {
  return address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
}

/** office-js gives "" for an empty cell; snapshots hold null, as ExcelJS reads it. */
function cellInput(value: unknown): CellInput {
  if (value === "" || value === undefined || value === null) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

function grid<T>(rows: unknown[][] | undefined, map: (v: unknown) => T): T[][] {
  return (rows ?? []).map((row) => row.map(map));
}

/**
 * What Excel's error codes (OfficeExtension.ErrorCodes) mean for someone using the return, as a phrase that fits
 * after "Could not read the return: ". Excel's own messages are technical and sometimes localised, so none is shown.
 */
const EXCEL_ERROR_PHRASES: Readonly<Record<string, string>> = {
  ItemNotFound: "part of the return (a sheet or table) is missing; use the return workbook you were sent",
  InvalidArgument: "Excel did not accept a value the add-in gave it (a sheet or table may have been renamed)",
  InvalidReference: "a sheet, table or cell the return needs is no longer where it was",
  InvalidOperation:
    "Excel refused the change (is a cell being edited, or the sheet protected with a password?)",
  InvalidOperationInCellEditMode: "a cell is being edited; press Enter or Esc, then try again",
  AccessDenied:
    "Excel refused the change (is the workbook read-only, or the sheet protected with a password?)",
  GeneralException: "Excel reported an internal problem; save the workbook, then try again",
  RequestPayloadSizeLimitExceeded: "the change was too large for Excel to accept in one go",
  ResponsePayloadSizeLimitExceeded: "the return is too large for Excel to send in one go",
  ActivityLimitReached: "Excel is busy; wait a moment, then try again",
  ServiceNotAvailable: "Excel is busy; wait a moment, then try again",
  RequestAborted: "Excel stopped the request (was the workbook closed or reloaded?)",
  Conflict: "someone else changed the workbook at the same moment; try again",
  ItemAlreadyExists: "a sheet or table the add-in adds is already there",
  ApiNotFound:
    "this version of Excel lacks a feature the add-in needs; update Office or use Excel on the web",
  NotImplemented:
    "this version of Excel lacks a feature the add-in needs; update Office or use Excel on the web",
  UnsupportedOperation:
    "this version of Excel lacks a feature the add-in needs; update Office or use Excel on the web",
  Unauthenticated: "Excel asked for sign-in again; save the workbook, reopen it, then try again",
};

/**
 * Describes office-js failures in plain words (the one place for Excel's errors, see src/core/errors.ts). An unknown
 * code or a failure of the add-in's own gets a generic phrase; its raw text goes to the console only.
 */
export function plainError(err: unknown, doing: string): UserError {
  if (err instanceof UserError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const known = typeof code === "string" ? EXCEL_ERROR_PHRASES[code] : undefined;
  if (!known) console.error(`Excel failure while trying to ${doing}:`, technicalDetail(err));
  const detail =
    known ?? "Excel reported a problem the add-in did not expect; save the workbook, then try again";
  return new UserError(`Could not ${doing}: ${detail}.`);
}

interface TableReads {
  readonly name: string;
  readonly sheet: Excel.Worksheet;
  readonly range: Excel.Range;
}

interface TableGrid {
  readonly values: unknown[][];
  readonly formulas: unknown[][];
}

/**
 * Reads a rectangle's values and formulas in parts of at most `rowsPerPart` rows, one sync each, halving a part whose
 * response still passes the limit.
 */
async function readInParts(
  context: Excel.RequestContext,
  sheet: string,
  box: A1Range,
  rowsPerPart: number,
): Promise<TableGrid> {
  const values: unknown[][] = [];
  const formulas: unknown[][] = [];
  let top = box.top;
  let rows = Math.max(1, rowsPerPart);
  while (top <= box.bottom) {
    const bottom = Math.min(box.bottom, top + rows - 1);
    const range = context.workbook.worksheets
      .getItem(sheet)
      .getRange(rangeAddress(top, box.left, bottom, box.right))
      .load(["values", "formulas"]);
    try {
      // One sync per part: more than one only when a return is larger than Excel on the web sends at once.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (err) {
      if (responseTooLarge(err) && rows > 1) {
        rows = Math.ceil(rows / 2);
        continue;
      }
      throw err;
    }
    values.push(...range.values);
    formulas.push(...range.formulas);
    top = bottom + 1;
  }
  return { values, formulas };
}

/**
 * One snapshot of the return: 2 context.sync calls whatever its size, unless Excel refuses the answer as too large
 * (over 5 MB on the web): then each table is read again in parts of READ_CELLS_PER_REQUEST cells.
 */
export async function readSnapshot(): Promise<WorkbookSnapshot> {
  try {
    return await run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      const returnTables = tables.items.filter((t) => isReturnTable(t.name));
      const reads: TableReads[] = returnTables.map((t) => ({
        name: t.name,
        sheet: t.worksheet.load("name"),
        range: t.getRange().load(["address", "values", "formulas"]),
      }));
      const hasMetadata = sheets.items.some((s) => s.name === METADATA_SHEET);
      const metadataRange = () =>
        context.workbook.worksheets.getItem(METADATA_SHEET).getUsedRange(true).load(["values"]);
      let metadata = hasMetadata ? metadataRange() : null;
      let grids: { sheet: string; address: string; grid: TableGrid }[];
      try {
        await context.sync();
        grids = reads.map((r) => ({
          sheet: r.sheet.name,
          address: r.range.address,
          grid: { values: r.range.values, formulas: r.range.formulas },
        }));
      } catch (err) {
        if (!responseTooLarge(err)) throw err;
        const located = returnTables.map((t) => ({
          sheet: t.worksheet.load("name"),
          range: t.getRange().load(["address", "columnCount"]),
        }));
        metadata = hasMetadata ? metadataRange() : null;
        await context.sync();
        grids = [];
        for (const { sheet, range } of located) {
          const box = parseRange(bareAddress(range.address));
          if (!box) throw new UserError(`The address of a table on sheet "${sheet.name}" could not be read.`);
          const rowsPerPart = Math.floor(READ_CELLS_PER_REQUEST / (2 * range.columnCount));
          grids.push({
            sheet: sheet.name,
            address: range.address,
            grid: await readInParts(context, sheet.name, box, rowsPerPart),
          });
        }
      }
      const snapshots: TableSnapshot[] = reads.map((read, i) => {
        const values = grid(grids[i].grid.values, cellInput);
        const formulas = grid(grids[i].grid.formulas, cellInput);
        return {
          name: read.name,
          sheet: grids[i].sheet,
          address: bareAddress(grids[i].address),
          headers: (values[0] ?? []).map((h) => (h === null ? "" : String(h))),
          values: values.slice(1),
          formulas: formulas.slice(1),
        };
      });
      return {
        sheets: sheets.items.map((s) => s.name),
        tables: snapshots,
        metadata: metadata ? metadataFromGrid(metadata.values) : null,
      };
    });
  } catch (err) {
    throw plainError(err, "read the return");
  }
}

/** A queued change to the workbook and roughly how many bytes it adds to the request. */
interface Op {
  readonly bytes: number;
  readonly run: () => void;
}

const OP_OVERHEAD = 200;

function size(value: unknown): number {
  return JSON.stringify(value ?? null).length + OP_OVERHEAD;
}

function filled<T>(address: string, value: T): T[][] {
  const r = parseRange(address);
  if (!r) throw new Error(`Plan address "${address}" is not an A1 address.`);
  return Array.from({ length: r.bottom - r.top + 1 }, () =>
    Array.from({ length: r.right - r.left + 1 }, () => value),
  );
}

// String values, not Excel's enums: this module must load where no Excel global exists (Node, tests).
const ALIGN = { left: "Left", center: "Center", right: "Right" } as const;

function formatRange(range: Excel.Range, step: FormatStep): void {
  if (step.numberFormat !== undefined) range.numberFormat = filled(step.address, step.numberFormat);
  if (step.fill === null) range.format.fill.clear();
  else if (step.fill !== undefined) range.format.fill.color = step.fill;
  if (step.bold !== undefined) range.format.font.bold = step.bold;
  if (step.italic !== undefined) range.format.font.italic = step.italic;
  if (step.fontColour !== undefined) range.format.font.color = step.fontColour;
  if (step.fontSize !== undefined) range.format.font.size = step.fontSize;
  if (step.wrap !== undefined) range.format.wrapText = step.wrap;
  if (step.horizontalAlignment !== undefined)
    range.format.horizontalAlignment = ALIGN[step.horizontalAlignment];
  if (step.locked !== undefined) range.format.protection.locked = step.locked;
}

function validationRule(step: ValidationStep): Excel.DataValidationRule {
  const rule = step.rule;
  if (rule.kind === "list") {
    const list = listValidation(rule.values, step.address);
    return list.kind === "list"
      ? { list: { inCellDropDown: true, source: list.source } }
      : { custom: { formula: list.formula } };
  }
  const bounds = validationBounds(rule);
  const basic: Excel.BasicDataValidation =
    bounds.operator === "between"
      ? { formula1: bounds.min, formula2: bounds.max, operator: "Between" }
      : bounds.operator === "atLeast"
        ? { formula1: bounds.min, operator: "GreaterThanOrEqualTo" }
        : { formula1: bounds.max, operator: "LessThanOrEqualTo" };
  return rule.kind === "wholeNumber" ? { wholeNumber: basic } : { decimal: basic };
}

/** Points for a width in characters of the default font (about 7 pixels each, plus padding; 0.75 point a pixel). */
export function columnPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

function inRange(r: ReturnType<typeof parseRange>, row: number, column: number): boolean {
  return r !== null && row >= r.top && row <= r.bottom && column >= r.left && column <= r.right;
}

/** Splits a cells step by rows so no single write is larger than a request may be. */
function splitCells(step: WorkbookPlan["cells"][number]): WorkbookPlan["cells"][number][] {
  const total = size(step.values);
  const r = parseRange(step.address);
  if (total <= REQUEST_LIMIT_BYTES / 4 || !r || step.values.length < 2) return [step];
  const rowsPerPart = Math.max(
    1,
    Math.floor(step.values.length / Math.ceil(total / (REQUEST_LIMIT_BYTES / 4))),
  );
  const parts: WorkbookPlan["cells"][number][] = [];
  for (let at = 0; at < step.values.length; at += rowsPerPart) {
    const rows = step.values.slice(at, at + rowsPerPart);
    parts.push({
      ...step,
      address: rangeAddress(r.top + at, r.left, r.top + at + rows.length - 1, r.right),
      values: rows,
    });
  }
  return parts;
}

/** Text the plan writes into a cell (not a formula, not empty): Excel must keep it as typed. */
function isText(value: PlanValue): value is string {
  return typeof value === "string" && value !== "" && !value.startsWith("=");
}

function isFormula(value: PlanValue): boolean {
  return typeof value === "string" && value.startsWith("=");
}

/**
 * The cells a plan writes, in the order Excel needs: number format "@" first on cells that get text (Excel reads
 * "-5 fewer referrals" as a formula and "50%" or "1/2" as numbers in any other cell: Range.values), then constants,
 * and formulas last, once the tables they name exist. null in a grid leaves that cell as it is ("Null input in 2-D
 * array", Excel JavaScript API performance optimization).
 */
function cellPhases(step: WorkbookPlan["cells"][number]): {
  readonly textFormats: (string | null)[][] | null;
  readonly constants: (string | number | boolean | null)[][];
  readonly formulas: (string | null)[][] | null;
} {
  const texts = step.values.some((row) => row.some(isText));
  const formulas = step.values.some((row) => row.some(isFormula));
  return {
    textFormats: texts ? step.values.map((row) => row.map((v) => (isText(v) ? "@" : null))) : null,
    constants: step.values.map((row) => row.map((v) => (v === null ? "" : isFormula(v) ? null : v))),
    formulas: formulas
      ? step.values.map((row) => row.map((v) => (isFormula(v) ? (v as string) : null)))
      : null,
  };
}

/**
 * Whether a plan only highlights on `sheet` (fills, number formats, notes): what a protected sheet allows without
 * unprotecting when its protection lets users format cells and edit objects (notes).
 */
function highlightsOnly(plan: WorkbookPlan, sheet: string): { formats: boolean; notes: boolean } | null {
  const on = <T extends { sheet: string }>(steps: readonly T[]) => steps.some((s) => s.sheet === sheet);
  const heavy =
    on(plan.cells) ||
    on(plan.tables) ||
    on(plan.validations) ||
    on(plan.widths) ||
    on(plan.freezes) ||
    plan.protection.some((p) => p.sheet === sheet) ||
    plan.sheets.some((p) => p.name === sheet) ||
    (plan.metadata !== undefined && plan.metadata !== null && sheet === METADATA_SHEET) ||
    plan.formats.some((f) => f.sheet === sheet && f.locked !== undefined);
  if (heavy) return null;
  return {
    formats: on(plan.formats) || on(plan.numberFormats),
    notes: on(plan.notes) || on(plan.clearNotes),
  };
}

/**
 * Sheet protection as the add-in sets it: no password (it guards against slips, not people: a password would have to
 * ship in the add-in); formatting cells and editing objects (notes) stay allowed so highlights can be rewritten
 * without unprotecting, which would clear the provider's undo ("Undo support with the Excel JavaScript API").
 */
export const PROTECTION_OPTIONS = {
  allowFormatCells: true,
  allowFormatColumns: true,
  allowFormatRows: true,
  allowEditObjects: true,
  allowAutoFilter: true,
  allowSort: false,
} as const;

/** Applies a plan: 2 context.sync calls (the second split only when the changes pass Excel's request limit). */
export async function applyPlan(plan: WorkbookPlan): Promise<void> {
  await applyWith(plan, false);
}

/**
 * Writes highlights (an annotation plan) for live checking: only where that needs no change of sheet protection,
 * since protecting and unprotecting clear the provider's undo on every platform. Resolves false, writing nothing,
 * when a sheet's protection does not allow it (an older return: the next Validate rewrites its protection once).
 */
export async function applyHighlights(plan: WorkbookPlan): Promise<boolean> {
  return applyWith(plan, true);
}

async function applyWith(plan: WorkbookPlan, keepUndo: boolean): Promise<boolean> {
  let eventsOff = false;
  try {
    return await run(async (context) => {
      const wb = context.workbook;
      const withNotes = (plan.notes.length > 0 || plan.clearNotes.length > 0) && supports("1.18");
      const sheets = wb.worksheets.load("items/name, items/protection/protected, items/protection/options");
      const tables = wb.tables.load("items/name");
      const notes = withNotes ? wb.notes.load("items/content") : null;
      // A provider's own note on a cell we want to annotate: found now, left alone later.
      const existingNotes = withNotes
        ? plan.notes.map((n) => wb.notes.getItemOrNullObject(qualified(n.sheet, n.cell)).load("content"))
        : [];
      await context.sync();

      const names = new Set(sheets.items.map((s) => s.name));
      const created = plan.sheets.filter((s) => !names.has(s.name)).map((s) => s.name);
      if (plan.metadata && !names.has(METADATA_SHEET) && !created.includes(METADATA_SHEET))
        created.push(METADATA_SHEET);
      const available = new Set([...names, ...created]);
      const touched = sheetsTouched(plan);
      for (const name of touched) {
        if (!available.has(name))
          throw new UserError(`The workbook has no sheet "${name}": it may have been deleted or renamed.`);
      }
      refuseExistingTables(
        plan,
        tables.items.map((t) => t.name),
      );

      // Which touched sheets need their protection lifted: only those the plan changes beyond what their
      // protection already allows.
      const unprotect = new Set<string>();
      for (const name of touched) {
        const existing = sheets.items.find((s) => s.name === name);
        if (!existing || !existing.protection.protected) continue;
        const light = highlightsOnly(plan, name);
        const options = existing.protection.options;
        const allowed =
          light !== null &&
          (!light.formats || options.allowFormatCells === true) &&
          (!light.notes || options.allowEditObjects === true);
        if (!allowed) unprotect.add(name);
      }
      if (keepUndo && (unprotect.size > 0 || plan.protection.length > 0 || plan.sheets.length > 0))
        return false;

      const ops: Op[] = [];
      const sheet = (name: string): Excel.Worksheet => wb.worksheets.getItem(name);
      // The add-in's own writes are not edits to live-check: events are off while it writes (Runtime.enableEvents,
      // "Work with Events using the Excel JavaScript API"), and back on in the last request.
      ops.push({
        bytes: OP_OVERHEAD,
        run: () => {
          eventsOff = true;
          context.runtime.enableEvents = false;
        },
      });
      for (const name of created) {
        ops.push({ bytes: size(name), run: () => void wb.worksheets.add(name) });
      }
      for (const step of plan.sheets) {
        if (step.tabColour)
          ops.push({ bytes: size(step), run: () => (sheet(step.name).tabColor = step.tabColour as string) });
      }
      for (const name of unprotect)
        ops.push({ bytes: size(name), run: () => sheet(name).protection.unprotect() });
      const cellSteps = plan.cells.flatMap(splitCells).map((step) => ({ step, phases: cellPhases(step) }));
      for (const { step, phases } of cellSteps) {
        const { textFormats, constants } = phases;
        if (textFormats)
          ops.push({
            bytes: size(textFormats),
            run: () => (sheet(step.sheet).getRange(step.address).numberFormat = textFormats as string[][]),
          });
        ops.push({
          bytes: size(constants),
          run: () =>
            (sheet(step.sheet).getRange(step.address).formulas = constants as (
              string | number | boolean
            )[][]),
        });
      }
      for (const step of plan.tables) {
        ops.push({
          bytes: size(step),
          run: () => {
            // Sheet-qualified: without a sheet in the address, Excel adds the table to the active sheet.
            const table = sheet(step.sheet).tables.add(qualified(step.sheet, step.address), true);
            table.name = step.name;
            table.style = step.style;
          },
        });
      }
      for (const { step, phases } of cellSteps) {
        const { formulas } = phases;
        if (formulas)
          ops.push({
            bytes: size(formulas),
            run: () => (sheet(step.sheet).getRange(step.address).formulas = formulas as string[][]),
          });
      }
      for (const step of plan.numberFormats) {
        ops.push({
          bytes: size(step.formats),
          run: () =>
            (sheet(step.sheet).getRange(step.address).numberFormat = step.formats.map((row) => [...row])),
        });
      }
      for (const step of plan.formats) {
        ops.push({
          bytes: size(step) * (step.numberFormat ? 2 : 1),
          run: () => formatRange(sheet(step.sheet).getRange(step.address), step),
        });
      }
      for (const step of plan.validations) {
        ops.push({
          bytes: size(step) + 3 * OP_OVERHEAD,
          run: () => {
            const dv = sheet(step.sheet).getRange(step.address).dataValidation;
            dv.clear();
            dv.rule = validationRule(step);
            if (step.prompt)
              dv.prompt = { showPrompt: true, title: step.prompt.title, message: step.prompt.message };
            dv.errorAlert = {
              showAlert: true,
              style: "Stop",
              title: step.alert.title,
              message: step.alert.message,
            };
          },
        });
      }
      for (const step of plan.widths) {
        ops.push({
          bytes: size(step),
          run: () =>
            (sheet(step.sheet).getRange(`${step.column}:${step.column}`).format.columnWidth = columnPoints(
              step.width,
            )),
        });
      }
      for (const step of plan.freezes)
        ops.push({ bytes: size(step), run: () => sheet(step.sheet).freezePanes.freezeRows(step.rows) });
      if (notes) {
        // Our notes already on cells being annotated are rewritten in place; a provider's own notes are left alone.
        const cleared = plan.clearNotes.map((c) => ({ sheet: c.sheet, range: parseRange(c.address) }));
        const rewritten = new Set<string>();
        plan.notes.forEach((step, i) => {
          const existing = existingNotes[i];
          if (!existing.isNullObject && existing.content.startsWith(NOTE_MARKER))
            rewritten.add(`${step.sheet}!${step.cell}`);
        });
        for (const note of notes.items) {
          const cell = noteCell(note.content);
          if (!cell) continue;
          const key = `${cell.sheet}!${rangeAddress(cell.row, cell.column, cell.row, cell.column)}`;
          if (rewritten.has(key)) continue;
          if (cleared.some((c) => c.sheet === cell.sheet && inRange(c.range, cell.row, cell.column))) {
            ops.push({ bytes: OP_OVERHEAD, run: () => note.delete() });
          }
        }
        plan.notes.forEach((step, i) => {
          const existing = existingNotes[i];
          const content = noteContent(step.sheet, step.cell, step.text);
          if (!existing.isNullObject) {
            if (rewritten.has(`${step.sheet}!${step.cell}`)) {
              ops.push({ bytes: size(content), run: () => (existing.content = content) });
            }
            return;
          }
          ops.push({
            bytes: size(content),
            run: () => void wb.notes.add(qualified(step.sheet, step.cell), content),
          });
        });
      }
      if (plan.metadata) {
        for (const [key, value] of Object.entries(plan.metadata)) {
          const column = metadataColumn(key);
          const values = value === null ? [] : metadataColumnValues(key, value);
          ops.push({
            bytes: size(values),
            run: () => {
              const ws = sheet(METADATA_SHEET);
              const letter = columnLetter(column);
              ws.getRange(`${letter}:${letter}`).clear("Contents");
              if (values.length > 0) {
                // Text, never interpreted: a chunk of JSON may well begin with "-" or look like a number.
                const range = ws.getRange(rangeAddress(1, column, values.length, column));
                range.numberFormat = values.map(() => ["@"]);
                range.values = values.map((v) => [v]);
              }
            },
          });
        }
      }
      // Contract sheets the plan changed beyond highlights are protected again (they always are); explicit steps win.
      const protect = new Map<string, boolean>();
      for (const name of touched)
        if ([KPI_SHEET, BUDGET_SHEET, METADATA_SHEET].includes(name) && highlightsOnly(plan, name) === null)
          protect.set(name, true);
      for (const name of unprotect)
        if ([KPI_SHEET, BUDGET_SHEET, METADATA_SHEET].includes(name)) protect.set(name, true);
      for (const step of plan.protection) protect.set(step.sheet, step.protect);
      for (const [name, on] of protect) {
        const wasProtected = sheets.items.find((s) => s.name === name)?.protection.protected === true;
        ops.push({
          bytes: OP_OVERHEAD,
          run: () => {
            const protection = sheet(name).protection;
            // Unprotect first (unless done above) so protect never meets an already protected sheet.
            if (wasProtected && !unprotect.has(name)) protection.unprotect();
            if (on) protection.protect(PROTECTION_OPTIONS);
          },
        });
      }
      for (const step of plan.sheets) {
        ops.push({
          bytes: size(step),
          run: () =>
            (sheet(step.name).visibility =
              step.visibility === "veryHidden"
                ? "VeryHidden"
                : step.visibility === "hidden"
                  ? "Hidden"
                  : "Visible"),
        });
      }
      if (plan.activate) {
        const name = plan.activate;
        ops.push({ bytes: OP_OVERHEAD, run: () => sheet(name).activate() });
      }
      ops.push({
        bytes: OP_OVERHEAD,
        run: () => {
          context.runtime.enableEvents = true;
        },
      });
      await runInRequests(context, ops);
      eventsOff = false;
      return true;
    });
  } catch (err) {
    // A failed write must not leave the add-in deaf to the provider's edits.
    if (eventsOff) await turnEventsOn();
    throw plainError(err, "write to the return");
  }
}

async function turnEventsOn(): Promise<void> {
  try {
    await run(async (context) => {
      context.runtime.enableEvents = true;
      await context.sync();
    });
  } catch (err) {
    console.error("Could not switch Excel events back on:", technicalDetail(err));
  }
}

/** Queues ops into requests under the size limit, each with calculation suspended, one sync per request. */
async function runInRequests(context: Excel.RequestContext, ops: readonly Op[]): Promise<void> {
  let start = 0;
  while (start < ops.length) {
    let bytes = 0;
    let end = start;
    while (end < ops.length && (end === start || bytes + ops[end].bytes <= REQUEST_LIMIT_BYTES)) {
      bytes += ops[end].bytes;
      end++;
    }
    context.application.suspendApiCalculationUntilNextSync();
    for (let i = start; i < end; i++) ops[i].run();
    // One sync per request: more than one only when a plan is larger than Excel on the web accepts at once.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    start = end;
  }
}

/** "Go to": selects the cell a finding points at (its table's header cell or row when it names no cell). */
export async function selectCell(location: Location): Promise<void> {
  if (location.table === "Metadata") {
    throw new UserError(
      "This finding is about the return's metadata, which is not on a sheet you can select.",
    );
  }
  try {
    await run(async (context) => {
      const table = context.workbook.tables.getItem(location.table);
      let range: Excel.Range;
      if (location.column !== undefined) {
        const column = table.columns.getItem(location.column);
        range =
          location.row === undefined
            ? column.getHeaderRowRange()
            : column.getDataBodyRange().getCell(location.row, 0);
      } else {
        range = location.row === undefined ? table.getRange() : table.getDataBodyRange().getRow(location.row);
      }
      range.worksheet.activate();
      range.select();
      await context.sync();
    });
  } catch (err) {
    if (
      (err as { code?: string }).code === "ItemNotFound" ||
      (err as { code?: string }).code === "InvalidArgument"
    ) {
      throw new UserError(
        `The cell this finding points at (${location.table}${location.column ? `, ${location.column}` : ""}` +
          `${location.row !== undefined ? `, row ${location.row + 1}` : ""}) is no longer in the workbook.`,
      );
    }
    throw plainError(err, "go to the cell");
  }
}

/** Re-reads some body rows of a table (one sync), for live checking of a local edit. */
export async function readTableRows(table: TableSnapshot, rows: readonly number[]): Promise<RowRead[]> {
  const corner = parseRange(table.address);
  if (!corner || rows.length === 0) return [];
  try {
    return await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(table.sheet);
      // Contiguous rows are read as one range.
      const runs: { first: number; range: Excel.Range }[] = [];
      let start = 0;
      for (let i = 1; i <= rows.length; i++) {
        if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
        const first = rows[start];
        const top = corner.top + 1 + first;
        const range = sheet
          .getRange(rangeAddress(top, corner.left, top + rows[i - 1] - first, corner.right))
          .load(["values", "formulas"]);
        runs.push({ first, range });
        start = i;
      }
      await context.sync();
      return runs.flatMap(({ first, range }) =>
        range.values.map((row, i) => ({
          row: first + i,
          values: row.map(cellInput),
          formulas: range.formulas[i].map(cellInput),
        })),
      );
    });
  } catch (err) {
    throw plainError(err, "read the changed cells");
  }
}

const STRUCTURAL_CHANGES = [
  "RowInserted",
  "RowDeleted",
  "ColumnInserted",
  "ColumnDeleted",
  "CellInserted",
  "CellDeleted",
];

/**
 * Calls `onChange` with the table and body rows of every edit inside KpiReturn or BudgetReturn (ExcelApi 1.7 table
 * events), marked remote when a co-author made it (the event's source is "Remote"). The add-in's own writes raise
 * none: applyPlan switches events off while it writes. Resolves to a function that stops watching.
 */
export async function watchReturnEdits(
  onChange: (changed: ReturnEdit) => void,
): Promise<() => Promise<void>> {
  try {
    return await run(async (context) => {
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      const watched = tables.items.filter((t) => isReturnTable(t.name));
      const ranges = watched.map((t) => t.getRange().load("address"));
      const registrations = watched.map((t, i) =>
        t.onChanged.add(async (event) => {
          const corner = parseRange(ranges[i].address);
          const changed = parseRange(event.address);
          const structural = STRUCTURAL_CHANGES.includes(String(event.changeType));
          const rows: number[] = [];
          if (corner && changed) {
            for (let r = Math.max(changed.top, corner.top + 1); r <= changed.bottom; r++)
              rows.push(r - corner.top - 1);
          }
          onChange({
            table: t.name,
            rows,
            ...(structural || !corner || !changed ? { structural: true } : {}),
            ...(String(event.source) === "Remote" ? { remote: true } : {}),
          });
        }),
      );
      await context.sync();
      return async () => {
        if (registrations.length === 0) return;
        await Excel.run(registrations[0].context, async (ctx) => {
          registrations.forEach((r) => r.remove());
          await ctx.sync();
        });
      };
    });
  } catch (err) {
    throw plainError(err, "watch the return for changes");
  }
}
