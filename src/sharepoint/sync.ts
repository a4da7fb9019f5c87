/**
 * The sync engine: writes approved returns to the two lists so that nothing is lost, duplicated or silently
 * overwritten. Refuses any return whose approval no longer matches its figures; reads each return's items by its
 * indexed key; lets core plan; writes in $batch with per-sub-request retry and If-Match; and reconciles the answers
 * that mean "already there" (409) or "changed since read" (412) by reading again, so an interrupted run can simply be
 * run again.
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { UserError } from "../core/errors";
import { approvalStillValid } from "../core/approval";
import {
  listKey,
  planSync,
  type ExistingItem,
  type ListItemDraft,
  type SyncFieldValue,
  type SyncPlan,
} from "../core/sync";
import type { KpiTemplate, Return, Validation } from "../core/types";
import { runBatched, type BatchStats, type SubRequest, type SubResponse } from "./batch";
import { relativeTo, retryPolicyOf } from "./client";
import { GraphThrottledError, THROTTLE_STATUSES } from "./throttled";
import { checkReplies, checkRequests, schemasFor, sitePath, type ResolvedLists } from "./lists";
import { budgetFields, kpiFields, STAMP_COLUMNS } from "./list-fields";
import { createFields, listDateTime, type ListFields } from "./list-values";
import { budgetItemsFor, kpiItemsFor, returnKeyOf } from "./list-items";
import {
  FINANCE_STATUS_CHOICES,
  FINANCE_STATUS_COLUMN,
  KEY_COLUMN,
  RETURN_KEY_COLUMN,
  SYNC_HASH_COLUMN,
} from "./schema";
import type { GraphTarget } from "./target";

export interface SyncReturnInput {
  readonly ret: Return;
  readonly template: KpiTemplate;
  readonly validation: Validation;
  /** The workbook the return was read from (file name or URL), recorded on every item. */
  readonly sourceWorkbook: string;
}

export interface SyncOptions {
  /** Plan only: read the lists and say what would change, write nothing. */
  readonly dryRun?: boolean;
  readonly syncedBy: string;
  readonly now?: () => Date;
  /** Writes settled so far, of all planned. */
  readonly onProgress?: (done: number, total: number) => void;
}

export type SyncAction = "create" | "update" | "unchanged" | "conflict" | "failed";

export interface SyncItemOutcome {
  readonly list: "kpi" | "budget";
  readonly key: string;
  readonly action: SyncAction;
  /** For updates and conflicts: the fields that differ. */
  readonly fields?: readonly string[];
  readonly reason?: string;
}

export interface SyncCounts {
  create: number;
  update: number;
  unchanged: number;
  conflict: number;
  /** Writes Graph still refused after every retry: run the sync again. */
  failed: number;
}

export interface ReturnSyncResult {
  readonly provider: string;
  readonly period: string;
  readonly templateId: string;
  readonly returnKey: string;
  readonly plan: SyncCounts;
  readonly conflicts: readonly { key: string; reason: string }[];
  readonly items: readonly SyncItemOutcome[];
  /** Why nothing was written for this return, when it was refused. */
  readonly refused?: string;
}

export interface SyncResult {
  readonly dryRun: boolean;
  readonly returns: readonly ReturnSyncResult[];
  readonly totals: SyncCounts & { refused: number };
  readonly listUrls: { readonly kpi: string; readonly budget: string };
  /** $batch requests and sub-requests this run sent. */
  readonly requests: BatchStats;
  /** When writes failed because Graph was still throttling after every retry: the plain sentence to show. */
  readonly throttled?: string;
}

type ListName = "kpi" | "budget";

/** One return's desired items per list, ready to plan. */
interface Job {
  readonly index: number;
  readonly input: SyncReturnInput;
  readonly returnKey: string;
  readonly drafts: Record<ListName, ListItemDraft[]>;
  readonly stamp: ListFields;
  readonly outcomes: Map<string, SyncItemOutcome>;
}

const PAGE_SIZE = 500;

function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Why a return may not be synced, or null when it may. */
export function refusalOf(input: SyncReturnInput): string | null {
  const { ret } = input;
  const who = `The return from ${ret.provider} for ${ret.period}`;
  if (!ret.approval) return `${who} is not approved (status: ${ret.status}). Approve it before syncing.`;
  if (ret.status !== "approved" && ret.status !== "synced") {
    return `${who} is "${ret.status}", not approved. Approve it again before syncing.`;
  }
  if (!approvalStillValid(ret)) {
    return `${who} has changed since ${ret.approval.by} approved it, so the approval no longer holds. Validate and approve it again.`;
  }
  if (input.template.id !== ret.templateId)
    return `${who} uses template "${ret.templateId}", not "${input.template.id}".`;
  return null;
}

function contentOf(fields: ListFields): Record<string, SyncFieldValue> {
  const content: Record<string, SyncFieldValue> = {};
  for (const [name, value] of Object.entries(fields))
    if (!STAMP_COLUMNS.includes(name)) content[name] = value;
  return content;
}

