/**
 * Errors that reach users. Every face (task pane, command line, emulator) shows `message` as it is, never a stack:
 * so a message names the file, sheet, cell or field at fault, and says what was expected.
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

/** The plain-English text of any thrown value, for showing to a user. Unknown failures get a generic line, not a stack. */
export function describeError(err: unknown): string {
  if (err instanceof UserError) return err.message;
  if (err instanceof Error && err.message) return err.message.split("\n")[0];
  return "Something went wrong that the tool did not expect. Please try again, and report it if it keeps happening.";
}
