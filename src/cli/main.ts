/**
 * The `kpi-returns` command line: parses the command and its flags (commander), runs it, and turns every failure into
 * one plain-English line and an exit code (docs/cli.md). bin/kpi-returns.js calls `main(process.argv.slice(2))`.
 */
import { readVersion } from "./version";
import { Command, CommanderError } from "commander";
import { UserError, technicalDetail } from "../core/errors";
import { ExitCode, CliFailure, UNEXPECTED_CLI_FAILURE } from "./exit";
import { processIo, warn, type CliIo } from "./io";
import { registerCommands } from "./commands";

/** Builds the program; `setExit` records the exit code a command finished with. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command("kpi-returns");
  program
    .description(
      "Check funded providers' quarterly KPI and budget returns, sync them to SharePoint, report on them.",
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      // Errors are written once, by `main`, as a single line.
      outputError: () => undefined,
    })
    .showHelpAfterError(false)
    .helpCommand("help [command]", "Show help for a command")
    .version(readVersion(), "-V, --version", "Show the version");
  registerCommands(program, io, setExit);
  return program;
}

/**
 * Shows a failure as one line and picks its exit code: the command line's one place for "error → plain text" (see
 * src/core/errors.ts). Only a UserError's words are shown; anything else is a bug (exit 4), its stack shown only when
 * KPI_RETURNS_DEBUG is set.
 */
export function reportFailure(io: CliIo, err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return ExitCode.ok;
    // Commander puts its "(Did you mean …?)" on a second line: keep the answer on one.
    const text = err.message
      .replace(/^error:\s*/i, "")
      .replace(/\s*\n\s*/g, " ")
      .trim();
    if (text) warn(io, `kpi-returns: ${text} (see \`kpi-returns help\`)`);
    return ExitCode.badInput;
  }
  if (err instanceof CliFailure) {
    warn(io, `kpi-returns: ${err.message}`);
    return err.exitCode;
  }
  if (err instanceof UserError) {
    warn(io, `kpi-returns: ${err.message}`);
    return ExitCode.badInput;
  }
  warn(io, `kpi-returns: ${UNEXPECTED_CLI_FAILURE}`);
  if (io.env.KPI_RETURNS_DEBUG) warn(io, technicalDetail(err));
  return ExitCode.unexpected;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  if (argv.length === 0) {
    io.err(program.helpInformation());
    return ExitCode.badInput;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (err) {
    return reportFailure(io, err);
  }
}
