/**
 * The command line's defaults that help text and the commands share, kept light so `commands/index.ts` can show them
 * without loading the emulator.
 */
import path from "node:path";

/** Beside the user's work, in the folder .gitignore already leaves out. */
export const DEFAULT_EMULATOR_DATA = path.join(".kpi-returns", "emulator.json");
