/**
 * The sync engine: writes approved returns to the two lists so that nothing is lost, duplicated or silently
 * overwritten. It refuses any return whose approval no longer matches its figures (sync-jobs.ts), reads each return's
 * items by its indexed key (sync-read.ts), lets core plan, and writes in $batch with If-Match, reconciling 409 and 412
 * by reading again (sync-write.ts), so an interrupted run can simply be run again.
 */
import { UserError } from "../core/errors";
import { planSync } from "../core/sync";
import type { BatchStats } from "./batch";
import type { GraphClient } from "./client";
import { jobsFor, resultsOf } from "./sync-jobs";
import {
  countsOf,
  LIST_NAMES,
  recordPlan,
  slotOf,
  type SyncOptions,
  type SyncRunResult,
  type SyncReturnInput,
} from "./sync-model";
import { readJobItems } from "./sync-read";
import { writeAll, writesFor, type PlannedWrite } from "./sync-write";
import type { GraphTarget } from "./target";
import { GraphThrottledError } from "./throttled";

/** What a run of sync tells someone whose Graph kept throttling: nothing is lost, and a re-run is safe. */
export const SYNC_THROTTLED_ADVICE =
  "nothing was lost — items already written stay, and running the same sync again finishes the job.";

export async function syncReturns(
  client: GraphClient,
  target: GraphTarget,
  inputs: readonly SyncReturnInput[],
  opts: SyncOptions,
): Promise<SyncRunResult> {
  try {
    return await syncOnce(client, target, inputs, opts);
  } catch (err) {
    throw err instanceof GraphThrottledError ? err.withAdvice(SYNC_THROTTLED_ADVICE) : err;
  }
}

async function syncOnce(
  client: GraphClient,
  target: GraphTarget,
  inputs: readonly SyncReturnInput[],
  opts: SyncOptions,
): Promise<SyncRunResult> {
  const stats: BatchStats = { batches: 0, sent: 0, retried: 0, batchesResent: 0 };
  const stampAt = (opts.now ?? (() => new Date()))().toISOString();
  const { jobs, refused } = jobsFor(inputs, stampAt, opts);

  // A list is read for a return only if the return has items for it: a template without budget lines has none.
  const toRead = jobs.flatMap((job) =>
    LIST_NAMES.filter((list) => job.drafts[list].length > 0).map((list) => ({ job, list })),
  );
  // The list check and every return's first page of items go out in the same $batch.
  const { existing, lists } = await readJobItems(client, target, toRead, stats, true);
  if (!lists) throw new UserError("The lists could not be checked. Run the sync again.");

  const writes: PlannedWrite[] = [];
  for (const { job, list } of toRead) {
    const plan = planSync(job.drafts[list], existing.get(slotOf(list, job.returnKey)) ?? []);
    recordPlan(job, list, plan, opts.dryRun === true);
    writes.push(...writesFor(job, list, plan, lists));
  }
  const throttled = opts.dryRun
    ? undefined
    : await writeAll(client, target, writes, lists, stats, opts.onProgress);

  const results = resultsOf(inputs, jobs, refused);
  const totals = {
    ...countsOf(results.flatMap((r) => r.items)),
    refused: results.filter((r) => r.refused !== undefined).length,
  };
  return {
    dryRun: opts.dryRun === true,
    returns: results,
    totals,
    listUrls: { kpi: lists.kpi.webUrl, budget: lists.budget.webUrl },
    requests: stats,
    ...(throttled ? { throttled: throttled.withAdvice(SYNC_THROTTLED_ADVICE) } : {}),
  };
}
