/**
 * What every family of `kpi-returns` commands registers with: the program, the output, and the exit code; and the
 * options several families share (where Graph is, the site whose template library to use), declared once.
 */
import type { Command } from "commander";
import type { CliIo } from "../io";

/** Where a family registers its commands. */
export interface Registration {
  readonly program: Command;
  readonly io: CliIo;
  readonly setExit: (code: number) => void;
}

/** A repeatable option's values, in the order given. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The options of every officer's action on the site: where it is, and who acts (on the emulator). */
export interface OfficerOpts {
  site: string;
  graphUrl?: string;
  by?: string;
}

/** A command that talks to the site: --site required, --graph-url optional. */
export const graphOptions = (command: Command): Command =>
  command
    .requiredOption("--site <site>", 'SharePoint site: "host:/sites/path" or a site id')
    .option(
      "--graph-url <url>",
      "Microsoft Graph base URL, or the emulator's (default: https://graph.microsoft.com/v1.0)",
    );

/** A command that may use the site's KPI Templates list as well as the built-in templates. */
export const librarySite = (command: Command): Command =>
  command
    .option(
      "--site <site>",
      "SharePoint site whose KPI Templates list to use as well (default: KPI_SITE); validate also checks each return against its Return Register",
    )
    .option("--graph-url <url>", "Microsoft Graph base URL, or the emulator's");
