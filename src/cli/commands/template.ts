/**
 * `kpi-returns template export|check`: a KPI template as a template workbook an officer edits in Excel, and such a
 * workbook read back and checked, every problem named by sheet and cell.
 */
import path from "node:path";
import { problemText } from "../../core/template-sheets-read";
import type { KpiTemplate } from "../../core/types";
import { templateWorkbookBuffer, readTemplateWorkbook } from "../../workbook/template-xlsx";
import { ExitCode, CliFailure } from "../exit";
import { checkOutput, shownPath, writeOutputFile } from "../files";
import { say, warn, type CliIo } from "../io";
import { UserError } from "../../core/errors";
import {
  builtInEntry,
  decidePublish,
  entriesFromStored,
  type TemplateEntry,
} from "../../core/template-library";
import type { KpiTemplatesList } from "../../sharepoint/template-list";
import { builtInTemplates } from "../../templates";
import { connectGraph, graphBaseUrl, withGraph, type GraphConnection } from "../graph";
import { refuseByOffEmulator } from "../register";

export async function runTemplateExport(
  template: KpiTemplate,
  opts: { output: string; force?: boolean },
  io: CliIo,
): Promise<void> {
  const output = await checkOutput(opts.output, opts.force, io.cwd);
  const shown = shownPath(output, io.cwd);
  let bytes: Buffer;
  try {
    bytes = await templateWorkbookBuffer(template);
  } catch (err) {
    if (err instanceof UserError) throw new CliFailure(err.message, ExitCode.badInput, err.where);
    throw err;
  }
  await writeOutputFile(output, shown, bytes);
  say(
    io,
    `Wrote ${shown}: template "${template.id}" version ${template.version} (${template.kpis.length} KPIs, ${template.rules.length} rules, ${template.budgetLines.length} budget lines).`,
  );
}

/** Reads a template workbook: the template, or a failure (exit 2) listing every problem by sheet and cell. */
export async function readCheckedTemplate(file: string, io: CliIo): Promise<KpiTemplate> {
  const absolute = path.resolve(io.cwd, file);
  const shown = shownPath(absolute, io.cwd);
  let read;
  try {
    read = await readTemplateWorkbook(absolute, shown);
  } catch (err) {
    if (err instanceof UserError) throw new CliFailure(err.message, ExitCode.badInput, shown);
    throw err;
  }
  if (read.template === null) {
    const n = read.problems.length;
    for (const p of read.problems) warn(io, `${shown}: ${problemText(p)}`);
    throw new CliFailure(
      `${shown}: ${n} ${n === 1 ? "problem" : "problems"} in the template workbook; fix ${n === 1 ? "it" : "them"} and check again.`,
      ExitCode.badInput,
      shown,
    );
  }
  return read.template;
}

export async function runTemplateCheck(file: string, opts: { json?: boolean }, io: CliIo): Promise<number> {
  const template = await readCheckedTemplate(file, io);
  if (opts.json) say(io, JSON.stringify(template, null, 2));
  else
    say(
      io,
      `${shownPath(path.resolve(io.cwd, file), io.cwd)}: template "${template.id}" version ${template.version} is sound (${template.kpis.length} KPIs, ${template.rules.length} rules, ${template.budgetLines.length} budget lines).`,
    );
  return ExitCode.ok;
}

// ---------- The library: publish, retire, list ----------

export interface LibraryCommandFlags {
  readonly site: string;
  readonly graphUrl?: string;
  /** Who publishes, on the emulator only (a real site takes it from the sign-in). */
  readonly by?: string;
}

/**
 * The officer a publish records: the signed-in account from Graph's /me, as the Return Register records its
 * officers. `--by` is accepted only against an emulator on this machine, where there is no real sign-in.
 */
async function publishingOfficer(connection: GraphConnection, flags: LibraryCommandFlags): Promise<string> {
  refuseByOffEmulator(flags, connection.target.baseUrl);
  const by = flags.by?.trim();
  if (by) return by;
  const { signedInOfficer } = await import("../../sharepoint/register");
  const me = await withGraph(() => signedInOfficer(connection.client));
  return me.name === me.upn ? me.name : `${me.name} (${me.upn})`;
}

