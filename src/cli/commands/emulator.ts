/**
 * `kpi-returns emulator [--port N] [--data FILE]`: runs the local Graph emulator until Ctrl+C, so sync and report
 * can be tried with no Microsoft 365 tenant. State persists to the data file, so a restart keeps the lists.
 */
import path from "node:path";
import { EMULATOR_SITE } from "../../sharepoint/target";
import { startEmulator } from "../../emulator";
import { ExitCode, CliFailure } from "../exit";
import { shownPath } from "../files";
import { say, type CliIo } from "../io";

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65535) {
    throw new CliFailure(
      `--port must be a whole number from 0 to 65535, not "${text}".`,
      ExitCode.badInput,
      "--port",
    );
  }
  return port;
}

export async function runEmulator(opts: { port: number; data: string }, io: CliIo): Promise<void> {
  const dataFile = path.resolve(io.cwd, opts.data);
  let emulator;
  try {
    emulator = await startEmulator({ port: opts.port, dataFile });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | null)?.code;
    if (code === "EADDRINUSE") {
      throw new CliFailure(
        `Port ${opts.port} is already in use: is an emulator already running? Choose another with --port.`,
        ExitCode.badInput,
        "--port",
      );
    }
    throw err;
  }
  say(io, `Graph emulator listening at ${emulator.url}`);
  say(io, `State kept in ${shownPath(dataFile, io.cwd)} (delete it to start afresh).`);
  say(io, "Try it:");
  say(io, `  kpi-returns provision --site "${EMULATOR_SITE}" --graph-url ${emulator.url}`);
  say(io, `  kpi-returns sync returns/ --site "${EMULATOR_SITE}" --graph-url ${emulator.url}`);
  say(io, "Any bearer token is accepted; the command line sends a fixed one. Press Ctrl+C to stop.");
  await io.untilInterrupted();
  await emulator.stop();
  say(io, "Emulator stopped.");
}
