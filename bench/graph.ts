/**
 * Graph figures: how many HTTP requests the emulator receives for a first sync and an unchanged re-sync of 1, 20,
 * 100 and 500 figures, and what a 1,000-figure sync under injected faults sent, retried, lost and duplicated — with the
 * product's own retry budget, only its waits shortened.
 */
import { EMULATOR_TOKEN } from "../src/auth/config";
import { mixedFaults, startEmulator, type EmulatorOptions, type RunningEmulator } from "../src/emulator";
import { syntheticInputs } from "../src/emulator/synthetic";
import {
  createGraphClient,
  provisionLists,
  resentRequests,
  syncReturns,
  type GraphTarget,
  type RequestRecord,
  type SyncReturnInput,
} from "../src/sharepoint";
import { kpiFields, kpiItemsFor, KPI_LIST_NAME, STAMP_COLUMNS } from "../src/sharepoint/schema";
import type { BenchArea } from "./areas";

const SIZES = [1, 20, 100, 500] as const;
const SYNC = { syncedBy: "bench@example.org", now: () => new Date("2022-10-20T12:00:00Z") };

async function rig(options: EmulatorOptions = {}) {
  const emu = await startEmulator(options);
  const target: GraphTarget = { baseUrl: emu.url, site: "bench.sharepoint.local:/sites/commissioning" };
  const sent: RequestRecord[] = [];
  // The shipped number of tries; shorter waits only, so the bench takes seconds.
  const client = createGraphClient(
    target,
    { getToken: async () => EMULATOR_TOKEN },
    { retry: { baseDelayMs: 5, maxDelayMs: 1000 }, onRequest: (r) => sent.push(r) },
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

    const faulty = await rig({
      faults: mixedFaults(2022),
    });
    let faults: Record<string, number>;
    let retriedSubRequests: number;
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
    } finally {
      await faulty.emu.stop();
    }

    return {
      "graph.requests.firstSync": firstSync,
      "graph.requests.firstSync.reads": firstReads,
      "graph.requests.firstSync.writes": firstWrites,
      "graph.requests.resyncUnchanged": resync,
      "graph.requests.resyncUnchanged.writes": resyncWrites,
      "graph.faults": faults,
      "graph.faults.retriedSubRequests": retriedSubRequests,
    };
  },
};
