/**
 * `kpi-returns sync FILE.xlsx... --site SITE` sends approved returns' figures to the SharePoint lists: only returns the
 * Return Register shows approved, whose figures hash to what was approved (dry run plans only). `kpi-returns
 * provision` creates the lists, the register among them.
 */
import path from "node:path";
import { UserError } from "../../core/errors";
import type { SyncRunResult, ReturnSyncResult } from "../../sharepoint";
import { planReturnState } from "../../workbook";
import { cannotKeepMessage } from "../../workbook/xlsx";
import { ExitCode, CliFailure } from "../exit";
import { expandReturnFiles } from "../files";
import { connectGraph, withGraph, type GraphFlags } from "../graph";
import { officerSession } from "../register";
import { registerListName } from "../../sharepoint/register-schema";
import { say, warn, type CliIo } from "../io";
import { startProgress, type Progress } from "../progress";
import { checkReturn, openReturn, type ValidatedReturn } from "../returns";
import { checkingSet, loadCatalogue } from "../template-library";
import { renderTable, wrapText } from "../table";

export interface SyncFlags extends GraphFlags {
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly by?: string;
}

/**
 * The sync table: one row per return, and under a refused return's row its reason in full, wrapped and indented
 * (a reason ends with what to do, so it is never cut).
 */
export function syncTable(result: SyncRunResult): string {
  const [header, rule, ...rows] = renderTable(
    [
      { header: "Provider", value: (r: ReturnSyncResult) => r.provider, max: 34 },
      { header: "Template", value: (r) => r.templateId },
      { header: "Create", value: (r) => String(r.plan.create), align: "right" },
      { header: "Update", value: (r) => String(r.plan.update), align: "right" },
      { header: "Unchanged", value: (r) => String(r.plan.unchanged), align: "right" },
      { header: "Conflict", value: (r) => String(r.plan.conflict), align: "right" },
      { header: "Failed", value: (r) => String(r.plan.failed), align: "right" },
      { header: "Note", value: (r) => (r.refused ? "refused:" : "") },
    ],
    result.returns,
  ).split("\n");
  const reason = (r: ReturnSyncResult): string[] =>
    r.refused ? wrapText(r.refused, REASON_WIDTH).map((l) => `    ${l}`) : [];
  return [header, rule, ...rows.flatMap((row, i) => [row, ...reason(result.returns[i])])].join("\n");
}

/** A refusal's reason is wrapped to this width under its row, so with its indent a line stays within 100 columns. */
const REASON_WIDTH = 92;

export interface SyncRun {
  readonly result: SyncRunResult;
  /** Files that could not be synced because they could not be read as returns, each said in its own words. */
  readonly problems: readonly string[];
  readonly checked: readonly ValidatedReturn[];
}

