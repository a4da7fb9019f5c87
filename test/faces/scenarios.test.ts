/**
 * One table of scenarios through all three faces: the command line (validate --site, approve, sync, in process), the
 * task pane's host (on the fake Excel through the office-js port) and the ribbon's Check return (on the same host).
 * Each scenario is a workbook built by the same plans on both executors and a Return Register entry in a fresh
 * emulator per face; every face must reach the same findings, the same approve and sync outcome, and leave the
 * register in the same state. The attacks are a provider's, made with nothing but the workbook.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { resolveGraphTarget } from "../../src/auth/config";
import { main } from "../../src/cli/main";
import { checkReturnCommand, type CheckSummary } from "../../src/commands/check-return";
import { figuresHash } from "../../src/core/approval";
import type { RegisterEntry, RegisterStatus } from "../../src/core/register";
import type { Return } from "../../src/core/types";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { findSeedReturn, seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import {
  checkLists,
  createRegisterEntries,
  provisionLists,
  readListItems,
  readRegisterEntry,
  syncReturns,
} from "../../src/sharepoint";
import { createExcelHost } from "../../src/taskpane/excel-host";
import { officeWorkbook } from "../../src/taskpane/office-workbook";
import { builtInTemplates } from "../../src/templates";
import {
  cellOf,
  emptyPlan,
  planNewReturn,
  planProviderInput,
  planReturnState,
  readReturn,
  type WorkbookPlan,
  type WorkbookSnapshot,
} from "../../src/workbook";
import { applyPlan, readSnapshot } from "../../src/workbook/office";
import { validateReturn } from "../../src/core/validate";
import { newXlsx } from "../../src/workbook/xlsx";
import { emulatorClient } from "../support/emulator-graph";
import { FakeWorkbook } from "../support/fake-excel";
import { seedEntry } from "../support/register";
import { tempDir, testIo } from "../cli/support";

const AT = "2022-10-14T09:30:00Z";
const now = () => new Date(AT);

/** Where a scenario's plans are applied: an .xlsx file for the command line, the fake Excel for the pane. */
interface Writer {
  apply(plan: WorkbookPlan): Promise<void>;
  snapshot(): Promise<WorkbookSnapshot>;
}

type Seed = { templateId: string; provider?: string };
const VAL: Seed = { templateId: "victim-advice-line" };
const CSP: Seed = { templateId: "csp-budget", provider: "Shropshire CSP" };

/** The seed return filled in; `referrals` changes the VAL figure; `explain` gives the provider's commentary. */
async function fill(
  w: Writer,
  seed: Seed,
  opts: { referrals?: number; explain?: boolean; target?: number } = {},
) {
  const entry = findSeedReturn(seed.templateId, seed.provider)!;
  const setup = seedSetup(entry);
  await w.apply(
    planNewReturn(
      opts.target === undefined ? setup : { ...setup, targets: { ...setup.targets, referrals: opts.target } },
    ),
  );
  const input = seedInput(entry);
  const kpis = { ...input.kpis };
  if (opts.referrals !== undefined) kpis.referrals = { ...kpis.referrals, actual: opts.referrals };
  if (opts.explain) kpis.referrals = { ...kpis.referrals, commentary: "IT disruption during the quarter." };
  await w.apply(planProviderInput(await w.snapshot(), { ...input, kpis }));
}

/** The return as the workbook now holds it (the provider's own copy). */
async function held(w: Writer): Promise<Return> {
  const ret = readReturn(await w.snapshot(), builtInTemplates).ret;
  if (!ret) throw new Error("test setup: no return read back");
  return ret;
}

/** A forged approval: status and approval block written by the provider, the hash recomputed from public data. */
async function forgeApproval(w: Writer, more: Partial<Return> = {}) {
  const ret = { ...(await held(w)), ...more };
  const approval = { by: "Provider typed this", at: AT, hash: figuresHash(ret) };
  await w.apply(planReturnState({ ...ret, status: "approved", approval }));
}

/** The register's entry, in a given state; `approvedFigures` names what the register's approval hashed. */
function entryOf(seed: Seed, status: RegisterStatus, approvedFigures?: Return): RegisterEntry {
  const entry = seedEntry(findSeedReturn(seed.templateId, seed.provider)!);
  const approval = approvedFigures
    ? { by: "Officer A", upn: "officer.a@commissioning.example", at: AT, hash: figuresHash(approvedFigures) }
    : null;
  return { ...entry, status, receivedAt: status === "Issued" ? null : AT, approval };
}

