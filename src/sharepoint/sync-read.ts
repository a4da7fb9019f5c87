/**
 * Sync's reads: every item of the given returns from their lists, by the indexed ReturnKey column, all first pages in
 * one round of $batch (the first round carrying the check that resolves the lists), then all next pages.
 */
import { UserError } from "../core/errors";
import type { ExistingItem } from "../core/sync";
import { runBatched, type BatchStats, type SubRequest, type SubResponse } from "./batch";
import { relativeTo, type GraphClient } from "./client";
import { checkReplies, checkRequests, schemasFor, sitePath, type ResolvedLists } from "./lists";
import { odataString } from "./odata";
import { KEY_COLUMN, RETURN_KEY_COLUMN, SYNC_HASH_COLUMN } from "./schema";
import { slotOf, type Job, type ListName } from "./sync-model";
import type { GraphTarget } from "./target";

const PAGE_SIZE = 500;

function toExisting(raw: Record<string, unknown>): ExistingItem {
  const fields = (raw.fields ?? {}) as Record<string, unknown>;
  const hash = fields[SYNC_HASH_COLUMN];
  return {
    id: String(raw.id ?? fields.id),
    eTag: String(raw.eTag ?? fields["@odata.etag"] ?? raw["@odata.etag"] ?? ""),
    key: String(fields[KEY_COLUMN] ?? ""),
    fields,
    syncHash: typeof hash === "string" && hash ? hash : null,
  };
}

/**
 * Reads every item of the given returns from their lists, by the indexed ReturnKey column, following @odata.nextLink
 * through every page. All first pages go out together in $batch (with any `riders`, e.g. the list check, whose
 * answers go to `onRiders` first), then all next pages, and so on.
 */
async function readByReturnKey(
  client: GraphClient,
  target: GraphTarget,
  wanted: readonly { list: ListName; returnKey: string }[],
  opts: { stats: BatchStats },
  riders: readonly SubRequest[] = [],
  onRiders: (replies: SubResponse[]) => void = () => undefined,
): Promise<Map<string, ExistingItem[]>> {
  const schemas = schemasFor(target);
  const found = new Map<string, ExistingItem[]>();
  let queue = wanted.map((w) => ({
    slot: slotOf(w.list, w.returnKey),
    // By site path and list name, so these can ride in the same batch as the check that resolves the ids.
    url: sitePath(
      target.site,
      `/lists/${encodeURIComponent(schemas[w.list].displayName)}/items?$expand=fields&$filter=${encodeURIComponent(
        `fields/${RETURN_KEY_COLUMN} eq ${odataString(w.returnKey)}`,
      )}&$top=${PAGE_SIZE}`,
    ),
  }));
  for (const w of queue) found.set(w.slot, []);
  let first = true;
  while (queue.length > 0 || first) {
    const sent = first ? riders.length : 0;
    const replies = await runBatched(
      client,
      [...(first ? riders : []), ...queue.map((q) => ({ method: "GET" as const, url: q.url }))],
      { ...opts, doing: "reading the lists and the items already there", throwWhenThrottled: true },
    );
    if (first) onRiders(replies.slice(0, sent));
    first = false;
    const next: typeof queue = [];
    replies.slice(sent).forEach((reply, i) => {
      if (reply.status !== 200) {
        const message = (reply.body as { error?: { message?: string } } | null)?.error?.message ?? "";
        throw new UserError(
          `Could not read the list items (${reply.status}): ${message} Run the sync again.`,
        );
      }
      const body = reply.body as { value?: Record<string, unknown>[]; "@odata.nextLink"?: string };
      found.get(queue[i].slot)?.push(...(body.value ?? []).map(toExisting));
      const link = body["@odata.nextLink"];
      if (link) next.push({ slot: queue[i].slot, url: relativeTo(target, link) });
    });
    queue = next;
  }
  return found;
}

/** One list of one job, to read. */
export interface JobList {
  readonly job: Job;
  readonly list: ListName;
}

/**
 * The items already there for these jobs' lists. With `withCheck` the lists themselves are checked in the same first
 * round, and resolved (their ids and addresses) for the writes; a list that fails the check is a plain error.
 */
export async function readJobItems(
  client: GraphClient,
  target: GraphTarget,
  wanted: readonly JobList[],
  stats: BatchStats,
  withCheck = false,
): Promise<{ existing: Map<string, ExistingItem[]>; lists: ResolvedLists | null }> {
  let lists: ResolvedLists | null = null;
  const existing = await readByReturnKey(
    client,
    target,
    wanted.map((w) => ({ list: w.list, returnKey: w.job.returnKey })),
    { stats },
    withCheck ? checkRequests(target) : [],
    (replies) => {
      if (withCheck) lists = checkReplies(target, replies);
    },
  );
  return { existing, lists };
}
