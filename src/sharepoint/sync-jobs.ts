/**
 * The returns a sync run is given, made into jobs: each refused when its approval no longer holds (or it repeats a
 * return given before it), otherwise its desired items per list with the audit stamp they carry; and, after the run,
 * each return's result from its items' outcomes.
 */
import { approvalStillValid } from "../core/approval";
import { listKey, type ListItemDraft, type SyncFieldValue } from "../core/sync";
import { budgetFields, kpiFields, STAMP_COLUMNS } from "./list-fields";
import { budgetItemsFor, kpiItemsFor, returnKeyOf } from "./list-items";
import { listDateTime, type ListFields } from "./list-values";
import {
  countsOf,
  type Job,
  type ListName,
  type ReturnSyncResult,
  type SyncOptions,
  type SyncReturnInput,
} from "./sync-model";

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

/** The audit stamp every create and update of a job carries; stamps are never compared, so unchanged figures are never rewritten. */
function stampOf(input: SyncReturnInput, stampAt: string, syncedBy: string): ListFields {
  const approval = input.ret.approval;
  return {
    ApprovedBy: approval?.by ?? null,
    ApprovedAt: approval ? listDateTime(approval.at) : null,
    ApprovalHash: approval?.hash ?? null,
    SyncedBy: syncedBy,
    SyncedAt: listDateTime(stampAt),
    SourceWorkbook: input.sourceWorkbook,
  };
}

/** One job per return that may be synced; the others by index with the reason each was refused. */
export function jobsFor(
  inputs: readonly SyncReturnInput[],
  stampAt: string,
  opts: Pick<SyncOptions, "syncedBy">,
): { jobs: Job[]; refused: Map<number, string> } {
  const refused = new Map<number, string>();
  const jobs: Job[] = [];
  // Two returns that are one return (same provider, template and period) would fight over the same items.
  const byKey = new Map<string, Job>();
  inputs.forEach((input, index) => {
    const reason = refusalOf(input);
    if (reason) {
      refused.set(index, reason);
      return;
    }
    const returnKey = returnKeyOf(input.ret);
    const first = byKey.get(listKey(returnKey));
    if (first) {
      refused.set(
        index,
        `The same return (${returnKey}) was given twice; only the first (${first.input.sourceWorkbook}) was synced.`,
      );
      return;
    }
    const drafts = draftsFor(input, stampAt, opts.syncedBy);
    const job: Job = {
      index,
      input,
      returnKey,
      drafts,
      stamp: stampOf(input, stampAt, opts.syncedBy),
      outcomes: new Map(),
    };
    byKey.set(listKey(returnKey), job);
    jobs.push(job);
  });
  return { jobs, refused };
}

/** Each return's result, in the order given: refused with its reason, or its items' outcomes and counts. */
export function resultsOf(
  inputs: readonly SyncReturnInput[],
  jobs: readonly Job[],
  refused: ReadonlyMap<number, string>,
): ReturnSyncResult[] {
  return inputs.map((input, index) => {
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
}