/** The figures of a filled seed return, as a register would have hashed them at approval. */
async function figuresOf(seed: Seed, opts: Parameters<typeof fill>[2] = {}): Promise<Return> {
  const book = newXlsx();
  await fill(xlsxWriter(book), seed, opts);
  return held(xlsxWriter(book));
}

function xlsxWriter(book: ReturnType<typeof newXlsx>): Writer {
  return { apply: async (p) => book.apply(p), snapshot: async () => book.snapshot() };
}

interface Scenario {
  readonly name: string;
  readonly seed: Seed;
  build(w: Writer): Promise<void>;
  register(): Promise<RegisterEntry>;
  /** The lists already hold this return's items, one edited by hand in SharePoint since. */
  readonly handEdited?: boolean;
  readonly expected: Omit<Outcome, "findings"> & {
    /** Rule ids (or severities) that must be among the findings. */
    readonly blockers: readonly string[];
    /** The pane's and the ribbon's verdict: nothing stands in the way, checked against the register. */
    readonly ready: boolean;
  };
}

/** The seed's VAL return filled in, its query explained by the provider: nothing of the provider's stands in the way. */
const EXPLAINED_VAL = { seed: VAL, build: (w: Writer) => fill(w, VAL, { explain: true }) };
/** Every face approves and syncs it, and the register ends Synced. */
const GOES_THROUGH: Scenario["expected"] = {
  blockers: [],
  ready: true,
  approve: "approved",
  sync: "synced",
  register: "Synced",
};

/** Every face refuses to approve or sync it for what `blockers` names; the register stays Received. */
function stoppedAtReceived(...blockers: string[]): Scenario["expected"] {
  return { blockers, ready: false, approve: "refused", sync: "refused", register: "Received" };
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: "a clean return, its query explained by the provider",
    ...EXPLAINED_VAL,
    register: async () => entryOf(VAL, "Received"),
    expected: GOES_THROUGH,
  },
  {
    name: "a forged approval (errors standing, status approved, hash recomputed)",
    seed: VAL,
    build: async (w) => {
      await fill(w, VAL, { referrals: -50, explain: true });
      await forgeApproval(w);
    },
    register: async () => entryOf(VAL, "Received"),
    expected: stoppedAtReceived("error"),
  },
  {
    name: "an approval copied under another provider's name",
    seed: VAL,
    build: async (w) => {
      await fill(w, VAL, { explain: true });
      await forgeApproval(w, { provider: "West Mercia Women's Aid" });
    },
    register: async () => entryOf(VAL, "Approved", await figuresOf(VAL, { explain: true })),
    expected: {
      blockers: ["REGISTER-UNKNOWN"],
      ready: false,
      approve: "refused",
      sync: "refused",
      register: "Approved",
    },
  },
  {
    name: "issued figures edited (a lowered target, in the cells and the metadata's copy)",
    seed: VAL,
    build: (w) => fill(w, VAL, { explain: true, target: 1000 }),
    register: async () => entryOf(VAL, "Received"),
    expected: stoppedAtReceived("REGISTER-ISSUED-CHANGED"),
  },
  {
    name: "overrides forged into the workbook",
    seed: VAL,
    build: async (w) => {
      await fill(w, VAL);
      const ret = await held(w);
      const template = builtInTemplates.find((t) => t.id === ret.templateId)!;
      const overrides = validateReturn(ret, template)
        .findings.filter((f) => f.severity === "query")
        .map((f) => ({
          ruleId: f.ruleId,
          subject: f.kpiId ?? f.lineId ?? "",
          reason: "Fine.",
          by: "Officer A",
          at: AT,
        }));
      await w.apply(planReturnState({ ...ret, overrides }));
    },
    register: async () => entryOf(VAL, "Received"),
    expected: stoppedAtReceived("query"),
  },
  {
    name: "an edited approval hash: changed figures claimed as the ones approved",
    seed: VAL,
    build: async (w) => {
      await fill(w, VAL, { referrals: 3900, explain: true });
      await forgeApproval(w, { status: "approved" });
    },
    register: async () => entryOf(VAL, "Approved", await figuresOf(VAL, { explain: true })),
    expected: { blockers: [], ready: true, approve: "refused", sync: "refused", register: "Approved" },
  },
  {
    name: "a workbook error: a formula typed over",
    seed: CSP,
    build: async (w) => {
      await fill(w, CSP);
      const at = cellOf(await w.snapshot(), { table: "BudgetReturn", row: 0, column: "Utilisation" });
      if (!at) throw new Error("test setup: no Utilisation cell");
      await w.apply({ ...emptyPlan(), cells: [{ sheet: at.sheet, address: at.cell, values: [[0.5]] }] });
    },
    register: async () => entryOf(CSP, "Received"),
    expected: stoppedAtReceived("error"),
  },
  {
    name: "an unexplained query",
    seed: VAL,
    build: (w) => fill(w, VAL),
    register: async () => entryOf(VAL, "Received"),
    expected: stoppedAtReceived("query"),
  },
  {
    name: "a draft return, never submitted by the provider and not yet received",
    ...EXPLAINED_VAL,
    register: async () => entryOf(VAL, "Issued"),
    expected: GOES_THROUGH,
  },
  {
    name: "v2 approved and synced, then v1 (last week's folder) again",
    ...EXPLAINED_VAL,
    register: async () => entryOf(VAL, "Synced", await figuresOf(VAL, { referrals: 3900, explain: true })),
    expected: { blockers: [], ready: true, approve: "refused", sync: "refused", register: "Synced" },
  },
  {
    name: "conflicts left at sync (an item edited in SharePoint by hand)",
    seed: VAL,
    build: (w) => fill(w, VAL, { referrals: 3900, explain: true }),
    register: async () => entryOf(VAL, "Approved", await figuresOf(VAL, { referrals: 3900, explain: true })),
    handEdited: true,
    expected: { blockers: [], ready: true, approve: "refused", sync: "conflict", register: "Approved" },
  },
];

