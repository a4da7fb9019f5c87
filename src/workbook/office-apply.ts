/**
 * Applying a plan inside Excel: one request to look at the workbook (sheets, tables, protection, notes), then the
 * plan's changes queued in the order Excel needs (sheets, constants, tables, formulas, looks, notes, metadata,
 * protection, visibility) and sent in as few requests as Excel on the web's 5 MB limit allows, with calculation
 * suspended and events off so the add-in's own writes are not taken for the provider's edits.
 */
import { UserError } from "../core/errors";
import { columnLetter, parseRange, qualified, rangeAddress } from "./a1";
import { METADATA_SHEET, NOTE_MARKER } from "./contract";
import { metadataColumn, metadataColumnValues } from "./metadata";
import { noteCell, noteContent } from "./notes";
import { plainError, run, supports, turnEventsOn } from "./office-excel";
import {
  cellPhases,
  columnPoints,
  formatRange,
  inRange,
  OP_OVERHEAD,
  runInRequests,
  size,
  splitCells,
  validationRule,
  type Op,
} from "./office-ops";
import { protectOps, sheetsToUnprotect, unprotectOps, type LoadedSheet } from "./office-protection";
import { refuseExistingTables, sheetsTouched, type WorkbookPlan } from "./plan";

type SheetOf = (name: string) => Excel.Worksheet;

/** What the first request learns about the workbook before anything is written. */
interface Loaded {
  readonly sheets: readonly LoadedSheet[];
  /** Sheets the plan names that the workbook lacks, to add. */
  readonly created: readonly string[];
  readonly touched: readonly string[];
  /** Every note in the workbook, and the note (or null object) on each cell the plan annotates; null without notes. */
  readonly notes: Excel.NoteCollection | null;
  readonly existingNotes: readonly Excel.Note[];
}

/** One request: the workbook's sheets, tables and notes; refuses a plan naming a missing sheet or an existing table. */
async function load(context: Excel.RequestContext, plan: WorkbookPlan): Promise<Loaded> {
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
  return { sheets: sheets.items, created, touched, notes, existingNotes };
}

/** New sheets and tab colours. */
function sheetOps(wb: Excel.Workbook, sheet: SheetOf, plan: WorkbookPlan, created: readonly string[]): Op[] {
  const ops: Op[] = created.map((name) => ({ bytes: size(name), run: () => void wb.worksheets.add(name) }));
  for (const step of plan.sheets) {
    if (step.tabColour)
      ops.push({ bytes: size(step), run: () => (sheet(step.name).tabColor = step.tabColour as string) });
  }
  return ops;
}

/** Text formats and constants, then the tables, then formulas: a formula naming a table needs it to exist. */
function cellOps(sheet: SheetOf, plan: WorkbookPlan): Op[] {
  const ops: Op[] = [];
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
        (sheet(step.sheet).getRange(step.address).formulas = constants as (string | number | boolean)[][]),
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
  return ops;
}

/** Number formats, formats, data validation, widths and frozen rows. */
function lookOps(sheet: SheetOf, plan: WorkbookPlan): Op[] {
  const ops: Op[] = [];
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
  return ops;
}

/**
 * Notes: the add-in's old notes in cleared ranges are deleted, its notes already on cells being annotated are
 * rewritten in place, and a provider's own notes are left alone.
 */
function noteOps(wb: Excel.Workbook, plan: WorkbookPlan, loaded: Loaded): Op[] {
  const { notes, existingNotes } = loaded;
  if (!notes) return [];
  const ops: Op[] = [];
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
  return ops;
}

/** Each metadata key's column replaced by its value, as text. */
function metadataOps(sheet: SheetOf, plan: WorkbookPlan): Op[] {
  return Object.entries(plan.metadata ?? {}).map(([key, value]) => {
    const column = metadataColumn(key);
    const values = value === null ? [] : metadataColumnValues(key, value);
    return {
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
    };
  });
}

/** Sheet visibility and the sheet to show, last. */
function finishOps(sheet: SheetOf, plan: WorkbookPlan): Op[] {
  const VISIBILITY = { veryHidden: "VeryHidden", hidden: "Hidden", visible: "Visible" } as const;
  const ops: Op[] = plan.sheets.map((step) => ({
    bytes: size(step),
    run: () => (sheet(step.name).visibility = VISIBILITY[step.visibility]),
  }));
  const activate = plan.activate;
  if (activate) ops.push({ bytes: OP_OVERHEAD, run: () => sheet(activate).activate() });
  return ops;
}

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
      const loaded = await load(context, plan);
      const unprotect = sheetsToUnprotect(plan, loaded.sheets, loaded.touched);
      if (keepUndo && (unprotect.size > 0 || plan.protection.length > 0 || plan.sheets.length > 0))
        return false;
      const sheet: SheetOf = (name) => wb.worksheets.getItem(name);
      const events = (on: boolean): Op => ({
        bytes: OP_OVERHEAD,
        run: () => {
          if (!on) eventsOff = true;
          context.runtime.enableEvents = on;
        },
      });
      // The add-in's own writes are not edits to live-check: events are off while it writes (Runtime.enableEvents,
      // "Work with Events using the Excel JavaScript API"), and back on in the last request.
      await runInRequests(context, [
        events(false),
        ...sheetOps(wb, sheet, plan, loaded.created),
        ...unprotectOps(sheet, unprotect),
        ...cellOps(sheet, plan),
        ...lookOps(sheet, plan),
        ...noteOps(wb, plan, loaded),
        ...metadataOps(sheet, plan),
        ...protectOps(sheet, plan, loaded.sheets, loaded.touched, unprotect),
        ...finishOps(sheet, plan),
        events(true),
      ]);
      eventsOff = false;
      return true;
    });
  } catch (err) {
    // A failed write must not leave the add-in deaf to the provider's edits.
    if (eventsOff) await turnEventsOn();
    throw plainError(err, "write to the return");
  }
}
