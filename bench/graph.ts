/**
 * Graph figures: how many HTTP requests the emulator receives for a first sync and an unchanged re-sync of 1, 20,
 * 100 and 500 figures, and what a 1,000-figure sync under injected faults sent, retried, lost and duplicated — with the
 * product's own retry budget, only its waits shortened — and how many requests it sent inside a throttle window; then a
 * quarter's sync under SharePoint's smallest budget (1,200 resource units a minute, time scaled down): throttled
 * responses, and its time over the least the budget allows; and what the Return Register costs: requests for `status`
 * of a 30-return quarter and for one approval (graph-register.ts).
 */
import { EMULATOR_TOKEN } from "../src/auth/config";
import { mixedFaults, startEmulator, type EmulatorOptions, type RunningEmulator } from "../src/emulator";
import { syntheticInputs } from "../test/support/synthetic-returns";
import {
  createGraphClient,
  provisionLists,
  resentRequests,
  syncReturns,
  type GraphTarget,
  type RequestRecord,
  type SyncReturnInput,
} from "../src/sharepoint";
import type { RetryOptions } from "../src/sharepoint/retry";
import { SMALLEST_TENANT_UNITS_PER_MINUTE } from "../src/sharepoint/units";
import { kpiFields, STAMP_COLUMNS } from "../src/sharepoint/list-fields";
import { kpiItemsFor } from "../src/sharepoint/list-items";
import { KPI_LIST_NAME } from "../src/sharepoint/schema";
import type { BenchArea } from "./areas";
import { measureRegisterRequests } from "./graph-register";

const SIZES = [1, 20, 100, 500] as const;
const SYNC = { syncedBy: "bench@example.org", now: () => new Date("2022-10-20T12:00:00Z") };

const BENCH_SITE = "bench.sharepoint.local:/sites/commissioning";

async function rig(options: EmulatorOptions = {}, retry: RetryOptions = {}) {
  const emu = await startEmulator({ sites: [BENCH_SITE], ...options });
  const target: GraphTarget = { baseUrl: emu.url, site: BENCH_SITE };
  const sent: RequestRecord[] = [];
  // The shipped number of tries; shorter waits only, so the bench takes seconds.
  const client = createGraphClient(
    target,
    { getToken: async () => EMULATOR_TOKEN },
    { retry: { baseDelayMs: 5, maxDelayMs: 1000, ...retry }, onRequest: (r) => sent.push(r) },
  );
  await provisionLists(client, target);
  emu.resetStats();
  sent.length = 0;
  return { emu, target, client, sent };
}

/** Lost and duplicated figures: the list compared, item by item, with what was approved. */
function compare(
  emu: RunningEmulator,
  given: readonly SyncReturnInput[],
): { lost: number; duplicated: number; wrong: number } {
  const want = new Map<string, Record<string, unknown>>();
  for (const i of given) {
    for (const row of kpiItemsFor(i.ret, i.validation, i.template, {
      syncedBy: SYNC.syncedBy,
      syncedAt: SYNC.now().toISOString(),
      sourceWorkbook: i.sourceWorkbook,
    })) {
      want.set(row.key, kpiFields(row));
    }
  }
  const items =
    emu
      .snapshot()
      .sites.flatMap((s) => s.lists)
      .find((l) => l.displayName === KPI_LIST_NAME)?.items ?? [];
  const seen = new Map<string, number>();
  let wrong = 0;
  for (const item of items) {
    const key = String(item.fields.ItemKey);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const expected = want.get(key);
    if (!expected) continue;
    for (const [name, value] of Object.entries(expected)) {
      if (STAMP_COLUMNS.includes(name) || value === null || value === "") continue;
      if (item.fields[name] !== value) {
        wrong += 1;
        break;
      }
    }
  }
  const lost = [...want.keys()].filter((k) => !seen.has(k)).length;
  const duplicated =
    [...seen.values()].reduce((n, c) => n + Math.max(0, c - 1), 0) +
    [...seen.keys()].filter((k) => !want.has(k)).length;
  return { lost, duplicated, wrong };
}