async function libraryAndKnown(
  connection: GraphConnection,
): Promise<{ list: KpiTemplatesList; known: TemplateEntry[]; refused: string[] }> {
  const { provisionTemplateList, readTemplateList } = await import("../../sharepoint/template-list");
  const list =
    (await withGraph(() => readTemplateList(connection.client, connection.target))) ??
    (await withGraph(() => provisionTemplateList(connection.client, connection.target)));
  const { entries, refused } = entriesFromStored(list.items);
  return { list, known: [...builtInTemplates.map(builtInEntry), ...entries], refused };
}

export async function runTemplatePublish(
  file: string,
  flags: LibraryCommandFlags,
  io: CliIo,
): Promise<number> {
  refuseByOffEmulator(flags, graphBaseUrl(flags, io));
  const template = await readCheckedTemplate(file, io);
  // Publishing records who published (GET /me), so it asks for the officer's scopes, User.Read included.
  const connection = await connectGraph(flags, io, "officer");
  const { list, known, refused } = await libraryAndKnown(connection);
  for (const line of refused) warn(io, line);
  // An item the list holds but that cannot be read still holds its id@version: never publish over it.
  const key = `${template.id}@${template.version}`;
  if (
    list.items.some((i) => `${i.templateId}@${i.version}` === key) &&
    !known.some((e) => e.source === "library" && `${e.template.id}@${e.template.version}` === key)
  ) {
    throw new CliFailure(
      `${key} is already in the KPI Templates list (unreadable, see above): give this template a new version.`,
      ExitCode.failed,
    );
  }
  const decision = decidePublish(template, known);
  if (decision.kind === "unchanged") {
    say(
      io,
      `${key} is already ${decision.existing.status === "Built-in" ? "built in" : decision.existing.status.toLowerCase()}, exactly as in this workbook: nothing to publish.`,
    );
    return ExitCode.ok;
  }
  if (decision.kind === "refused") throw new CliFailure(decision.reason, ExitCode.failed, key);
  const by = await publishingOfficer(connection, flags);
  const { addTemplateVersion } = await import("../../sharepoint/template-list");
  await withGraph(() =>
    addTemplateVersion(connection.client, list, template, {
      by,
      at: io.now().toISOString(),
      status: "Published",
    }),
  );
  const found =
    decision.from === null
      ? "a new template"
      : `a ${decision.change.part} change from ${decision.from} (${decision.change.changes.map((c) => c.what).join("; ")})`;
  say(io, `Published ${key} to the KPI Templates list, by ${by}. Found ${found}.`);
  return ExitCode.ok;
}

export async function runTemplateRetire(ref: string, flags: LibraryCommandFlags, io: CliIo): Promise<number> {
  const [id, version] = ref.split("@");
  if (!id || !version)
    throw new CliFailure(
      `Name the version to retire as ID@VERSION (e.g. safer-streets@1.0.0), not "${ref}".`,
      ExitCode.badInput,
      ref,
    );
  const connection = await connectGraph(flags, io);
  const { list } = await libraryAndKnown(connection);
  const item = list.items.find((i) => i.templateId === id && i.version === version);
  if (!item) {
    const builtIn = builtInTemplates.some((t) => t.id === id && t.version === version);
    throw new CliFailure(
      builtIn
        ? `${ref} is built into the add-in, not in the KPI Templates list: publish a newer version to replace it.`
        : `${ref} is not in the KPI Templates list.`,
      ExitCode.badInput,
      ref,
    );
  }
  if (item.status === "Retired") {
    say(io, `${ref} is already retired.`);
    return ExitCode.ok;
  }
  const { setTemplateStatus } = await import("../../sharepoint/template-list");
  await withGraph(() => setTemplateStatus(connection.client, list, item, "Retired"));
  say(
    io,
    `Retired ${ref}: new returns can no longer be issued with it; returns already issued are still checked against it.`,
  );
  return ExitCode.ok;
}
