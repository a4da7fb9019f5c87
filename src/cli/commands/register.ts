/**
 * The quarter's commands over the Return Register: `receive` (check workbooks against the register and record them
 * received) and `status` (the quarter at a glance); `issue` and `remind` are beside it (issue.ts, remind.ts).
 * Decisions are core's; this only reads and writes.
 */
import { checkCase, decideReceive } from "../../core/decisions";
import { formatPeriod, parsePeriod } from "../../core/period";
import { quarterRows, quarterSummary, type QuarterRow } from "../../core/quarter";
import { findEntry, type RegisterEntry } from "../../core/register";
import type { KpiTemplate } from "../../core/types";
import { builtInTemplates } from "../../templates";
import { ExitCode } from "../exit";
import { expandReturnFiles } from "../files";
import { connectGraph, withGraph, type GraphFlags } from "../graph";
import { say, type CliIo } from "../io";
import { officerSession, type OfficerFlags } from "../register";
import { checkReturn, openReturnByLibrary, type CheckedReturn } from "../returns";
import { renderTable } from "../table";
import { checkingSet, libraryOnDemand, loadCatalogue } from "../template-library";
import { countsText } from "./validate";

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
export async function templatesFor(
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