/** What a face made of a scenario. */
interface Outcome {
  /** Every finding, as "severity RULE-ID", sorted. */
  readonly findings: readonly string[];
  readonly approve: "approved" | "refused";
  readonly sync: "synced" | "refused" | "conflict";
  readonly register: RegisterStatus;
}

/** A fresh emulator holding the scenario's register entry (and, for a conflict, the lists' edited items). */
async function rig(s: Scenario): Promise<{ emulator: RunningEmulator; search: string }> {
  const emulator = await startEmulator({ port: 0 });
  const search = `?emulator=${encodeURIComponent(emulator.url)}`;
  const { target } = resolveGraphTarget(search);
  const client = emulatorClient(target);
  await provisionLists(client, target);
  await createRegisterEntries(client, target, [await s.register()]);
  if (s.handEdited) {
    // Last week's approved figures were synced; since then finance corrected referrals by hand in the list.
    const read = await figuresOf(s.seed, { explain: true });
    // Approved then (the sync engine itself writes only approved returns).
    const v1: Return = {
      ...read,
      status: "approved",
      approval: { by: "Officer A", at: AT, hash: figuresHash(read) },
    };
    const template = builtInTemplates.find((t) => t.id === v1.templateId)!;
    await syncReturns(
      client,
      target,
      [{ ret: v1, template, validation: validateReturn(v1, template), sourceWorkbook: "v1.xlsx" }],
      { syncedBy: "Officer A", now },
    );
    const item = (await readListItems(client, target, "kpi", { period: v1.period })).find(
      (i) => i.kpiId === "referrals",
    )!;
    const lists = await checkLists(client, target);
    const site = (await client.api(`/sites/${target.site}`).get()) as { id: string };
    const raw = (await client
      .api(
        `/sites/${site.id}/lists/${lists.kpi.id}/items?$expand=fields&$filter=fields/ItemKey eq '${encodeURIComponent(item.key)}'`,
      )
      .get()) as { value: { id: string }[] };
    await client
      .api(`/sites/${site.id}/lists/${lists.kpi.id}/items/${raw.value[0].id}/fields`)
      .patch({ Actual: 4000 });
  }
  return { emulator, search };
}

async function registerStatus(search: string, ret: { provider: string; templateId: string; period: string }) {
  const { target } = resolveGraphTarget(search);
  const client = emulatorClient(target);
  return (await readRegisterEntry(client, target, ret))?.entry.status;
}

function findingKeys(findings: readonly { severity: string; ruleId: string }[]): string[] {
  return findings.map((f) => `${f.severity} ${f.ruleId}`).sort();
}

