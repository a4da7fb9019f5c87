/**
 * The demo's numbered steps, as data: each a title and what it does, run in order by `runDemo` over one shared
 * record of the run (the emulator, the returns in hand, the decisions, the report). A step reads what an earlier
 * step left with `need`, so a step moved out of order fails plainly.
 */
import path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import type { KpiTemplate } from "../../core/types";
import { buildQuarterlyReport, type QuarterlyReport } from "../../report/model";
import { money, share } from "../../report/text";
import type { SeedReturn } from "../../seed/q2-2022-23";
import { saferStreets4Return } from "../../seed/safer-streets-4";
import { provisionLists, readPeriodItems } from "../../sharepoint";
import { EMULATOR_SITE } from "../../sharepoint/target";
import { CliFailure, ExitCode } from "../exit";
import { shownPath } from "../files";
import { connectGraph, withGraph } from "../graph";
import { say, type CliIo } from "../io";
import { officerSession } from "../register";
import type { ReadReturn } from "../returns";
import { checkingSet, loadCatalogue } from "../template-library";
import {
  authorTemplate,
  decisionsTable,
  explainAndApprove,
  financeView,
  indent,
  issueReturns,
  OFFICER,
  shortFindingsTable,
  summaryTable,
  type DecisionSummary,
} from "./demo-quarter";
import { quarterOf, runReceive, statusTable } from "./register";
import { runRemind } from "./remind";
import { writeReport } from "./report";
import { syncFiles, syncTable } from "./sync";
import { validateFiles, withRegister } from "./validate";

/** What the steps share: set by one, read by the later ones. */
export interface DemoRun {
  readonly io: CliIo;
  readonly outDir: string;
  readonly dataDir: string;
  readonly period: string;
  emulator?: RunningEmulator;
  graph?: { site: string; graphUrl: string };
  client?: Awaited<ReturnType<typeof connectGraph>>;
  session?: Awaited<ReturnType<typeof officerSession>>;
  ss4?: KpiTemplate;
  inHand?: { file: string; entry: SeedReturn }[];
  checked?: readonly ReadReturn[];
  approved?: string[];
  decisions?: DecisionSummary[];
  report?: QuarterlyReport;
  html?: string;
}

/** What an earlier step left; a step run before it fails plainly (a fault in the demo, not the user's). */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The demo's steps ran out of order: no ${what} yet.`);
  return value;
}

export interface DemoStep {
  readonly title: (run: DemoRun) => string;
  readonly act: (run: DemoRun) => Promise<void>;
}

/** Step 1: the emulator started and the lists provisioned, the officer's session opened. */
const startSite: DemoStep = {
  title: () => "Start the Graph emulator and provision the lists (the Return Register among them)",
  act: async (run) => {
    const { io } = run;
    run.emulator = await startEmulator({ port: 0, dataFile: path.join(run.dataDir, "emulator.json") });
    say(io, `  Listening at ${run.emulator.url}; its lists live in a temporary file.`);
    const graph = { site: EMULATOR_SITE, graphUrl: run.emulator.url };
    run.graph = graph;
    run.client = await connectGraph(graph, io, "provision");
    const { client, target } = run.client;
    await withGraph(() => provisionLists(client, target));
    say(io, `  Lists "KPI Returns", "Budget Returns" and "Return Register" provisioned on ${EMULATOR_SITE}.`);
    run.session = await officerSession({ ...graph, by: OFFICER }, io);
  },
};

const authorStep: DemoStep = {
  title: () =>
    "Author a new service's template as a workbook (Safer Streets 4), check it and publish it to the KPI Templates list",
  act: async (run) => {
    run.ss4 = await authorTemplate(path.join(run.outDir, "templates"), need(run.graph, "site"), run.io);
  },
};

const issueStep: DemoStep = {
  title: (run) =>
    `Issue the ${run.period} quarter; the providers fill their returns in (one has not sent theirs yet)`,
  act: async (run) => {
    const made = await issueReturns(path.join(run.outDir, "returns"), need(run.session, "session"), run.io, [
      { entry: saferStreets4Return, template: need(run.ss4, "Safer Streets 4 template") },
    ]);
    run.inHand = made.filter((m) => m.returned);
  },
};

const receiveStep: DemoStep = {
  title: () => "Receive the returns sent in, and check them against their templates and the Return Register",
  act: async (run) => {
    const { io } = run;
    const graph = need(run.graph, "site");
    const inHand = need(run.inHand, "returns");
    await runReceive(
      inHand.map((m) => m.file),
      { ...graph, by: OFFICER, json: true },
      { ...io, out: () => undefined },
    );
    const checked = await withRegister(
      await validateFiles(
        inHand.map((m) => m.file),
        io,
        graph,
      ),
      graph,
      io,
    );
    if (checked.problems.length > 0) {
      throw new CliFailure(
        `Could not read the demo's own returns: ${checked.problems[0].message}`,
        ExitCode.failed,
      );
    }
    run.checked = checked.checked;
    say(io, `  ${inHand.length} returns received and recorded in the Return Register.`);
    say(io, indent(summaryTable(checked.checked)));
    say(io);
    say(io, indent(shortFindingsTable(checked.checked)));
  },
};

