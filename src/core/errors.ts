/**
 * Errors that reach users. Every face shows a UserError's `message` as it is, never a stack: so a message names the
 * file, sheet, cell or field at fault, and says what was expected. Anything else is a bug or a failure nobody worded,
 * and is shown as a generic sentence with a next step; its raw text goes only to the console or KPI_RETURNS_DEBUG.
 *
 * One place per face turns an error into plain text:
 * - command line: reportFailure in src/cli/main.ts (exit codes in src/cli/exit.ts; an unexpected failure is exit 4);
 * - task pane: failureText in src/taskpane/failure-words.ts (start-up in src/taskpane/index.tsx and the ribbon's
 *   Check return in src/commands/check-return.ts use describeError with their own next step);
 * - Excel (office-js error codes): plainError in src/workbook/office.ts;
 * - sign-in (MSAL error codes, the Office dialog): plainSignInError in src/auth/browser.ts;
 * - files on disk (Node's EISDIR, EEXIST…): describeFsError in src/core/file-errors.ts;
 * - Microsoft Graph (unreachable, refused, throttled): src/sharepoint/client.ts and src/sharepoint/throttled.ts.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** Where the fault is, when known: a file path, "Sheet!A1", a template field, a list column. */
    readonly where?: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** What a user is told about a failure nobody worded (a bug, or a library's own error). */
export const UNEXPECTED_FAILURE = "Something went wrong that the tool did not expect.";

const DEFAULT_NEXT_STEP = "Please try again, and report it if it keeps happening.";

/**
 * The plain-English text of any thrown value, for showing to a user: a UserError's own message, otherwise the generic
 * sentence and `nextStep` (none when it is ""). Never a library's or the runtime's message ("Cannot read properties of undefined…").
 */
export function describeError(err: unknown, nextStep: string = DEFAULT_NEXT_STEP): string {
  if (err instanceof UserError) return err.message;
  return nextStep ? `${UNEXPECTED_FAILURE} ${nextStep}` : UNEXPECTED_FAILURE;
}

/** The raw text of a failure, stack included: for the console and KPI_RETURNS_DEBUG only, never as the user's answer. */
export function technicalDetail(err: unknown): string {
  if (err instanceof Error) return err.stack || `${err.name}: ${err.message}`;
  try {
    return typeof err === "string" ? err : JSON.stringify(err);
  } catch {
    return String(err);
  }
}
