/**
 * `issue`: a quarter's blank returns written from a plan, one per row, each registered in the Return Register; and
 * the same registration for a return `new --site` writes. Decisions are core's; this only reads and writes.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { formatPeriod, parsePeriod } from "../../core/period";
import { findEntry, newRegisterEntry, providerKey, type RegisterEntry } from "../../core/register";
import type { KpiTemplate } from "../../core/types";
import { issuedFigures, planNewReturn } from "../../workbook";
import { newXlsx } from "../../workbook/xlsx";
import { ExitCode, CliFailure } from "../exit";
import { makeFolderFor, shownPath, templateById } from "../files";
import { withGraph } from "../graph";
import { say, type CliIo } from "../io";
import { officerSession, type OfficerFlags } from "../register";
import { readSetupFiles, type SetupFigures } from "../setup-files";
import { loadCatalogue, templateToUse } from "../template-library";

/** A due date as typed: yyyy-mm-dd, a real day. */
export function parseDueDate(text: string, flag = "--due"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const d = m ? new Date(`${m[0]}T00:00:00Z`) : null;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[0]) {
    throw new CliFailure(
      `${flag} "${text}" is not a date written yyyy-mm-dd (e.g. 2022-10-14).`,
      ExitCode.badInput,
      flag,
    );
  }
  return m[0];
}

// ---------- issue ----------

interface PlanRow {
  readonly provider: string;
  readonly email: string;
  readonly template: string;
  readonly targets?: string;
  readonly history?: string;
}

/** The plan file: CSV (provider,email,template,targets,history) or a JSON array of the same fields. */
async function readPlan(file: string, shown: string): Promise<PlanRow[]> {
  let text: string;
  try {
    text = (await fs.readFile(file, "utf8")).replace(/^\uFEFF/, "");
  } catch {
    throw new CliFailure(`The plan "${shown}" does not exist or cannot be read.`, ExitCode.badInput, shown);
  }
  let rows: Record<string, unknown>[];
  if (path.extname(file).toLowerCase() === ".json") {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) throw new Error("not an array");
      rows = parsed as Record<string, unknown>[];
    } catch {
      throw new CliFailure(
        `The plan "${shown}" is not a JSON array of rows (provider, email, template, targets, history).`,
        ExitCode.badInput,
        shown,
      );
    }
  } else if (path.extname(file).toLowerCase() === ".csv") {
    try {
      rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<
        string,
        unknown
      >[];
    } catch {
      throw new CliFailure(`The plan "${shown}" is not readable CSV.`, ExitCode.badInput, shown);
    }
  } else {
    throw new CliFailure(`The plan "${shown}" must be .csv or .json.`, ExitCode.badInput, shown);
  }
  return rows.map((r, i) => {
    const field = (name: string): string => (typeof r[name] === "string" ? (r[name] as string).trim() : "");
    for (const name of ["provider", "template"]) {
      if (!field(name)) {
        throw new CliFailure(`${shown}: row ${i + 1} has no "${name}".`, ExitCode.badInput, shown);
      }
    }
    return {
      provider: field("provider"),
      email: field("email"),
      template: field("template"),
      ...(field("targets") ? { targets: field("targets") } : {}),
      ...(field("history") ? { history: field("history") } : {}),
    };
  });
}