const approveStep: DemoStep = {
  title: () => "Explain the queries and approve the returns (each decision recorded in the register first)",
  act: async (run) => {
    const entries = new Map(need(run.inHand, "returns").map((m) => [m.file, m.entry]));
    const { approved, decisions } = await explainAndApprove(
      need(run.checked, "checked returns"),
      entries,
      need(run.graph, "site"),
      run.io,
    );
    run.approved = approved;
    run.decisions = decisions;
    say(run.io, indent(decisionsTable(decisions)));
    say(run.io, `  ${approved.length} of ${decisions.length} returns approved by ${OFFICER}.`);
  },
};

const remindStep: DemoStep = {
  title: () => "Remind the provider whose return is overdue",
  act: async (run) => {
    const { io } = run;
    await runRemind({ ...need(run.graph, "site"), by: OFFICER, period: run.period, within: "0" }, io);
    const drafts = need(run.emulator, "emulator").snapshot().messages ?? [];
    for (const d of drafts) {
      say(io, `  Draft to ${d.toRecipients.map((r) => r.emailAddress.address).join(", ")}: ${d.subject}`);
      say(io, indent(indent(d.body.content.split("\n").slice(0, 3).join("\n"))));
    }
  },
};

const syncStep: DemoStep = {
  title: () => "Sync the approved returns to SharePoint (the register says which), and show the finance view",
  act: async (run) => {
    const { io, period } = run;
    const graph = need(run.graph, "site");
    const synced = await syncFiles(need(run.approved, "approved returns"), { ...graph, by: OFFICER }, io);
    say(io, indent(syncTable(synced.result)));
    const t = synced.result.totals;
    if (t.conflict + t.failed + t.refused > 0) {
      throw new CliFailure(
        `The sync did not finish cleanly: ${t.conflict} conflicts, ${t.failed} failed, ${t.refused} refused.`,
        ExitCode.failed,
      );
    }
    const { client, target } = need(run.client, "Graph client");
    const { kpi: kpiItems, budget: budgetItems } = await withGraph(() =>
      readPeriodItems(client, target, { period }),
    );
    // The report knows each service by the template it was issued with, the KPI Templates list's included.
    const templates = checkingSet(await loadCatalogue(graph, io));
    run.report = buildQuarterlyReport(kpiItems, budgetItems, period, { templates });
    say(io);
    say(io, indent(financeView(kpiItems, budgetItems, run.report)));
  },
};

const reportStep: DemoStep = {
  title: () => "Write the quarterly report from the lists",
  act: async (run) => {
    const { io, outDir } = run;
    const report = need(run.report, "report");
    const xlsx = path.join(outDir, "quarterly-report.xlsx");
    const html = path.join(outDir, "quarterly-report.html");
    await writeReport(report, xlsx, io.now(), EMULATOR_SITE, shownPath(xlsx, io.cwd));
    await writeReport(report, html, io.now(), EMULATOR_SITE, shownPath(html, io.cwd));
    // The Word document in the shape the team publishes, its narrative drafted from the lists.
    const docx = path.join(outDir, "quarterly-report.docx");
    await writeReport(report, docx, io.now(), EMULATOR_SITE, shownPath(docx, io.cwd));
    run.html = html;
    say(
      io,
      `  Community Safety Partnerships: awarded ${money(report.cspTotal.awarded)}, spent ${money(report.cspTotal.spent)}, ${share(report.cspTotal.utilisation)} utilisation`,
    );
    say(io, `  ${report.csps.map((c) => `${c.area} ${share(c.utilisation)}`).join(", ")}`);
    say(io, `  Wrote ${shownPath(xlsx, io.cwd)}, ${shownPath(html, io.cwd)} and ${shownPath(docx, io.cwd)}`);
  },
};

const statusStep: DemoStep = {
  title: () => "The quarter at a glance (kpi-returns status)",
  act: async (run) => {
    const rows = await quarterOf({ ...need(run.graph, "site"), period: run.period }, run.io);
    say(run.io, indent(statusTable(rows)));
  },
};

const stopStep: DemoStep = {
  title: () => "Stop the emulator",
  act: async (run) => {
    await need(run.emulator, "emulator").stop();
    run.emulator = undefined;
    say(run.io, "  Stopped.");
  },
};

/** The demo's steps, in the order they run and are numbered. */
export const DEMO_STEPS: readonly DemoStep[] = [
  startSite,
  authorStep,
  issueStep,
  receiveStep,
  approveStep,
  remindStep,
  syncStep,
  reportStep,
  statusStep,
  stopStep,
];
