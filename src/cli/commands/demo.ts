/**
 * `kpi-returns demo` (`npm run demo`): the whole quarter's job on this machine, with no Excel, tenant or network.
 * Each numbered step uses the same code as the commands an officer would run (template export/check/publish, issue,
 * validate, override, approve, sync, report), on returns built from the Q2 2022/23 report's figures, its data-quality
 * slips included, and one new service (Safer Streets 4) whose template the team authors and publishes itself.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EMULATOR_SITE } from "../../sharepoint/target";
import type { Finding, KpiTemplate } from "../../core/types";
import { formatPeriod, parsePeriod } from "../../core/period";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { buildQuarterlyReport, type FundingLine, type QuarterlyReport } from "../../report/model";
import { kpiValue, money, ragText, share, vsLastYearText, vsPreviousText } from "../../report/text";
import { seedInput, seedReturns, seedSetup, SEED_PERIOD, type SeedReturn } from "../../seed/q2-2022-23";
import { saferStreets4Return, saferStreets4Template } from "../../seed/safer-streets-4";
import { readPeriodItems, provisionLists, type BudgetListItem, type KpiListItem } from "../../sharepoint";
import type { RegisterEntry } from "../../core/register";
import { planProviderInput } from "../../workbook";
import { openXlsx } from "../../workbook/xlsx";
import { ExitCode, CliFailure } from "../exit";
import { freshFolder, shownPath } from "../files";
import { connectGraph, withGraph } from "../graph";
import { say, type CliIo } from "../io";
import { placeFindings, cellText, type ReadReturn } from "../returns";
import { renderTable } from "../table";
import { runApprove, runOverride, runReturnToProvider } from "./officer";
import { writeReport } from "./report";
import { syncFiles, syncTable } from "./sync";
import { validateFiles, verdict, withRegister } from "./validate";
import { officerSession } from "../register";
import { quarterOf, runReceive, runRemind, statusTable, writeIssuedReturn } from "./register";
import { readCheckedTemplate, runTemplateExport, runTemplatePublish } from "./template";
import { checkingSet, loadCatalogue, templateToUse } from "../template-library";

export interface DemoOptions {
  /** Folder for the returns and the report; made afresh each run. */
  readonly out: string;
}

const OFFICER = "Commissioning Officer (demo)";
const STEPS = 10;

