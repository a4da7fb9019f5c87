/**
 * The demo's quarter, step by step as an officer would do it: the new service's template authored, the returns
 * issued and filled in from the Q2 2022/23 figures, the queries explained and the returns approved, and the tables the
 * demo prints along the way. Each uses the same code as the command an officer would run.
 */
import path from "node:path";
import type { Finding, KpiTemplate } from "../../core/types";
import type { FundingLine, QuarterlyReport } from "../../report/model";
import { kpiValue, money, ragText, share, vsLastYearText, vsPreviousText } from "../../report/text";
import { seedInput, seedReturns, seedSetup, type SeedReturn } from "../../seed/q2-2022-23";
import { saferStreets4Template } from "../../seed/safer-streets-4";
import { type BudgetListItem, type KpiListItem } from "../../sharepoint";
import type { RegisterEntry } from "../../core/register";
import { findingSubject } from "../../core/subject";
import { planProviderInput } from "../../workbook";
import { openXlsx } from "../../workbook/xlsx";
import { ExitCode, CliFailure } from "../exit";
import { freshFolder, shownPath } from "../files";
import { withGraph } from "../graph";
import { say, type CliIo } from "../io";
import { placeFindings, cellText, type ReadReturn } from "../returns";
import { renderTable } from "../table";
import { runApprove, runOverride, runReturnToProvider } from "./officer";
import { verdict } from "./validate";
import { officerSession } from "../register";
import { writeIssuedReturn } from "./issue";
import { readCheckedTemplate, runTemplateExport, runTemplatePublish } from "./template";
import { loadCatalogue, templateToUse } from "../template-library";

/** Who acts in the demo. */
export const OFFICER = "Commissioning Officer (demo)";

export function indent(text: string): string {
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
export async function authorTemplate(
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
export async function issueReturns(
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

export function shortFindingsTable(checked: readonly ReadReturn[]): string {
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

export function summaryTable(checked: readonly ReadReturn[]): string {
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

/** One row of the demo's decisions table: how the officer settled one return, and with how many explanations. */
export interface DecisionSummary {
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
export async function explainAndApprove(
  checked: readonly ReadReturn[],
  entries: Map<string, SeedReturn>,
  graph: { site: string; graphUrl: string },
  io: CliIo,
): Promise<{ approved: string[]; decisions: DecisionSummary[] }> {
  const approved: string[] = [];
  const decisions: DecisionSummary[] = [];
  for (const c of checked) {
    const ret = c.ret;
    const entry = entries.get(c.file);
    const decision: DecisionSummary = {
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
          subject: findingSubject(f),
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

export function financeView(
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

/** Each return's decision, as a table. */
export function decisionsTable(decisions: readonly DecisionSummary[]): string {
  return renderTable(
    [
      { header: "Provider", value: (d: DecisionSummary) => d.provider, max: 34 },
      { header: "Template", value: (d) => d.templateId },
      { header: "Provider's commentary", value: (d) => String(d.commentary), align: "right" },
      { header: "Officer's overrides", value: (d) => String(d.overrides), align: "right" },
      { header: "Outcome", value: (d) => d.outcome },
    ],
    decisions,
  );
}
