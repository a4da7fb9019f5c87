/** The commands on a provider's return as a file: write one (`new`), move it to a newer template, check it, annotate it. */
import { librarySite, type Registration } from "./options";

/** `new`, `migrate`, `validate` and `annotate`. */
export function registerReturnCommands({ program, io, setExit }: Registration): void {
  librarySite(program.command("new"))
    .description("Write a provider's blank return for a quarter, with targets and prior figures filled in")
    .requiredOption("--template <id>", "template id (see `kpi-returns templates`)")
    .requiredOption("--provider <name>", "the provider's name, as it should appear in the report")
    .requiredOption("--period <period>", 'financial-year quarter, e.g. "2022-23 Q2"')
    .option("--targets <file>", "targets (and budget awards) as JSON or CSV")
    .option("--history <file>", "previous quarter, same quarter last year and previous spend, as JSON or CSV")
    .requiredOption("-o, --output <file>", "the .xlsx file to write")
    .option("--force", "replace the output file if it exists")
    .option("--email <address>", "the provider's e-mail, for reminders (with --site)")
    .option(
      "--due <date>",
      "when the return is due, yyyy-mm-dd: with --site, registers the return in the Return Register",
    )
    .option("--by <name>", "who issues it: against the emulator only (with --site)")
    .action(async (opts) => {
      await (await import("../commands/new")).runNew(opts, io);
    });

  librarySite(
    program
      .command("migrate")
      .description(
        "Move a return not yet approved to a newer version of its template, saying what was carried, added, removed and changed",
      )
      .argument("<file>", "the .xlsx return")
      .requiredOption("--to <version>", "the template version to move to, e.g. 1.1.0")
      .requiredOption("-o, --output <file>", "the .xlsx file to write (the original is left as it is)")
      .option("--force", "replace the output file if it exists")
      .option("--json", "print the migration report as JSON"),
  ).action(
    async (
      file: string,
      opts: { to: string; output: string; force?: boolean; json?: boolean; site?: string; graphUrl?: string },
    ) => {
      setExit(await (await import("../commands/migrate")).runMigrate(file, opts, io));
    },
  );

  librarySite(
    program
      .command("validate")
      .description("Check returns against their KPI templates and report the findings")
      .argument("<files...>", ".xlsx returns, folders or globs")
      .option("--json", "print an array with one object per file (fields in docs/cli.md)"),
  ).action(async (files: string[], opts: { json?: boolean; site?: string; graphUrl?: string }) => {
    setExit(await (await import("../commands/validate")).runValidate(files, opts, io));
  });

  program
    .command("annotate")
    .description("Write a copy of a return with its findings highlighted in the sheet")
    .argument("<file>", "the .xlsx return")
    .requiredOption("-o, --output <file>", "the .xlsx file to write")
    .option("--force", "replace the output file if it exists")
    .action(async (file: string, opts: { output: string; force?: boolean }) => {
      await (await import("../commands/officer")).runAnnotate(file, opts, io);
    });
}