async function throughCommandLine(s: Scenario): Promise<Outcome> {
  const { emulator, search } = await rig(s);
  try {
    const dir = tempDir();
    const book = newXlsx();
    await s.build(xlsxWriter(book));
    await book.save(path.join(dir, "return.xlsx"));
    const graph = ["--site", resolveGraphTarget(search).target.site, "--graph-url", emulator.url];
    const validate = testIo(dir);
    await main(["validate", "return.xlsx", "--json", ...graph], validate);
    const [verdict] = JSON.parse(validate.stdout()) as { findings: { severity: string; ruleId: string }[] }[];
    const approve = await main(["approve", "return.xlsx", ...graph], testIo(dir));
    const syncIo = testIo(dir);
    await main(["sync", "return.xlsx", "--json", ...graph], syncIo);
    const synced = JSON.parse(syncIo.stdout()) as {
      returns: { refused?: string; plan: { conflict: number } }[];
    };
    const r = synced.returns[0];
    await fs.rm(dir, { recursive: true, force: true });
    return {
      findings: findingKeys(verdict.findings),
      approve: approve === 0 ? "approved" : "refused",
      sync: r.refused ? "refused" : r.plan.conflict > 0 ? "conflict" : "synced",
      register: (await registerStatus(search, issuedKey(s)))!,
    };
  } finally {
    await emulator.stop();
  }
}

/** The identity the register issued the scenario's return under. */
function issuedKey(s: Scenario) {
  const entry = findSeedReturn(s.seed.templateId, s.seed.provider)!;
  return { provider: entry.provider, templateId: s.seed.templateId, period: entry.period };
}

interface Verdict {
  readonly ready: boolean;
  readonly counts?: CheckSummary["counts"];
}

async function throughPaneAndRibbon(
  s: Scenario,
): Promise<{ pane: Outcome; paneReady: boolean; ribbon: Verdict }> {
  const { emulator, search } = await rig(s);
  const wb = new FakeWorkbook();
  const uninstall = wb.install();
  try {
    await s.build({ apply: applyPlan, snapshot: readSnapshot });
    const host = createExcelHost({
      workbook: officeWorkbook,
      search,
      now,
      sourceWorkbook: () => "return.xlsx",
    });
    let summary: CheckSummary | null = null;
    await checkReturnCommand(host, async (shown) => {
      summary = shown;
    });
    const shown = summary as CheckSummary | null;
    if (!shown?.counts) throw new Error(`the ribbon showed no counts: ${JSON.stringify(shown)}`);
    const check = await host.checkReturn();
    const approve = await host.approve("").then(
      () => "approved" as const,
      () => "refused" as const,
    );
    const sync = await host
      .syncReturn(() => undefined)
      .then(
        (o) => (o.counts.conflict > 0 ? ("conflict" as const) : ("synced" as const)),
        () => "refused" as const,
      );
    const findings = findingKeys(check.findings);
    return {
      paneReady: check.standing?.approvable === true && check.standing.checkedAgainstRegister,
      pane: {
        findings,
        approve,
        sync,
        register: (await registerStatus(search, issuedKey(s)))!,
      },
      ribbon: {
        ready: shown?.title.endsWith("ready for approval") ?? false,
        counts: shown?.counts,
      },
    };
  } finally {
    uninstall();
    await emulator.stop();
  }
}

describe("one table of scenarios through the command line, the task pane and the ribbon", () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s", async (_name, s) => {
    const cli = await throughCommandLine(s);
    const { pane, paneReady, ribbon } = await throughPaneAndRibbon(s);
    const { blockers, ready, ...expected } = s.expected;
    // The same outcome on every face, and the one the table expects.
    expect(pane).toEqual(cli);
    expect({ approve: cli.approve, sync: cli.sync, register: cli.register }).toEqual(expected);
    expect({ pane: paneReady, ribbon: ribbon.ready }).toEqual({ pane: ready, ribbon: ready });
    // The ribbon counts exactly the findings the other faces found.
    const count = (sev: string) => cli.findings.filter((f) => f.startsWith(`${sev} `)).length;
    expect(ribbon.counts).toMatchObject({ error: count("error"), query: count("query") });
    // What stands in the way, by rule id (or by severity where the rule is not the point).
    for (const b of blockers) {
      expect(cli.findings.some((f) => f.endsWith(` ${b}`) || f.startsWith(`${b} `))).toBe(true);
    }
    if (blockers.length === 0) expect(cli.findings.filter((f) => f.startsWith("error "))).toEqual([]);
  });
});