/** Reads the returns, syncs them, and marks the ones fully synced as such in their workbooks. */
/** "1 return", "2 returns". */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export async function syncFiles(patterns: readonly string[], flags: SyncFlags, io: CliIo): Promise<SyncRun> {
  const files = await expandReturnFiles(patterns, io.cwd);
  const problems: string[] = [];
  const checked: ValidatedReturn[] = [];
  const templates = checkingSet(await loadCatalogue(flags, io, "fail"));
  for (const file of files) {
    try {
      const c = checkReturn(await openReturn(file, io.cwd, templates));
      if (c.kind === "validated") checked.push(c);
      else
        problems.push(
          `"${c.shown}" is not a KPI return.${c.structural[0] ? ` ${c.structural[0].message}` : ""}`,
        );
    } catch (err) {
      if (!(err instanceof UserError)) throw err; // a bug: exit 4, not a file problem
      problems.push(err.message);
    }
  }
  // One bad file never stops the batch: it gets its own line (and the run exit 2), the others are synced. Each
  // return's items are keyed by the return itself, so syncing the good ones never half-updates a bad one.
  if (problems.length > 0 && checked.length === 0) {
    throw new CliFailure(
      problems.length === 1
        ? problems[0]
        : `None of the ${problems.length} files can be read; first: ${problems[0]}`,
      ExitCode.badInput,
    );
  }
  for (const p of problems) warn(io, `kpi-returns: ${p}`);
  // Who syncs is the signed-in officer (or --by against the emulator); what may be synced, the register says.
  const session = await officerSession(flags, io);
  const { syncWithRegister } = await import("../../sharepoint");
  let progress: Progress | null = null;
  const run = await withGraph(() =>
    syncWithRegister(
      session.client,
      session.target,
      checked.map((c) => ({
        ret: c.ret,
        template: c.template,
        workbookFindings: c.structural,
        // The file's name, not its path: the lists should not record where on someone's disk it lived.
        sourceWorkbook: path.basename(c.file),
      })),
      {
        dryRun: flags.dryRun,
        syncedBy: session.act.officer.name,
        act: session.act,
        now: () => io.now(),
        onProgress: (done, total) => {
          progress ??= startProgress(io, "Syncing", total);
          progress.update(done);
        },
      },
    ),
  );
  (progress as Progress | null)?.stop();
  // The register now says which returns are synced; each one's workbook gets the copy for the provider.
  for (const [index, stamp] of run.stamps) {
    const c = checked[index];
    if (c.workbook.notKept.length > 0) {
      // The lists are synced; the workbook is left as it was rather than rewritten without what it holds.
      warn(io, `kpi-returns: ${cannotKeepMessage(c.shown, c.workbook.notKept)}`);
      continue;
    }
    c.workbook.apply(planReturnState(stamp));
    await c.workbook.save(c.file);
  }
  return { result: run.result, checked, problems };
}

export async function runSync(patterns: readonly string[], flags: SyncFlags, io: CliIo): Promise<number> {
  const { result, problems } = await syncFiles(patterns, flags, io);
  if (flags.json) {
    say(io, JSON.stringify(result, null, 2));
  } else {
    say(io, syncTable(result));
    for (const r of result.returns) {
      for (const c of r.conflicts) say(io, `  conflict ${c.key}: ${c.reason}`);
    }
    const t = result.totals;
    say(
      io,
      `\n${result.dryRun ? "Dry run, nothing written: would create" : "Created"} ${t.create}, ` +
        `${result.dryRun ? "update" : "updated"} ${t.update}, unchanged ${t.unchanged}; ` +
        `${count(t.conflict, "conflict", "conflicts")}, ${t.failed} failed, ${count(t.refused, "return", "returns")} refused.`,
    );
    if (result.listUrls.kpi) say(io, `Lists: ${result.listUrls.kpi}  ${result.listUrls.budget}`);
    if (t.failed > 0 && !result.throttled)
      say(io, "Some writes failed after every retry: run the same sync again to finish the job.");
  }
  // Graph kept throttling some writes past every retry: a service problem (exit 3), told in one line on stderr.
  if (result.throttled) throw new CliFailure(result.throttled.message, ExitCode.unreachable);
  const t = result.totals;
  if (problems.length > 0) return ExitCode.badInput;
  return t.conflict + t.failed + t.refused > 0 ? ExitCode.failed : ExitCode.ok;
}

export async function runProvision(flags: GraphFlags, io: CliIo): Promise<void> {
  const { client, target } = await connectGraph(flags, io, "provision");
  const { provisionLists } = await import("../../sharepoint");
  const lists = await withGraph(() => provisionLists(client, target));
  say(io, `The lists are ready on ${target.site}:`);
  say(io, `  ${lists.kpi.displayName}  ${lists.kpi.webUrl}`);
  say(io, `  ${lists.budget.displayName}  ${lists.budget.webUrl}`);
  say(
    io,
    `  ${registerListName(target)}  (the officers' own record; set its permissions: README, The Return Register)`,
  );
  const { provisionTemplateList, TEMPLATE_LIST_NAME } = await import("../../sharepoint/template-list");
  const templates = await withGraph(() => provisionTemplateList(client, target));
  say(io, `  ${TEMPLATE_LIST_NAME}  ${templates.webUrl}`);
}
