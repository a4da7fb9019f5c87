/**
 * `kpi-returns demo` (`npm run demo`): the whole quarter's job on this machine, with no Excel, tenant or network.
 * Each numbered step uses the same code as the commands an officer would run (template export/check/publish, issue,
 * validate, override, approve, sync, report), on returns built from the Q2 2022/23 report's figures, its data-quality
 * slips included, and one new service (Safer Streets 4) whose template the team authors and publishes itself.
 * The steps are data, in `demo-steps.ts`; what they do as an officer would, in `demo-quarter.ts`.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatPeriod, parsePeriod } from "../../core/period";
import { SEED_PERIOD } from "../../seed/q2-2022-23";
import { ExitCode } from "../exit";
import { shownPath } from "../files";
import { say, type CliIo } from "../io";
import { DEMO_TODAY } from "./demo-quarter";
import { DEMO_STEPS, need, type DemoRun } from "./demo-steps";

export interface DemoOptions {
  /** Folder for the returns and the report; made afresh each run. */
  readonly out: string;
}

/** The closing lines: the returns sent back, and where the report is. */
function farewell(run: DemoRun, started: number): void {
  const { io } = run;
  say(io);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const sentBack = need(run.decisions, "decisions").filter((d) => d.outcome !== "approved");
  if (sentBack.length > 0) {
    say(
      io,
      `${sentBack.length} ${sentBack.length === 1 ? "return was" : "returns were"} sent back to the provider with the errors to fix: ${sentBack.map((d) => `${d.provider} (${d.templateId})`).join(", ")}.`,
    );
  }
  say(
    io,
    `Demo finished in ${seconds} s. Open ${shownPath(need(run.html, "report"), io.cwd)} to read the report.`,
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
  const run: DemoRun = {
    io,
    outDir: path.resolve(io.cwd, opts.out),
    dataDir,
    period: formatPeriod(parsePeriod(SEED_PERIOD)),
  };
  say(
    io,
    `KPI Returns demo: the ${run.period} quarter, from issuing the returns to the finance report, on this machine.`,
  );
  try {
    for (const [i, step] of DEMO_STEPS.entries()) {
      say(io);
      say(io, `=== Step ${i + 1} of ${DEMO_STEPS.length}: ${step.title(run)} ===`);
      await step.act(run);
    }
    farewell(run, started);
    return ExitCode.ok;
  } finally {
    if (run.emulator) await run.emulator.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
