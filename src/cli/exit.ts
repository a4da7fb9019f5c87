/**
 * The command line's exit codes and the failure that carries one. Scripts rely on these numbers (docs/cli.md).
 */
import { UserError } from "../core/errors";

export const ExitCode = {
  /** Everything worked; for validate: no errors and no unexplained queries. */
  ok: 0,
  /** The job ran but the returns did not pass: errors, unexplained queries, refused approval, sync conflicts. */
  failed: 1,
  /** Bad usage or unreadable input: a missing file, not a return, a corrupt .xlsx, a wrong period, an unknown template. */
  badInput: 2,
  /** A service could not be reached or refused us: Microsoft Graph / the emulator down, sign-in failed. */
  unreachable: 3,
  /** An unexpected failure: a bug. Run again with KPI_RETURNS_DEBUG=1 and report what it prints. */
  unexpected: 4,
} as const;

/** The line an unexpected failure ends with: what it is and what to do, never the runtime's own words. */
export const UNEXPECTED_CLI_FAILURE =
  "An unexpected failure (a bug). Run the command again with KPI_RETURNS_DEBUG=1 to see the details, and report them.";

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A plain-English failure with the exit code it should end the command with. */
export class CliFailure extends UserError {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    where?: string,
  ) {
    super(message, where);
    this.name = "CliFailure";
  }
}
