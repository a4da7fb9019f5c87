/** The SharePoint lists: make them (`provision`), send approved figures to them (`sync`), report from them. */
import { graphOptions, type Registration } from "./options";

/** `provision`, `sync` and `report`. */
export function registerListCommands({ program, io, setExit }: Registration): void {
  graphOptions(
    program
      .command("provision")
      .description("Create the SharePoint lists sync writes to (an admin action: Sites.Manage.All)"),
  ).action(async (opts: { site: string; graphUrl?: string }) => {
    await (await import("../commands/sync")).runProvision(opts, io);
  });

  graphOptions(
    program
      .command("sync")
      .description("Send approved returns' figures to the SharePoint lists")
      .argument("<files...>", ".xlsx returns, folders or globs"),
  )
    .option("--dry-run", "read the lists and show what would change; write nothing")
    .option("--json", "print the sync result as JSON")
    .option("--by <name>", "who syncs: against the emulator only (a tenant uses the signed-in account)")
    .action(
      async (
        files: string[],
        opts: { site: string; graphUrl?: string; dryRun?: boolean; json?: boolean; by?: string },
      ) => {
        setExit(await (await import("../commands/sync")).runSync(files, opts, io));
      },
    );

  graphOptions(
    program
      .command("report")
      .description(
        "Write the quarterly report from the SharePoint lists, as .xlsx, self-contained .html or a Word .docx with the drafted narrative",
      )
      .requiredOption("--period <period>", 'financial-year quarter, e.g. "2022-23 Q2"'),
  )
    .requiredOption("-o, --output <file>", "report.xlsx, report.html or report.docx")
    .option("--format <format>", "xlsx, html or docx (must match the output's extension)")
    .option("--docx-base <file>", "a previous .docx draft: keep the paragraphs the officer rewrote in it")
    .option("--force", "replace the output file if it exists")
    .action(
      async (opts: {
        period: string;
        site: string;
        graphUrl?: string;
        output: string;
        force?: boolean;
        format?: string;
        docxBase?: string;
      }) => {
        await (await import("../commands/report")).runReport(opts, io);
      },
    );
}
