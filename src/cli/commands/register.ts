/**
 * The quarter's commands over the Return Register: `issue` (blank returns from a plan, each registered), `receive`
 * (check workbooks against the register and record them received), `status` (the quarter at a glance) and `remind`
 * (reminder drafts for returns not yet received). Decisions are core's; this only reads and writes.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { checkCase, decideReceive } from "../../core/decisions";
import { formatPeriod, parsePeriod } from "../../core/period";
import {
  dueForReminder,
  quarterRows,
  quarterSummary,
  reminderMessage,
  serviceTitle,
  type QuarterRow,
} from "../../core/quarter";
import { findEntry, newRegisterEntry, providerKey, type RegisterEntry } from "../../core/register";
import type { KpiTemplate } from "../../core/types";
import { builtInTemplates } from "../../templates";
import { issuedFigures, planNewReturn } from "../../workbook";
import { newXlsx } from "../../workbook/xlsx";
import { ExitCode, CliFailure } from "../exit";
import { expandReturnFiles, makeFolderFor, shownPath, templateById, writeOutputFile } from "../files";
import { connectGraph, withGraph, type GraphFlags } from "../graph";
import { say, warn, type CliIo } from "../io";
import { officerSession, type OfficerFlags } from "../register";
import { checkReturn, openReturnByLibrary, type CheckedReturn } from "../returns";
import { readSetupFiles, type SetupFigures } from "../setup-files";
import { renderTable } from "../table";
import { checkingSet, libraryOnDemand, loadCatalogue, templateToUse } from "../template-library";
import { countsText } from "./validate";

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
    const key = `${providerKey(row.provider)}|${row.template.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      notes.push(
        `"${row.provider}" and "${first}" are one provider (names differing only by case, spaces or apostrophes); "${row.provider}" on ${row.template} was not issued twice.`,
      );
      continue;
    }
    seen.set(key, row.provider);
    const already = findEntry(existing, { provider: row.provider, templateId: row.template, period });
    if (already) {
      notes.push(
        already.provider === row.provider
          ? `${row.provider} on ${row.template} for ${period} is already in the register (${already.status}); left as it is.`
          : `"${row.provider}" is the register's "${already.provider}" (names differing only by case, spaces or apostrophes); ${row.template} for ${period} is already issued to them, left as it is.`,
      );
      continue;
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
    entries.push(
      await writeIssuedReturn(
        { provider: row.provider, email: row.email, templateId: template.id, period, due, figures, template },
        file,
        session.act.officer.name,
        session.act.at,
      ),
    );
  }
  const { created, existing: raced } = await withGraph(() =>
    createRegisterEntries(session.client, session.target, entries),
  );
  for (const e of raced)
    notes.push(`${e.provider} on ${e.templateId} was registered meanwhile by someone else; left as it is.`);
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

export async function runReceive(
  patterns: readonly string[],
  opts: OfficerFlags & { json?: boolean },
  io: CliIo,
): Promise<number> {
  const files = await expandReturnFiles(patterns, io.cwd);
  const session = await officerSession(opts, io);
  const { readRegisterFor, writeRegisterEntry } = await import("../../sharepoint");
  const opened: CheckedReturn[] = [];
  // Each return is read against the version it was issued with, the KPI Templates list's included.
  const library = libraryOnDemand(opts, io);
  for (const file of files) opened.push(checkReturn(await openReturnByLibrary(file, io.cwd, library)));
  const records = await withGraph(() =>
    readRegisterFor(
      session.client,
      session.target,
      opened.map((o) => o.ret),
    ),
  );
  const out: {
    file: string;
    provider: string | null;
    templateId: string | null;
    status: string;
    received: boolean;
    reason?: string;
    findings: { ruleId: string; severity: string; message: string }[];
  }[] = [];
  let failed = false;
  for (const o of opened) {
    const entry = o.ret
      ? findEntry(
          records.map((r) => r.entry),
          o.ret,
        )
      : null;
    const c = checkCase({
      ret: o.ret,
      template: o.template,
      workbookFindings: o.structural,
      register: { entry, others: records.map((r) => r.entry) },
    });
    const decision = decideReceive(c, session.act);
    const registerFindings = c.findings.filter((f) => f.ruleId.startsWith("REGISTER-"));
    if (decision.ok) {
      const i = records.findIndex((r) => r.entry.returnKey === decision.entry.returnKey);
      records[i] = await withGraph(() =>
        writeRegisterEntry(session.client, session.target, records[i], decision.entry),
      );
    } else failed = true;
    if (registerFindings.some((f) => f.severity === "error")) failed = true;
    out.push({
      file: o.shown,
      provider: c.ret?.provider ?? null,
      templateId: c.ret?.templateId ?? null,
      status: decision.ok ? decision.entry.status : (c.entry?.status ?? "Unknown"),
      received: decision.ok,
      ...(decision.ok ? {} : { reason: decision.reason }),
      findings: c.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message })),
    });
    if (!opts.json) {
      say(
        io,
        `${o.shown}: ${decision.ok ? `received (${c.ret?.provider})` : `not received: ${decision.reason}`}`,
      );
      say(io, `  ${countsText(c.findings)}`);
      for (const f of registerFindings) say(io, `  ${f.severity} ${f.ruleId}: ${f.message}`);
    }
  }
  if (opts.json) say(io, JSON.stringify(out, null, 2));
  return failed ? ExitCode.failed : ExitCode.ok;
}

// ---------- status ----------

export interface StatusJson {
  provider: string;
  templateId: string;
  service: string;
  period: string;
  status: string;
  dueDate: string;
  daysOverdue: number;
  errors: number | null;
  queries: number | null;
  approvedBy: string | null;
}

/**
 * The templates that name the services of these entries: the built-in ones, and the KPI Templates list's when an
 * entry was issued from a template version not built in (read only then, so a quarter of built-in templates costs no
 * extra request).
 */
