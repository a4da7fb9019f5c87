/**
 * How the add-in talks to Excel: one Excel.run wrapper that waits while the user edits a cell, checks for the Excel
 * features in use, how office-js cells become snapshot cells, and Excel's error codes in plain words.
 */
import { UserError, technicalDetail } from "../core/errors";
import type { CellInput } from "../core/types";

/**
 * Excel.run with `delayForCellEdit`: a batch that arrives while the user is typing in a cell waits until they finish
 * instead of failing (Excel.RunOptions; an Excel without ExcelApi 1.11 ignores the option and may still fail, which
 * live checking reports and retries with the next edit).
 */
export function run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run({ delayForCellEdit: true }, batch);
}

export function responseTooLarge(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "ResponsePayloadSizeLimitExceeded";
}

/** Whether the running Excel supports an ExcelApi requirement set (false outside Office). */
export function supports(version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context.requirements.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/** Drops the sheet from an office-js address: "'KPIs'!A5:M11" → "A5:M11". */
export function bareAddress(address: string): string {
  return address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
}

/** office-js gives "" for an empty cell; snapshots hold null, as ExcelJS reads it. */
export function cellInput(value: unknown): CellInput {
  if (value === "" || value === undefined || value === null) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

export function grid<T>(rows: unknown[][] | undefined, map: (v: unknown) => T): T[][] {
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

/** Switches Excel's events back on after a failed write, so the add-in is never left deaf to the provider's edits. */
export async function turnEventsOn(): Promise<void> {
  try {
    await run(async (context) => {
      context.runtime.enableEvents = true;
      await context.sync();
    });
  } catch (err) {
    console.error("Could not switch Excel events back on:", technicalDetail(err));
  }
}
