/**
 * Every `kpi-returns` command and its flags, in the order `help` lists them. Each command's code is loaded only when
 * it runs, so `kpi-returns templates` does not pay for ExcelJS or the Graph client.
 */
import type { Command } from "commander";
import { DEFAULT_EMULATOR_PORT } from "../../sharepoint/target";
import { DEFAULT_EMULATOR_DATA } from "../defaults";
import type { CliIo } from "../io";

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const graphOptions = (command: Command): Command =>
    command
      .requiredOption("--site <site>", 'SharePoint site: "host:/sites/path" or a site id')
      .option(
        "--graph-url <url>",
        "Microsoft Graph base URL, or the emulator's (default: https://graph.microsoft.com/v1.0)",
      );

  const librarySite = (command: Command): Command =>
    command
      .option("--site <site>", "SharePoint site whose KPI Templates list to use as well (default: KPI_SITE)")
      .option("--graph-url <url>", "Microsoft Graph base URL, or the emulator's");

  librarySite(
    program
      .command("templates")
      .description(
        "List the KPI templates a return can be written with: built in, and published to the site's KPI Templates list",
      )
      .option("--json", "print JSON instead of a table"),
  ).action(async (opts: { json?: boolean; site?: string; graphUrl?: string }) => {
    await (await import("./templates")).runTemplates(opts, io);
  });

  const template = program
    .command("template")
    .description(
      "Author KPI templates as workbooks: export, check, publish to the KPI Templates list, retire",
    );
  librarySite(
    template
      .command("export")
      .description("Write a template as a template workbook to edit in Excel")
      .argument("<id>", "template id, or id@version")
      .requiredOption("-o, --output <file>", "the .xlsx file to write")
      .option("--force", "replace the output file if it exists"),
  ).action(
    async (id: string, opts: { output: string; force?: boolean; site?: string; graphUrl?: string }) => {
      const library = await import("../template-library");
      const catalogue = await library.loadCatalogue(opts, io);
      await (await import("./template")).runTemplateExport(library.templateOf(catalogue, id), opts, io);
    },
  );
  template
    .command("check")
    .description("Read a template workbook and list every problem by sheet and cell (exit 2 when any)")
    .argument("<file>", "the template workbook (.xlsx)")
    .option("--json", "print the template read, as JSON")
    .action(async (file: string, opts: { json?: boolean }) => {
      setExit(await (await import("./template")).runTemplateCheck(file, opts, io));
    });

  graphOptions(
    template
      .command("publish")
      .description(
        "Check a template workbook and publish it to the KPI Templates list (a version never changes)",
      )
      .argument("<file>", "the template workbook (.xlsx)"),
  )
    .option("--by <name>", "who publishes, on the emulator only (a real site records the signed-in officer)")
    .action(async (file: string, opts: { site: string; graphUrl?: string; by?: string }) => {
      setExit(await (await import("./template")).runTemplatePublish(file, opts, io));
    });
  graphOptions(
    template
      .command("retire")
      .description(
        "Retire a published template version: no new returns with it; issued returns still check against it",
      )
      .argument("<ref>", "ID@VERSION"),
  ).action(async (ref: string, opts: { site: string; graphUrl?: string }) => {
    setExit(await (await import("./template")).runTemplateRetire(ref, opts, io));
  });

  librarySite(program.command("new"))
    .description("Write a provider's blank return for a quarter, with targets and prior figures filled in")
    .requiredOption("--template <id>", "template id (see `kpi-returns templates`)")
    .requiredOption("--provider <name>", "the provider's name, as it should appear in the report")
    .requiredOption("--period <period>", 'financial-year quarter, e.g. "2022-23 Q2"')
    .option("--targets <file>", "targets (and budget awards) as JSON or CSV")
    .option("--history <file>", "previous quarter, same quarter last year and previous spend, as JSON or CSV")
    .requiredOption("-o, --output <file>", "the .xlsx file to write")
    .option("--force", "replace the output file if it exists")
    .action(async (opts) => {
      await (await import("./new")).runNew(opts, io);
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
      setExit(await (await import("./migrate")).runMigrate(file, opts, io));
    },
  );

  librarySite(
    program
      .command("validate")
      .description("Check returns against their KPI templates and report the findings")
      .argument("<files...>", ".xlsx returns, folders or globs")
      .option("--json", "print an array with one object per file (fields in docs/cli.md)"),
  ).action(async (files: string[], opts: { json?: boolean; site?: string; graphUrl?: string }) => {
    setExit(await (await import("./validate")).runValidate(files, opts, io));
  });

  program
    .command("annotate")
    .description("Write a copy of a return with its findings highlighted in the sheet")
    .argument("<file>", "the .xlsx return")
    .requiredOption("-o, --output <file>", "the .xlsx file to write")
    .option("--force", "replace the output file if it exists")
    .action(async (file: string, opts: { output: string; force?: boolean }) => {
      await (await import("./officer")).runAnnotate(file, opts, io);
    });

  program
    .command("approve")
    .description("Approve a return (refused while errors or unexplained queries stand)")
    .argument("<file>", "the .xlsx return")
    .requiredOption("--by <name>", "who approves")
    .option("--comment <text>", "a note kept with the approval")
    .option("-o, --output <file>", "write the approved return here instead of back into <file>")
    .option("--force", "replace the -o file if it exists")
    .action(
      async (file: string, opts: { by: string; comment?: string; output?: string; force?: boolean }) => {
        const written = await (await import("./officer")).runApprove(file, opts, io);
        io.out(`Approved ${written} (by ${opts.by}).\n`);
      },
    );

  program
    .command("override")
    .description("Accept a query on a return, with the reason recorded (an officer's override)")
    .argument("<file>", "the .xlsx return")
    .requiredOption("--rule <id>", "the query's rule id, as `validate` shows it")
    .option("--subject <id>", "the KPI id or budget line id the query is about", "")
    .requiredOption("--reason <text>", "why the figure is accepted")
    .requiredOption("--by <name>", "who accepts it")
    .option("-o, --output <file>", "write the result here instead of back into <file>")
    .option("--force", "replace the -o file if it exists")
    .action(
      async (
        file: string,
        opts: {
          rule: string;
          subject?: string;
          reason: string;
          by: string;
          output?: string;
          force?: boolean;
        },
      ) => {
        const written = await (await import("./officer")).runOverride(file, opts, io);
        io.out(
          `Recorded the override of ${opts.rule}${opts.subject ? ` on ${opts.subject}` : ""} in ${written}.\n`,
        );
      },
    );

  program
    .command("return")
    .description("Send a return back to its provider, with the reasons")
    .argument("<file>", "the .xlsx return")
    .requiredOption("--by <name>", "who sends it back")
    .requiredOption("--reason <text>", "what the provider should change (repeat for several)", collect)
    .option("-o, --output <file>", "write the result here instead of back into <file>")
    .option("--force", "replace the -o file if it exists")
    .action(
      async (file: string, opts: { by: string; reason: string[]; output?: string; force?: boolean }) => {
        const written = await (await import("./officer")).runReturnToProvider(file, opts, io);
        const n = opts.reason.length;
        io.out(`Returned ${written} to the provider (${n} ${n === 1 ? "reason" : "reasons"}).\n`);
      },
    );

  graphOptions(
    program
      .command("provision")
      .description("Create the SharePoint lists sync writes to (an admin action: Sites.Manage.All)"),
  ).action(async (opts: { site: string; graphUrl?: string }) => {
    await (await import("./sync")).runProvision(opts, io);
  });

  graphOptions(
    program
      .command("sync")
      .description("Send approved returns' figures to the SharePoint lists")
      .argument("<files...>", ".xlsx returns, folders or globs"),
  )
    .option("--dry-run", "read the lists and show what would change; write nothing")
    .option("--json", "print the sync result as JSON")
    .option("--by <name>", "who the lists record as having synced (default: your user name)")
    .action(
      async (
        files: string[],
        opts: { site: string; graphUrl?: string; dryRun?: boolean; json?: boolean; by?: string },
      ) => {
        setExit(await (await import("./sync")).runSync(files, opts, io));
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
        await (await import("./report")).runReport(opts, io);
      },
    );

  program
    .command("demo")
    .description(
      "Run the whole quarter's job on this machine: emulator, returns, validation, approval, sync, report",
    )
    .option("--out <folder>", "where the demo writes its returns and report (made afresh)", "demo-output")
    .action(async (opts: { out: string }) => {
      setExit(await (await import("./demo")).runDemo(opts, io));
    });

  program
    .command("emulator")
    .description("Run the local Microsoft Graph emulator (SharePoint lists) until Ctrl+C")
    .option("--port <n>", "port on 127.0.0.1 (0: any free port)", String(DEFAULT_EMULATOR_PORT))
    .option("--data <file>", "where the emulator keeps its lists between runs", DEFAULT_EMULATOR_DATA)
    .action(async (opts: { port: string; data: string }) => {
      const emulator = await import("./emulator");
      await emulator.runEmulator({ port: emulator.parsePort(opts.port), data: opts.data }, io);
    });
}