async function templatesFor(
  entries: readonly RegisterEntry[],
  flags: GraphFlags,
  io: CliIo,
): Promise<readonly KpiTemplate[]> {
  const builtIn = (id: string, version: string) =>
    builtInTemplates.some((t) => t.id === id && t.version === version);
  if (entries.every((e) => builtIn(e.templateId, e.templateVersion))) return builtInTemplates;
  return checkingSet(await loadCatalogue(flags, io));
}

export function statusJson(rows: readonly QuarterRow[]): StatusJson[] {
  return rows.map((r) => ({
    provider: r.provider,
    templateId: r.templateId,
    service: r.service,
    period: r.period,
    status: r.status,
    dueDate: r.dueDate,
    daysOverdue: r.daysOverdue,
    errors: r.errors,
    queries: r.queries,
    approvedBy: r.approvedBy,
  }));
}

export function statusTable(rows: readonly QuarterRow[]): string {
  const ukDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  return renderTable(
    [
      { header: "Provider", value: (r: QuarterRow) => r.provider, max: 34 },
      { header: "Service", value: (r) => r.service, max: 30 },
      { header: "Status", value: (r) => r.status },
      { header: "Due", value: (r) => ukDay(r.dueDate) },
      { header: "Overdue", value: (r) => (r.daysOverdue > 0 ? `${r.daysOverdue} d` : ""), align: "right" },
      { header: "Errors", value: (r) => (r.errors === null ? "" : String(r.errors)), align: "right" },
      { header: "Queries", value: (r) => (r.queries === null ? "" : String(r.queries)), align: "right" },
      { header: "Approved by", value: (r) => r.approvedBy ?? "", max: 24 },
    ],
    rows,
  );
}

export async function quarterOf(flags: GraphFlags & { period: string }, io: CliIo): Promise<QuarterRow[]> {
  const period = formatPeriod(parsePeriod(flags.period));
  const { client, target } = await connectGraph(flags, io);
  const { readRegister } = await import("../../sharepoint");
  const entries = (await withGraph(() => readRegister(client, target, period))).map((r) => r.entry);
  return quarterRows(entries, io.now().toISOString(), await templatesFor(entries, flags, io));
}

export async function runStatus(
  opts: GraphFlags & { period: string; json?: boolean },
  io: CliIo,
): Promise<void> {
  const rows = await quarterOf(opts, io);
  if (opts.json) {
    say(io, JSON.stringify(statusJson(rows), null, 2));
    return;
  }
  if (rows.length === 0) {
    say(
      io,
      `The Return Register holds no returns for ${formatPeriod(parsePeriod(opts.period))}. Issue them with \`kpi-returns issue\`.`,
    );
    return;
  }
  say(io, statusTable(rows));
  say(io, `\n${quarterSummary(rows)}`);
}