function heading(io: CliIo, n: number, title: string): void {
  say(io);
  say(io, `=== Step ${n} of ${STEPS}: ${title} ===`);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function fileFor(entry: SeedReturn): string {
  return `${slug(entry.templateId)}--${slug(entry.provider)}.xlsx`;
}

/** The provider who has not sent the return in by the demo's day: their reminder is drafted. */
export const DEMO_LATE_PROVIDER = "Longlands care farm";
/** When the quarter's returns are due, and the demo's "today" (six days later). */
export const DEMO_DUE = "2022-10-14";
export const DEMO_TODAY = "2022-10-20T09:30:00Z";

/**
 * Step 2: the team adds a service without a developer. The officer writes the Safer Streets 4 template as a template
 * workbook (the code of `template export`), checks it back (`template check`) and publishes what the workbook holds
 * (`template publish`); the template the quarter issues with is then the one the KPI Templates list gives back.
 */
async function authorTemplate(
  dir: string,
  graph: { site: string; graphUrl: string },
  io: CliIo,
): Promise<KpiTemplate> {
  await freshFolder(dir, shownPath(dir, io.cwd));
  const file = path.join(dir, `${saferStreets4Template.id}.xlsx`);
  const quiet: CliIo = { ...io, out: () => undefined };
  await runTemplateExport(saferStreets4Template, { output: file }, quiet);
  const read = await readCheckedTemplate(file, io);
  say(
    io,
    `  Wrote the template workbook ${shownPath(file, io.cwd)} and checked it: "${read.id}" version ${read.version}, ${read.kpis.length} KPIs (${read.kpis.map((k) => k.label).join("; ")}).`,
  );
  // The command's own words, indented under the step like the rest (only lines with text: `out` gets their newlines).
  await runTemplatePublish(
    file,
    { ...graph, by: OFFICER },
    { ...io, out: (t) => io.out(t.replace(/^(?=.)/gm, "  ")) },
  );
  const catalogue = await loadCatalogue(graph, io);
  const published = catalogue.entries.find(
    (e) => e.source === "library" && e.template.id === read.id && e.template.version === read.version,
  );
  if (!published || published.status !== "Published")
    throw new CliFailure(
      `The KPI Templates list does not hold ${read.id}@${read.version} as published after publishing it.`,
      ExitCode.failed,
    );
  say(
    io,
    `  KPI Templates list item ${read.id}@${read.version}: ${published.status}, by ${published.publishedBy ?? "(nobody recorded)"} at ${published.publishedAt ?? "(no time recorded)"}.`,
  );
  return templateToUse(catalogue, `${read.id}@${read.version}`);
}

/**
 * Step 3: the officer issues the quarter (each blank return written and registered, as `issue` does), the new Safer
 * Streets 4 return among them; every provider but one fills theirs in, exactly as the seed's cells were typed.
 */
async function issueReturns(
  dir: string,
  session: Awaited<ReturnType<typeof officerSession>>,
  io: CliIo,
  fromLibrary: readonly { entry: SeedReturn; template: KpiTemplate }[],
): Promise<{ file: string; entry: SeedReturn; returned: boolean }[]> {
  await freshFolder(dir, shownPath(dir, io.cwd));
  const made: { file: string; entry: SeedReturn; returned: boolean }[] = [];
  const registered: RegisterEntry[] = [];
  const toIssue = [
    ...seedReturns.map((entry) => ({ entry, template: undefined })),
    ...fromLibrary.map(({ entry, template }) => ({ entry, template })),
  ];
  for (const { entry, template } of toIssue) {
    const file = path.join(dir, fileFor(entry));
    const setup = seedSetup(entry, template);
    registered.push(
      await writeIssuedReturn(
        {
          provider: entry.provider,
          email: `returns@${slug(entry.provider)}.example`,
          templateId: entry.templateId,
          period: entry.period,
          due: DEMO_DUE,
          figures: setup,
          ...(template ? { template } : {}),
        },
        file,
        session.act.officer.name,
        session.act.at,
      ),
    );
    const returned = entry.provider !== DEMO_LATE_PROVIDER;
    if (returned) {
      const workbook = await openXlsx(file);
      workbook.apply(planProviderInput(workbook.snapshot(), seedInput(entry), { asTyped: true }));
      await workbook.save(file);
    }
    made.push({ file, entry, returned });
  }
  const { createRegisterEntries } = await import("../../sharepoint");
  await withGraph(() => createRegisterEntries(session.client, session.target, registered));
  say(
    io,
    indent(
      renderTable(
        [
          {
            header: "Return",
            value: (m: { file: string; entry: SeedReturn; returned: boolean }) => path.basename(m.file),
            max: 58,
          },
          { header: "Provider", value: (m) => m.entry.provider, max: 34 },
          { header: "Sent in", value: (m) => (m.returned ? "yes" : "not yet") },
          {
            header: "Slips typed as in the report",
            value: (m) => (m.returned ? (m.entry.slips ?? []).map((s) => s.note).join(" ") : ""),
            max: 60,
          },
        ],
        made,
      ),
    ),
  );
  say(
    io,
    `  ${made.length} returns issued in ${shownPath(dir, io.cwd)}, each registered in the Return Register, due ${DEMO_DUE}.`,
  );
  return made;
}

function shortFindingsTable(checked: readonly ReadReturn[]): string {
  const rows = checked.flatMap((c) =>
    placeFindings(c, c.findings).map((p) => ({ provider: c.ret.provider, template: c.ret.templateId, p })),
  );
  return renderTable(
    [
      { header: "Provider", value: (r: (typeof rows)[number]) => r.provider, max: 28 },
      { header: "Severity", value: (r) => r.p.finding.severity },
      { header: "Rule", value: (r) => r.p.finding.ruleId },
      { header: "Cell", value: (r) => cellText(r.p) },
      { header: "Message", value: (r) => r.p.finding.message, max: 96 },
    ],
    rows,
  );
}

function summaryTable(checked: readonly ReadReturn[]): string {
  const n = (c: ReadReturn, s: Finding["severity"]): string =>
    String(c.findings.filter((f) => f.severity === s).length);
  return renderTable(
    [
      { header: "Provider", value: (c: ReadReturn) => c.ret.provider, max: 34 },
      { header: "Template", value: (c) => c.ret.templateId },
      { header: "Errors", value: (c) => n(c, "error"), align: "right" },
      { header: "Queries", value: (c) => n(c, "query"), align: "right" },
      { header: "Info", value: (c) => n(c, "info"), align: "right" },
      { header: "Verdict", value: verdict },
    ],
    checked,
  );
}

interface Decision {
  provider: string;
  templateId: string;
  commentary: number;
  overrides: number;
  outcome: string;
}

/**
 * Step 5: each unexplained query is answered the way it was in the report's narrative, by the provider's commentary
 * where the seed has one, otherwise by the officer's override with a reason; then the officer approves. A return
 * with an error would be sent back to the provider instead.
 */
async function explainAndApprove(
  checked: readonly ReadReturn[],
  entries: Map<string, SeedReturn>,
  graph: { site: string; graphUrl: string },
  io: CliIo,
): Promise<{ approved: string[]; decisions: Decision[] }> {
  const approved: string[] = [];
  const decisions: Decision[] = [];
  for (const c of checked) {
    const ret = c.ret;
    const entry = entries.get(c.file);
    const decision: Decision = {
      provider: ret.provider,
      templateId: ret.templateId,
      commentary: 0,
      overrides: 0,
      outcome: "",
    };
    decisions.push(decision);
    const errors = c.findings.filter((f) => f.severity === "error");
    if (errors.length > 0) {
      await runReturnToProvider(c.file, { ...graph, by: OFFICER, reason: errors.map((f) => f.message) }, io);
      decision.outcome = "returned to provider";
      continue;
    }
    const open = c.findings.filter((f) => f.severity === "query" && !f.explainedBy);
    const answers: Record<string, { commentary: string }> = {};
    for (const f of open) {
      const answer = f.kpiId ? entry?.queryAnswers?.[f.kpiId] : undefined;
      if (answer && f.kpiId) {
        const existing = ret.kpis.find((k) => k.kpiId === f.kpiId)?.commentary ?? "";
        answers[f.kpiId] = { commentary: [existing, answer].filter(Boolean).join(" ") };
      }
    }
    if (Object.keys(answers).length > 0) {
      // The provider answers in the Commentary column, as the sheet asks them to.
      const workbook = await openXlsx(c.file);
      workbook.apply(planProviderInput(workbook.snapshot(), { kpis: answers }));
      await workbook.save(c.file);
      decision.commentary = Object.keys(answers).length;
    }
    for (const f of open) {
      if (f.kpiId && answers[f.kpiId]) continue;
      await runOverride(
        c.file,
        {
          rule: f.ruleId,
          subject: f.kpiId ?? f.lineId ?? "",
          reason:
            "Consistent with the provider's narrative for the quarter; accepted by the commissioning officer.",
          by: OFFICER,
          ...graph,
        },
        io,
      );
      decision.overrides += 1;
    }
    await runApprove(
      c.file,
      { ...graph, by: OFFICER, comment: "Q2 2022/23 return checked in the demo." },
      io,
    );
    decision.outcome = "approved";
    approved.push(c.file);
  }
  return { approved, decisions };
}

function financeView(
  kpis: readonly KpiListItem[],
  budget: readonly BudgetListItem[],
  report: QuarterlyReport,
): string {
  const lines = report.funding.groups.flatMap((g) => g.lines);
  const budgetTable = renderTable(
    [
      { header: "Area / CSP", value: (l: FundingLine) => l.area, max: 34 },
      { header: "Awarded", value: (l) => money(l.awarded), align: "right" },
      { header: "Spent to date", value: (l) => money(l.spent), align: "right" },
      { header: "Utilisation", value: (l) => share(l.utilisation), align: "right" },
      { header: "Expected", value: (l) => share(l.expectedUtilisation), align: "right" },
      { header: "Forecast outturn", value: (l) => money(l.forecastOutturn), align: "right" },
      { header: "RAG", value: (l) => ragText(l.rag) },
    ],
    lines,
  );
  const rows = report.services.flatMap((s) => s.kpis.filter((k) => k.actual !== null).map((k) => ({ s, k })));
  const kpiTable = renderTable(
    [
      { header: "Service", value: (r: (typeof rows)[number]) => r.s.service, max: 30 },
      { header: "KPI", value: (r) => r.k.label, max: 44 },
      { header: "Actual", value: (r) => kpiValue(r.k, r.k.actual), align: "right" },
      { header: "Target", value: (r) => kpiValue(r.k, r.k.target), align: "right" },
      { header: "vs prev Q", value: (r) => vsPreviousText(r.k), align: "right" },
      { header: "vs last year", value: (r) => vsLastYearText(r.k), align: "right" },
      { header: "RAG", value: (r) => ragText(r.k.rag) },
    ],
    rows,
  );
  return (
    `"Budget Returns" list (${budget.length} items; the ${lines.length} with money awarded or spent):\n${budgetTable}\n\n` +
    `"KPI Returns" list (${kpis.length} items; the ${rows.length} with a figure this quarter):\n${kpiTable}`
  );
}

export async function runDemo(opts: DemoOptions, given: CliIo): Promise<number> {
  const started = Date.now();
  // The demo lives in its quarter: six days after the returns were due, so one is late and its reminder is drafted.
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kpi-returns-demo-"));
  // The KPI Templates cache goes with the emulator's data: nothing of the demo's site is left for a later run.
  const io: CliIo = {
    ...given,
    now: () => new Date(DEMO_TODAY),
    env: { ...given.env, KPI_TEMPLATE_CACHE: path.join(dataDir, "template-cache.json") },
  };
  const outDir = path.resolve(io.cwd, opts.out);
  const returnsDir = path.join(outDir, "returns");
  const period = formatPeriod(parsePeriod(SEED_PERIOD));
  let emulator: RunningEmulator | null = null;
  say(
    io,
    `KPI Returns demo: the ${period} quarter, from issuing the returns to the finance report, on this machine.`,
  );
  try {
    heading(io, 1, "Start the Graph emulator and provision the lists (the Return Register among them)");
    emulator = await startEmulator({ port: 0, dataFile: path.join(dataDir, "emulator.json") });
    say(io, `  Listening at ${emulator.url}; its lists live in a temporary file.`);
    const graph = { site: EMULATOR_SITE, graphUrl: emulator.url };
    const { client, target } = await connectGraph(graph, io, "provision");
    await withGraph(() => provisionLists(client, target));
    say(io, `  Lists "KPI Returns", "Budget Returns" and "Return Register" provisioned on ${EMULATOR_SITE}.`);
    const session = await officerSession({ ...graph, by: OFFICER }, io);

    heading(
      io,
      2,
      "Author a new service's template as a workbook (Safer Streets 4), check it and publish it to the KPI Templates list",
    );
    const ss4 = await authorTemplate(path.join(outDir, "templates"), graph, io);

    heading(
      io,
      3,
      `Issue the ${period} quarter; the providers fill their returns in (one has not sent theirs yet)`,
    );
    const made = await issueReturns(returnsDir, session, io, [{ entry: saferStreets4Return, template: ss4 }]);
    const inHand = made.filter((m) => m.returned);
    const entries = new Map(inHand.map((m) => [m.file, m.entry]));

    heading(
      io,
      4,
      "Receive the returns sent in, and check them against their templates and the Return Register",
    );
    await runReceive(
      inHand.map((m) => m.file),
      { ...graph, by: OFFICER, json: true },
      { ...io, out: () => undefined },
    );
    const run = await withRegister(
      await validateFiles(
        inHand.map((m) => m.file),
        io,
        graph,
      ),
      graph,
      io,
    );
    if (run.problems.length > 0) {
      throw new CliFailure(
        `Could not read the demo's own returns: ${run.problems[0].message}`,
        ExitCode.failed,
      );
    }
    say(io, `  ${inHand.length} returns received and recorded in the Return Register.`);
    say(io, indent(summaryTable(run.checked)));
    say(io);
    say(io, indent(shortFindingsTable(run.checked)));

    heading(
      io,
      5,
      "Explain the queries and approve the returns (each decision recorded in the register first)",
    );
    const { approved, decisions } = await explainAndApprove(run.checked, entries, graph, io);
    say(
      io,
      indent(
        renderTable(
          [
            { header: "Provider", value: (d: Decision) => d.provider, max: 34 },
            { header: "Template", value: (d) => d.templateId },
            { header: "Provider's commentary", value: (d) => String(d.commentary), align: "right" },
            { header: "Officer's overrides", value: (d) => String(d.overrides), align: "right" },
            { header: "Outcome", value: (d) => d.outcome },
          ],
          decisions,
        ),
      ),
    );
    say(io, `  ${approved.length} of ${decisions.length} returns approved by ${OFFICER}.`);

    heading(io, 6, "Remind the provider whose return is overdue");
    await runRemind({ ...graph, by: OFFICER, period, within: "0" }, io);
    const drafts = emulator.snapshot().messages ?? [];
    for (const d of drafts) {
      say(io, `  Draft to ${d.toRecipients.map((r) => r.emailAddress.address).join(", ")}: ${d.subject}`);
      say(io, indent(indent(d.body.content.split("\n").slice(0, 3).join("\n"))));
    }

    heading(
      io,
      7,
      "Sync the approved returns to SharePoint (the register says which), and show the finance view",
    );
    const synced = await syncFiles(approved, { ...graph, by: OFFICER }, io);
    say(io, indent(syncTable(synced.result)));
    const t = synced.result.totals;
    if (t.conflict + t.failed + t.refused > 0) {
      throw new CliFailure(
        `The sync did not finish cleanly: ${t.conflict} conflicts, ${t.failed} failed, ${t.refused} refused.`,
        ExitCode.failed,
      );
    }
    const { kpi: kpiItems, budget: budgetItems } = await withGraph(() =>
      readPeriodItems(client, target, { period }),
    );
    // The report knows each service by the template it was issued with, the KPI Templates list's included.
    const templates = checkingSet(await loadCatalogue(graph, io));
    const report = buildQuarterlyReport(kpiItems, budgetItems, period, { templates });
    say(io);
    say(io, indent(financeView(kpiItems, budgetItems, report)));

    heading(io, 8, "Write the quarterly report from the lists");
    const xlsx = path.join(outDir, "quarterly-report.xlsx");
    const html = path.join(outDir, "quarterly-report.html");
    await writeReport(report, xlsx, io.now(), EMULATOR_SITE, shownPath(xlsx, io.cwd));
    await writeReport(report, html, io.now(), EMULATOR_SITE, shownPath(html, io.cwd));
    // The Word document in the shape the team publishes, its narrative drafted from the lists.
    const docx = path.join(outDir, "quarterly-report.docx");
    await writeReport(report, docx, io.now(), EMULATOR_SITE, shownPath(docx, io.cwd));
    say(
      io,
      `  Community Safety Partnerships: awarded ${money(report.cspTotal.awarded)}, spent ${money(report.cspTotal.spent)}, ${share(report.cspTotal.utilisation)} utilisation`,
    );
    say(io, `  ${report.csps.map((c) => `${c.area} ${share(c.utilisation)}`).join(", ")}`);
    say(io, `  Wrote ${shownPath(xlsx, io.cwd)}, ${shownPath(html, io.cwd)} and ${shownPath(docx, io.cwd)}`);

    heading(io, 9, "The quarter at a glance (kpi-returns status)");
    const rows = await quarterOf({ ...graph, period }, io);
    say(io, indent(statusTable(rows)));

    heading(io, 10, "Stop the emulator");
    await emulator.stop();
    emulator = null;
    say(io, "  Stopped.");
    say(io);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const sentBack = decisions.filter((d) => d.outcome !== "approved");
    if (sentBack.length > 0) {
      say(
        io,
        `${sentBack.length} ${sentBack.length === 1 ? "return was" : "returns were"} sent back to the provider with the errors to fix: ${sentBack.map((d) => `${d.provider} (${d.templateId})`).join(", ")}.`,
      );
    }
    say(io, `Demo finished in ${seconds} s. Open ${shownPath(html, io.cwd)} to read the report.`);
    return ExitCode.ok;
  } finally {
    if (emulator) await emulator.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
