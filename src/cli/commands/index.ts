/** Every `kpi-returns` command, registered on the program in the order `help` lists them. */
import type { Command } from "commander";
import type { CliIo } from "../io";
import { registerTemplates } from "./templates";
import { registerNew } from "./new";
import { registerValidate } from "./validate";
import { registerOfficer } from "./officer";

export function registerCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  registerTemplates(program, io);
  registerNew(program, io);
  registerValidate(program, io, setExit);
  registerOfficer(program, io);
}