/** "Victim Advice Line - victim-advice-line.xlsx": a file name from a provider and template, safe on any disk. */
export function returnFileName(provider: string, templateId: string): string {
  const safe = provider
    .replace(/[\\/:*?"<>|']/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return `${safe} - ${templateId}.xlsx`;
}

export interface IssueOptions extends OfficerFlags {
  readonly plan: string;
  readonly period: string;
  readonly due: string;
  readonly output: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

/** Writes one blank return (as `new` does) and gives its register entry. */
export async function writeIssuedReturn(
  r: {
    provider: string;
    email: string;
    templateId: string;
    period: string;
    due: string;
    figures: SetupFigures;
    /** A template from the KPI Templates list; by default the built-in one `templateId` names. */
    template?: KpiTemplate;
  },
  file: string,
  by: string,
  at: string,
): Promise<RegisterEntry> {
  const template = r.template ?? templateById(r.templateId);
  const setup = { template, provider: r.provider, period: r.period, ...r.figures };
  const workbook = newXlsx();
  workbook.apply(planNewReturn(setup));
  await workbook.save(file);
  return newRegisterEntry({
    provider: r.provider,
    providerEmail: r.email,
    templateId: template.id,
    templateVersion: template.version,
    period: r.period,
    dueDate: r.due,
    issued: { ...issuedFigures(setup), previousSpent: r.figures.previousSpent },
    by,
    at,
  });
}

/** What issuing one plan row needs from the run: the quarter, where files go, and what is already issued. */
interface IssueRun {
  readonly period: string;
  readonly due: string;
  readonly planFile: string;
  readonly dir: string;
  readonly existing: readonly RegisterEntry[];
  readonly seen: Map<string, string>;
  readonly notes: string[];
  readonly catalogue: Awaited<ReturnType<typeof loadCatalogue>>;
  readonly session: Awaited<ReturnType<typeof officerSession>>;
}

/** One plan row's return written and its register entry given; null (with a note) when it is already issued. */
async function issueRow(
  row: PlanRow,
  run: IssueRun,
  opts: IssueOptions,
  io: CliIo,
): Promise<RegisterEntry | null> {
  const { period, due, planFile, dir, existing, seen, notes, catalogue, session } = run;
  const key = `${providerKey(row.provider)}|${row.template.toLowerCase()}`;
  const first = seen.get(key);
  if (first !== undefined) {
    notes.push(
      `"${row.provider}" and "${first}" are one provider (names differing only by case, spaces or apostrophes); "${row.provider}" on ${row.template} was not issued twice.`,
    );
    return null;
  }
  seen.set(key, row.provider);
  const already = findEntry(existing, { provider: row.provider, templateId: row.template, period });
  if (already) {
    notes.push(
      already.provider === row.provider
        ? `${row.provider} on ${row.template} for ${period} is already in the register (${already.status}); left as it is.`
        : `"${row.provider}" is the register's "${already.provider}" (names differing only by case, spaces or apostrophes); ${row.template} for ${period} is already issued to them, left as it is.`,
    );
    return null;
  }
  const template = templateToUse(catalogue, row.template);
  const figures = await readSetupFiles(template, {
    targets: row.targets && path.resolve(path.dirname(planFile), row.targets),
    history: row.history && path.resolve(path.dirname(planFile), row.history),
  });
  const file = path.join(dir, returnFileName(row.provider, template.id));
  await makeFolderFor(file, shownPath(file, io.cwd));
  if (!opts.force) {
    const taken = await fs.stat(file).then(
      () => true,
      () => false,
    );
    if (taken)
      throw new CliFailure(
        `"${shownPath(file, io.cwd)}" already exists: give --force to replace it.`,
        ExitCode.badInput,
        file,
      );
  }
  return await writeIssuedReturn(
    { provider: row.provider, email: row.email, templateId: template.id, period, due, figures, template },
    file,
    session.act.officer.name,
    session.act.at,
  );
}

/** What was issued, as JSON or in words. */
function reportIssued(
  created: readonly RegisterEntry[],
  notes: readonly string[],
  period: string,
  dir: string,
  opts: IssueOptions,
  io: CliIo,
): void {
  if (opts.json) {
    say(
      io,
      JSON.stringify(
        {
          issued: created.map((e) => ({
            provider: e.provider,
            templateId: e.templateId,
            period: e.period,
            dueDate: e.dueDate,
            file: returnFileName(e.provider, e.templateId),
          })),
          notes,
        },
        null,
        2,
      ),
    );
  } else {
    for (const e of created)
      say(
        io,
        `Issued ${returnFileName(e.provider, e.templateId)}: ${e.provider}, ${e.templateId}, due ${e.dueDate}.`,
      );
    for (const n of notes) say(io, `Note: ${n}`);
    say(
      io,
      `${created.length} return${created.length === 1 ? "" : "s"} issued for ${period} into ${shownPath(dir, io.cwd)} and registered in the Return Register.`,
    );
  }
}

export async function runIssue(opts: IssueOptions, io: CliIo): Promise<number> {
  const period = formatPeriod(parsePeriod(opts.period));
  const due = parseDueDate(opts.due);
  const planFile = path.resolve(io.cwd, opts.plan);
  const rows = await readPlan(planFile, shownPath(planFile, io.cwd));
  const session = await officerSession(opts, io);
  // A plan may name any published template: the KPI Templates list's as well as the built-in ones.
  const catalogue = await loadCatalogue(opts, io);
  const { readRegister, createRegisterEntries } = await import("../../sharepoint");
  const existing = (await withGraph(() => readRegister(session.client, session.target, period))).map(
    (r) => r.entry,
  );
  const dir = path.resolve(io.cwd, opts.output);
  const notes: string[] = [];
  const entries: RegisterEntry[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const entry = await issueRow(
      row,
      { period, due, planFile, dir, existing, seen, notes, catalogue, session },
      opts,
      io,
    );
    if (entry) entries.push(entry);
  }
  const { created, existing: raced } = await withGraph(() =>
    createRegisterEntries(session.client, session.target, entries),
  );
  for (const e of raced)
    notes.push(`${e.provider} on ${e.templateId} was registered meanwhile by someone else; left as it is.`);
  reportIssued(created, notes, period, dir, opts, io);
  return ExitCode.ok;
}

/** `new --site`: the return it writes is registered the same way `issue` registers each of its own. */
export async function registerNewReturn(
  opts: OfficerFlags & { provider: string; template: string; period: string; email?: string; due?: string },
  figures: SetupFigures,
  file: string,
  io: CliIo,
): Promise<void> {
  if (!opts.due)
    throw new CliFailure(
      "--due is needed with --site: when is the return due (yyyy-mm-dd)?",
      ExitCode.badInput,
      "--due",
    );
  const due = parseDueDate(opts.due);
  const period = formatPeriod(parsePeriod(opts.period));
  const session = await officerSession(opts, io);
  const { readRegisterEntry, createRegisterEntries } = await import("../../sharepoint");
  const already = await withGraph(() =>
    readRegisterEntry(session.client, session.target, {
      provider: opts.provider,
      templateId: opts.template,
      period,
    }),
  );
  if (already) {
    throw new CliFailure(
      `${already.entry.provider} on ${already.entry.templateId} for ${period} is already in the Return Register (${already.entry.status})${already.entry.provider !== opts.provider.trim() ? `; "${opts.provider.trim()}" is the same provider (names differing only by case, spaces or apostrophes)` : ""}. Nothing was written.`,
      ExitCode.failed,
    );
  }
  const entry = await writeIssuedReturn(
    {
      provider: opts.provider.trim(),
      email: opts.email ?? "",
      templateId: opts.template,
      period,
      due,
      figures,
    },
    file,
    session.act.officer.name,
    session.act.at,
  );
  await withGraph(() => createRegisterEntries(session.client, session.target, [entry]));
}

// ---------- receive ----------
