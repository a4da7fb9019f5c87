/**
 * Sync's writes: each return's planned creates (POST, with finance's first status) and updates (PATCH with If-Match on
 * the eTag read) sent in $batch, and the answers that mean "already there" (409) or "changed since read" (412)
 * reconciled by reading those items again and letting core plan afresh, so an interrupted run can simply be run again.
 */
import { listKey, planSync, type SyncPlan } from "../core/sync";
import type { GraphClient } from "./client";
import { runBatched, type BatchStats, type SubRequest, type SubResponse } from "./batch";
import { createFields } from "./list-values";
import type { ResolvedLists } from "./lists";
import { FINANCE_STATUS_CHOICES, FINANCE_STATUS_COLUMN, SYNC_HASH_COLUMN } from "./schema";
import { readJobItems, type JobList } from "./sync-read";
import { record, recordPlan, slotOf, type Job, type ListName, type SyncOptions } from "./sync-model";
import type { GraphTarget } from "./target";
import type { GraphThrottledError } from "./throttled";

export interface PlannedWrite {
  readonly job: Job;
  readonly list: ListName;
  readonly key: string;
  readonly kind: "create" | "update";
  readonly request: SubRequest;
  readonly fields?: readonly string[];
}

function itemsUrl(lists: ResolvedLists, list: ListName): string {
  return `/sites/${encodeURIComponent(lists.siteId)}/lists/${lists[list].id}/items`;
}

export function writesFor(job: Job, list: ListName, plan: SyncPlan, lists: ResolvedLists): PlannedWrite[] {
  const url = itemsUrl(lists, list);
  const creates = plan.creates.map<PlannedWrite>((c) => ({
    job,
    list,
    key: c.key,
    kind: "create",
    request: {
      method: "POST",
      url,
      body: {
        fields: createFields({
          ...c.content,
          ...job.stamp,
          [SYNC_HASH_COLUMN]: c.hash,
          [FINANCE_STATUS_COLUMN]: FINANCE_STATUS_CHOICES[0],
        }),
      },
    },
  }));
  const updates = plan.updates.map<PlannedWrite>((u) => ({
    job,
    list,
    key: u.key,
    kind: "update",
    fields: Object.keys(u.changes),
    request: {
      method: "PATCH",
      url: `${url}/${encodeURIComponent(u.id)}/fields`,
      headers: { "If-Match": u.eTag },
      body: { ...u.changes, ...job.stamp, [SYNC_HASH_COLUMN]: u.hash },
    },
  }));
  return [...creates, ...updates];
}

function writtenLists(writes: readonly PlannedWrite[], lists: ResolvedLists): string {
  return [...new Set(writes.map((w) => lists[w.list].displayName))].join(" and ");
}

/** What a round of writes left: those to read again (409/412), and the failure when Graph kept throttling some. */
interface RoundOutcome {
  readonly recheck: PlannedWrite[];
  readonly throttled?: GraphThrottledError;
}

/** Records each write's answer; 409 and 412 go back to be read again while rounds remain. */
function settleRound(
  writes: readonly PlannedWrite[],
  replies: readonly SubResponse[],
  lists: ResolvedLists,
  mayRecheck: boolean,
): RoundOutcome {
  const recheck: PlannedWrite[] = [];
  let throttled: RoundOutcome["throttled"];
  replies.forEach((reply, i) => {
    const w = writes[i];
    if (reply.status >= 200 && reply.status < 300) {
      record(w.job, w.list, { key: w.key, action: w.kind, ...(w.fields ? { fields: w.fields } : {}) });
    } else if ((reply.status === 409 || reply.status === 412) && mayRecheck) {
      recheck.push(w);
    } else {
      // The policy's own failure for this write, its tries and time with it, named by the list it was for.
      if (reply.throttled)
        throttled = reply.throttled.whileDoing(`writing the ${lists[w.list].displayName} list`);
      const message = (reply.body as { error?: { message?: string } } | null)?.error?.message ?? "";
      record(w.job, w.list, {
        key: w.key,
        action: reply.status === 412 ? "conflict" : "failed",
        reason:
          reply.status === 412
            ? "The item kept changing in SharePoint while syncing; it was left as it is."
            : `Graph refused the write (${reply.status}${message ? `: ${message}` : ""}). Run the sync again to finish.`,
      });
    }
  });
  return { recheck, ...(throttled ? { throttled } : {}) };
}

/**
 * The writes 409 and 412 sent back, planned again from a fresh read of their items. One that is already as approved
 * was our own earlier write landing, so it counts as the create or update it was.
 */
async function replan(
  client: GraphClient,
  target: GraphTarget,
  recheck: readonly PlannedWrite[],
  lists: ResolvedLists,
  stats: BatchStats,
): Promise<PlannedWrite[]> {
  const again: JobList[] = [
    ...new Map(recheck.map((w) => [slotOf(w.list, w.job.returnKey), { job: w.job, list: w.list }])).values(),
  ];
  const { existing: fresh } = await readJobItems(client, target, again, stats);
  const writes: PlannedWrite[] = [];
  for (const { job, list } of again) {
    const mine = recheck.filter((w) => w.job === job && w.list === list);
    const keys = new Set(mine.map((w) => listKey(w.key)));
    const plan = planSync(
      job.drafts[list].filter((d) => keys.has(listKey(d.key))),
      (fresh.get(slotOf(list, job.returnKey)) ?? []).filter((e) => keys.has(listKey(e.key))),
    );
    for (const key of plan.unchanged) {
      const w = mine.find((r) => r.key === key);
      if (w) record(job, list, { key, action: w.kind, ...(w.fields ? { fields: w.fields } : {}) });
    }
    recordPlan(job, list, { ...plan, unchanged: [] }, false);
    writes.push(...writesFor(job, list, plan, lists));
  }
  return writes;
}

/** Rounds of writes after the first: a 409 or 412 is read again and replanned, three times at most. */
const MAX_ROUNDS = 4;

/**
 * Sends every planned write, round after round until none is left; reports progress as writes settle, counted from
 * "0 of N" before the first. Returns the failure to report when Graph kept throttling some past the retry policy.
 */
export async function writeAll(
  client: GraphClient,
  target: GraphTarget,
  planned: readonly PlannedWrite[],
  lists: ResolvedLists,
  stats: BatchStats,
  onProgress: SyncOptions["onProgress"],
): Promise<RoundOutcome["throttled"]> {
  let writes = [...planned];
  let throttled: RoundOutcome["throttled"];
  let settledBefore = 0;
  const total = writes.length;
  if (total > 0) onProgress?.(0, total);
  for (let round = 1; writes.length > 0; round++) {
    const several = writes.some((w) => w.list !== writes[0].list);
    const replies = await runBatched(
      client,
      writes.map((w) => w.request),
      {
        stats,
        doing: `writing the ${writtenLists(writes, lists)} list${several ? "s" : ""}`,
        onSettled: (done) => onProgress?.(Math.min(settledBefore + done, total), total),
      },
    );
    settledBefore += writes.length;
    // 409 on a create: the key is already there (perhaps our own earlier attempt). 412 on an update: the item
    // changed after it was read (perhaps by our own earlier attempt). Either way: read again and let core decide.
    const outcome = settleRound(writes, replies, lists, round < MAX_ROUNDS);
    throttled = outcome.throttled ?? throttled;
    writes = outcome.recheck.length > 0 ? await replan(client, target, outcome.recheck, lists, stats) : [];
  }
  return throttled;
}
