/** What runs on this machine alone: the whole quarter's demo, and the local Microsoft Graph emulator. */
import { DEFAULT_EMULATOR_PORT } from "../../sharepoint/target";
import { DEFAULT_EMULATOR_DATA } from "../defaults";
import type { Registration } from "./options";

/** `demo` and `emulator`. */
export function registerLocalCommands({ program, io, setExit }: Registration): void {
  program
    .command("demo")
    .description(
      "Run the whole quarter's job on this machine: emulator, returns, validation, approval, sync, report",
    )
    .option("--out <folder>", "where the demo writes its returns and report (made afresh)", "demo-output")
    .action(async (opts: { out: string }) => {
      setExit(await (await import("../commands/demo")).runDemo(opts, io));
    });

  program
    .command("emulator")
    .description("Run the local Microsoft Graph emulator (SharePoint lists) until Ctrl+C")
    .option("--port <n>", "port on 127.0.0.1 (0: any free port)", String(DEFAULT_EMULATOR_PORT))
    .option("--data <file>", "where the emulator keeps its lists between runs", DEFAULT_EMULATOR_DATA)
    .action(async (opts: { port: string; data: string }) => {
      const emulator = await import("../commands/emulator");
      await emulator.runEmulator({ port: emulator.parsePort(opts.port), data: opts.data }, io);
    });
}