// ---------- remind ----------

export interface RemindOptions extends OfficerFlags {
  readonly period: string;
  readonly within: string;
  readonly eml?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

/** An RFC 5322 draft: what a mail program opens and sends. Plain text, UTF-8. */
export function emlText(m: { to: string; subject: string; body: string }, from: string, at: Date): string {
  const subject = /^[\x20-\x7e]*$/.test(m.subject)
    ? m.subject
    : `=?UTF-8?B?${Buffer.from(m.subject, "utf8").toString("base64")}?=`;
  return [
    `From: ${from}`,
    `To: ${m.to}`,
    `Subject: ${subject}`,
    `Date: ${at.toUTCString().replace("GMT", "+0000")}`,
    "X-Unsent: 1",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    m.body.replace(/\r?\n/g, "\r\n"),
    "",
  ].join("\r\n");
}

export async function runRemind(opts: RemindOptions, io: CliIo): Promise<void> {
  const period = formatPeriod(parsePeriod(opts.period));
  const within = Number(opts.within);
  if (!Number.isInteger(within) || within < 0) {
    throw new CliFailure(
      `--within "${opts.within}" must be a whole number of days, 0 or more.`,
      ExitCode.badInput,
      "--within",
    );
  }
  // Only drafting in Outlook needs the mail scope; .eml files and a dry run do not ask for it.
  const session = await officerSession(opts, io, opts.eml || opts.dryRun ? "officer" : "remind");
  const { readRegister, writeRegisterEntry, draftMessage } = await import("../../sharepoint");
  const records = await withGraph(() => readRegister(session.client, session.target, period));
  const today = io.now().toISOString();
  const due = dueForReminder(
    records.map((r) => r.entry),
    today,
    within,
  );
  const templates = await templatesFor(due, opts, io);
  const messages = due.map((e) => ({
    entry: e,
    ...reminderMessage(
      e,
      today,
      session.act.officer,
      serviceTitle(templates, e.templateId, e.templateVersion),
    ),
  }));
  const written: string[] = [];
  if (!opts.dryRun) {
    for (const m of messages) {
      if (!m.to) {
        warn(
          io,
          `kpi-returns: ${m.entry.provider} has no e-mail in the Return Register; no reminder drafted.`,
        );
        continue;
      }
      if (opts.eml) {
        const file = path.resolve(
          io.cwd,
          opts.eml,
          returnFileName(m.entry.provider, m.entry.templateId).replace(/\.xlsx$/, ".eml"),
        );
        await makeFolderFor(file, shownPath(file, io.cwd));
        await writeOutputFile(file, shownPath(file, io.cwd), emlText(m, session.act.officer.upn, io.now()));
        written.push(shownPath(file, io.cwd));
      } else {
        await withGraph(() => draftMessage(session.client, m));
        written.push(`Outlook draft to ${m.to}`);
      }
      const record = records.find((r) => r.entry.returnKey === m.entry.returnKey)!;
      await withGraph(() =>
        writeRegisterEntry(session.client, session.target, record, {
          ...record.entry,
          lastReminderAt: session.act.at,
        }),
      );
    }
  }
  if (opts.json) {
    say(
      io,
      JSON.stringify(
        messages.map((m) => ({
          provider: m.entry.provider,
          templateId: m.entry.templateId,
          period: m.entry.period,
          dueDate: m.entry.dueDate,
          to: m.to,
          subject: m.subject,
          sent: !opts.dryRun && !!m.to,
        })),
        null,
        2,
      ),
    );
    return;
  }
  if (messages.length === 0) {
    say(
      io,
      `No reminders: every return of ${period} not yet received is due more than ${within} day${within === 1 ? "" : "s"} from now.`,
    );
    return;
  }
  for (const m of messages)
    say(
      io,
      `${opts.dryRun ? "Would remind" : "Reminded"} ${m.entry.provider} (${m.to || "no e-mail"}): ${m.subject}`,
    );
  if (written.length > 0)
    say(
      io,
      opts.eml
        ? `Wrote ${written.length} .eml file${written.length === 1 ? "" : "s"} into ${opts.eml}.`
        : `${written.length} draft${written.length === 1 ? "" : "s"} are in your Outlook Drafts folder, ready to check and send.`,
    );
}