function draftsFor(
  input: SyncReturnInput,
  stampAt: string,
  syncedBy: string,
): Record<ListName, ListItemDraft[]> {
  const audit = { syncedBy, syncedAt: stampAt, sourceWorkbook: input.sourceWorkbook };
  return {
    kpi: kpiItemsFor(input.ret, input.validation, input.template, audit).map((row) => ({
      key: row.key,
      content: contentOf(kpiFields(row)),
    })),
    budget: budgetItemsFor(input.ret, input.validation, input.template, audit).map((row) => ({
      key: row.key,
      content: contentOf(budgetFields(row)),
    })),
  };
}

function itemsUrl(lists: ResolvedLists, list: ListName): string {
  return `/sites/${encodeURIComponent(lists.siteId)}/lists/${lists[list].id}/items`;
}

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
  client: Client,
  target: GraphTarget,
  wanted: readonly { list: ListName; returnKey: string }[],
  opts: { stats: BatchStats },
  riders: readonly SubRequest[] = [],
  onRiders: (replies: SubResponse[]) => void = () => undefined,
): Promise<Map<string, ExistingItem[]>> {
  const schemas = schemasFor(target);
  const found = new Map<string, ExistingItem[]>();
  let queue = wanted.map((w) => ({
    slot: `${w.list}\u0000${w.returnKey}`,
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

interface PlannedWrite {
  readonly job: Job;
  readonly list: ListName;
  readonly key: string;
  readonly kind: "create" | "update";
  readonly request: SubRequest;
  readonly fields?: readonly string[];
}

function writesFor(job: Job, list: ListName, plan: SyncPlan, lists: ResolvedLists): PlannedWrite[] {
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

function record(job: Job, list: ListName, outcome: Omit<SyncItemOutcome, "list">): void {
  job.outcomes.set(`${list}\u0000${outcome.key}`, { list, ...outcome });
}

function recordPlan(job: Job, list: ListName, plan: SyncPlan, asDone: boolean): void {
  for (const key of plan.unchanged) record(job, list, { key, action: "unchanged" });
  for (const c of plan.conflicts)
    record(job, list, {
      key: c.key,
      action: "conflict",
      reason: c.reason,
      ...(c.fields ? { fields: c.fields } : {}),
    });
  if (asDone) {
    for (const c of plan.creates) record(job, list, { key: c.key, action: "create" });
    for (const u of plan.updates)
      record(job, list, { key: u.key, action: "update", fields: Object.keys(u.changes) });
  }
}

function countsOf(items: Iterable<SyncItemOutcome>): SyncCounts {
  const counts: SyncCounts = { create: 0, update: 0, unchanged: 0, conflict: 0, failed: 0 };
  for (const item of items) counts[item.action] += 1;
  return counts;
}

/** What a run of sync tells someone whose Graph kept throttling: nothing is lost, and a re-run is safe. */
export const SYNC_THROTTLED_ADVICE =
  "nothing was lost — items already written stay, and running the same sync again finishes the job.";

export async function syncReturns(
  client: Client,
  target: GraphTarget,
  inputs: readonly SyncReturnInput[],
  opts: SyncOptions,
): Promise<SyncResult> {
  try {
    return await syncOnce(client, target, inputs, opts);
  } catch (err) {
    throw err instanceof GraphThrottledError ? err.withAdvice(SYNC_THROTTLED_ADVICE) : err;
  }
}

async function syncOnce(
  client: Client,
  target: GraphTarget,
  inputs: readonly SyncReturnInput[],
  opts: SyncOptions,
): Promise<SyncResult> {
  let throttled: { status: number; doing: string } | undefined;
  const stats: BatchStats = { batches: 0, sent: 0, retried: 0, batchesResent: 0 };
  const batchOpts = { stats };
  const stampAt = (opts.now ?? (() => new Date()))().toISOString();

  const refused = new Map<number, string>();
  const jobs: Job[] = [];
  inputs.forEach((input, index) => {
    const reason = refusalOf(input);
    if (reason) {
      refused.set(index, reason);
      return;
    }
    const drafts = draftsFor(input, stampAt, opts.syncedBy);
    // Audit stamps go with every create and update but are never compared: unchanged figures are never rewritten.
    const approval = input.ret.approval;
    const stamp: ListFields = {
      ApprovedBy: approval?.by ?? null,
      ApprovedAt: approval ? listDateTime(approval.at) : null,
      ApprovalHash: approval?.hash ?? null,
      SyncedBy: opts.syncedBy,
      SyncedAt: listDateTime(stampAt),
      SourceWorkbook: input.sourceWorkbook,
    };
    jobs.push({ index, input, returnKey: returnKeyOf(input.ret), drafts, stamp, outcomes: new Map() });
  });

  // Two returns that are one return (same provider, template and period) would fight over the same items.
  const byKey = new Map<string, Job>();
  for (const job of [...jobs]) {
    const first = byKey.get(listKey(job.returnKey));
    if (first) {
      refused.set(
        job.index,
        `The same return (${job.returnKey}) was given twice; only the first (${first.input.sourceWorkbook}) was synced.`,
      );
      jobs.splice(jobs.indexOf(job), 1);
    } else byKey.set(listKey(job.returnKey), job);
  }

  const listNames: ListName[] = ["kpi", "budget"];
  let resolved: ResolvedLists | null = null;
  const readFor = async (wanted: readonly { job: Job; list: ListName }[], withCheck = false) =>
    readByReturnKey(
      client,
      target,
      wanted.map((w) => ({ list: w.list, returnKey: w.job.returnKey })),
      batchOpts,
      withCheck ? checkRequests(target) : [],
      (replies) => {
        if (withCheck) resolved = checkReplies(target, replies);
      },
    );
  const slot = (list: ListName, job: Job) => `${list}\u0000${job.returnKey}`;

  // A list is read for a return only if the return has items for it: a template without budget lines has none.
  const toRead = jobs.flatMap((job) =>
    listNames.filter((list) => job.drafts[list].length > 0).map((list) => ({ job, list })),
  );
  // The list check and every return's first page of items go out in the same $batch.
  const existing = await readFor(toRead, true);
  const lists = resolved as ResolvedLists | null;
  if (!lists) throw new UserError("The lists could not be checked. Run the sync again.");

  let writes: PlannedWrite[] = [];
  for (const { job, list } of toRead) {
    const plan = planSync(job.drafts[list], existing.get(slot(list, job)) ?? []);
    recordPlan(job, list, plan, opts.dryRun === true);
    writes.push(...writesFor(job, list, plan, lists));
  }

  if (!opts.dryRun) {
    let settledBefore = 0;
    const total = writes.length;
    // The count is known before the first write: a progress display starts at "0 of N", not at nothing.
    if (total > 0) opts.onProgress?.(0, total);
    for (let round = 1; writes.length > 0; round++) {
      const replies = await runBatched(
        client,
        writes.map((w) => w.request),
        {
          ...batchOpts,
          doing: `writing the ${writtenLists(writes, lists)} list${writes.some((w) => w.list !== writes[0].list) ? "s" : ""}`,
          onSettled: (done) => opts.onProgress?.(Math.min(settledBefore + done, total), total),
        },
      );
      settledBefore += writes.length;
      // 409 on a create: the key is already there (perhaps our own earlier attempt). 412 on an update: the item
      // changed after it was read (perhaps by our own earlier attempt). Either way: read again and let core decide.
      const recheck: PlannedWrite[] = [];
      replies.forEach((reply, i) => {
        const w = writes[i];
        if (reply.status >= 200 && reply.status < 300) {
          record(w.job, w.list, { key: w.key, action: w.kind, ...(w.fields ? { fields: w.fields } : {}) });
        } else if ((reply.status === 409 || reply.status === 412) && round < 4) {
          recheck.push(w);
        } else {
          if (THROTTLE_STATUSES.has(reply.status)) {
            throttled = { status: reply.status, doing: `writing the ${lists[w.list].displayName} list` };
          }
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
      writes = [];
      if (recheck.length === 0) break;
      const again = [
        ...new Map(recheck.map((w) => [slot(w.list, w.job), { job: w.job, list: w.list }])).values(),
      ];
      const fresh = await readFor(again);
      for (const { job, list } of again) {
        const keys = new Set(
          recheck.filter((w) => w.job === job && w.list === list).map((w) => listKey(w.key)),
        );
        const plan = planSync(
          job.drafts[list].filter((d) => keys.has(listKey(d.key))),
          (fresh.get(slot(list, job)) ?? []).filter((e) => keys.has(listKey(e.key))),
        );
        // Already as approved: our own earlier write landed, so it counts as the create or update it was.
        for (const key of plan.unchanged) {
          const w = recheck.find((r) => r.job === job && r.list === list && r.key === key);
          if (w) record(job, list, { key, action: w.kind, ...(w.fields ? { fields: w.fields } : {}) });
        }
        recordPlan(job, list, { ...plan, unchanged: [] }, false);
        writes.push(...writesFor(job, list, plan, lists));
      }
    }
  }

  const results: ReturnSyncResult[] = inputs.map((input, index) => {
    const ret = input.ret;
    const base = {
      provider: ret.provider,
      period: ret.period,
      templateId: ret.templateId,
      returnKey: returnKeyOf(ret),
    };
    const reason = refused.get(index);
    if (reason !== undefined) {
      return { ...base, plan: countsOf([]), conflicts: [], items: [], refused: reason };
    }
    const job = jobs.find((j) => j.index === index);
    const items = job ? [...job.outcomes.values()] : [];
    return {
      ...base,
      plan: countsOf(items),
      conflicts: items
        .filter((i) => i.action === "conflict" || i.action === "failed")
        .map((i) => ({ key: i.key, reason: i.reason ?? "" })),
      items,
    };
  });

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
    ...(throttled
      ? {
          throttled: retryPolicyOf(client).error(throttled.status, throttled.doing, SYNC_THROTTLED_ADVICE)
            .message,
        }
      : {}),
  };
}

function writtenLists(writes: readonly PlannedWrite[], lists: ResolvedLists): string {
  return [...new Set(writes.map((w) => lists[w.list].displayName))].join(" and ");
}
