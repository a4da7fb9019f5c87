/**
 * Every `kpi-returns` command and its flags, in the order `help` lists them: one registration per family of commands,
 * in `src/cli/families/`. Each command's code is loaded only when it runs, so `kpi-returns templates` does not pay
 * for ExcelJS or the Graph client.
 */
import type { Command } from "commander";
import { registerDecisionCommands } from "../families/decisions";
import { registerListCommands } from "../families/lists";
import { registerLocalCommands } from "../families/local";
import type { Registration } from "../families/options";
import { registerRegisterCommands } from "../families/return-register";
import { registerReturnCommands } from "../families/returns";
import { registerTemplateCommands } from "../families/templates";
import type { CliIo } from "../io";

export function registerCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const registration: Registration = { program, io, setExit };
  // The order here is the order `help` lists the commands in.
  registerTemplateCommands(registration);
  registerReturnCommands(registration);
  registerDecisionCommands(registration);
  registerRegisterCommands(registration);
  registerListCommands(registration);
  registerLocalCommands(registration);
}