/** A quarter: 30 providers' returns of 20 figures each, synced under 1,200 resource units a minute. */
const QUARTER = { returns: 30, figures: 20 };
const UNITS_PER_MINUTE = SMALLEST_TENANT_UNITS_PER_MINUTE;
/** A budget minute lasts 12 s here (a second, 200 ms): the same pacing, five times faster. */
const SECOND_MS = 200;

/**
 * The quarter's sync against an emulator that charges every request its published resource units and throttles past
 * the budget, with the client pacing itself to the same budget. The floor is the least time the budget allows for the
 * units the sync spent (units ÷ budget a minute); the ratio is the sync's time over it.
 */
async function measureBudget(): Promise<{ throttled: number; ratioToFloor: number }> {
  const budgetRig = await rig(
    { budget: { unitsPerMinute: UNITS_PER_MINUTE }, secondMs: SECOND_MS },
    { unitsPerMinute: UNITS_PER_MINUTE, secondMs: SECOND_MS },
  );
  try {
    const given = syntheticInputs(QUARTER.returns, QUARTER.figures);
    const started = Date.now();
    await syncReturns(budgetRig.client, budgetRig.target, given, SYNC);
    const elapsed = Date.now() - started;
    const stats = budgetRig.emu.stats();
    const floorMs = (stats.unitsCharged / UNITS_PER_MINUTE) * 60 * SECOND_MS;
    return {
      throttled: stats.overBudget + stats.earlyRequests,
      ratioToFloor: Math.round((elapsed / floorMs) * 100) / 100,
    };
  } finally {
    await budgetRig.emu.stop();
  }
}

export const area: BenchArea = {
  name: "graph",
  measure: async () => {
    const firstSync: Record<string, number> = {};
    const firstReads: Record<string, number> = {};
    const firstWrites: Record<string, number> = {};
    const resync: Record<string, number> = {};
    const resyncWrites: Record<string, number> = {};
    for (const n of SIZES) {
      const { emu, target, client } = await rig();
      try {
        const given = syntheticInputs(1, n);
        await syncReturns(client, target, given, SYNC);
        const first = emu.stats();
        firstSync[String(n)] = first.total;
        firstReads[String(n)] = first.reads;
        firstWrites[String(n)] = first.writes;
        emu.resetStats();
        await syncReturns(client, target, given, SYNC);
        resync[String(n)] = emu.stats().total;
        resyncWrites[String(n)] = emu.stats().writes;
      } finally {
        await emu.stop();
      }
    }

    // Retry-After seconds last 100 ms on both sides: the same storm, ten times faster.
    const faulty = await rig({ faults: mixedFaults(2022), secondMs: 100 }, { secondMs: 100 });
    let faults: Record<string, number>;
    let retriedSubRequests: number;
    let earlyRequests: number;
    try {
      const given = syntheticInputs(4, 250);
      const result = await syncReturns(faulty.client, faulty.target, given, SYNC);
      const check = compare(faulty.emu, given);
      // Both in HTTP requests: sent is what the emulator received; retried, those that were re-sends.
      faults = {
        sent: faulty.emu.stats().total,
        retried: resentRequests(faulty.sent, result.requests),
        lost: check.lost + check.wrong,
        duplicated: check.duplicated,
      };
      retriedSubRequests = result.requests.retried;
      earlyRequests = faulty.emu.stats().earlyRequests;
    } finally {
      await faulty.emu.stop();
    }

    const budget = await measureBudget();
    const register = await measureRegisterRequests();

    return {
      "graph.requests.firstSync": firstSync,
      "graph.requests.firstSync.reads": firstReads,
      "graph.requests.firstSync.writes": firstWrites,
      "graph.requests.resyncUnchanged": resync,
      "graph.requests.resyncUnchanged.writes": resyncWrites,
      "graph.faults": faults,
      "graph.faults.retriedSubRequests": retriedSubRequests,
      "graph.throttle.earlyRequests": earlyRequests,
      "graph.budget.throttled": budget.throttled,
      "graph.budget.ratioToFloor": budget.ratioToFloor,
      "graph.requests.status": register.status,
      "graph.requests.approve": register.approve,
    };
  },
};
