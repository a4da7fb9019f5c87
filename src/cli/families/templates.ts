/** The template commands: `templates` lists what a return can be written with; `template …` authors them as workbooks. */
import { graphOptions, librarySite, type Registration } from "./options";

/** `templates`, and `template export | check | publish | retire`. */
export function registerTemplateCommands({ program, io, setExit }: Registration): void {
  librarySite(
    program
      .command("templates")
      .description(
        "List the KPI templates a return can be written with: built in, and published to the site's KPI Templates list",
      )
      .option("--json", "print JSON instead of a table"),
  ).action(async (opts: { json?: boolean; site?: string; graphUrl?: string }) => {
    await (await import("../commands/templates")).runTemplates(opts, io);
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
      await (
        await import("../commands/template")
      ).runTemplateExport(library.templateOf(catalogue, id), opts, io);
    },
  );
  template
    .command("check")
    .description("Read a template workbook and list every problem by sheet and cell (exit 2 when any)")
    .argument("<file>", "the template workbook (.xlsx)")
    .option("--json", "print the template read, as JSON")
    .action(async (file: string, opts: { json?: boolean }) => {
      setExit(await (await import("../commands/template")).runTemplateCheck(file, opts, io));
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
      setExit(await (await import("../commands/template")).runTemplatePublish(file, opts, io));
    });
  graphOptions(
    template
      .command("retire")
      .description(
        "Retire a published template version: no new returns with it; issued returns still check against it",
      )
      .argument("<ref>", "ID@VERSION"),
  ).action(async (ref: string, opts: { site: string; graphUrl?: string }) => {
    setExit(await (await import("../commands/template")).runTemplateRetire(ref, opts, io));
  });
}
