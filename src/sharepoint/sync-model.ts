/**
 * What a sync run is made of: what it is given (an approved return with its template, validation and workbook), the
 * options, and what it reports per item, per return and in total; and, inside a run, one job per return with the
 * outcome recorded for each of its items.
 */
import type { ListItemDraft, SyncPlan } from "../core/sync";
import type { KpiTemplate, Return, Validation } from "../core/types";
import type { BatchStats } from "./batch";
import type { ListFields } from "./list-values";
import type { GraphThrottledError } from "./throttled";

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

/** What one sync run did across every return it was given: per return, totals, the lists, and the requests sent. */
export interface SyncRunResult {
  readonly dryRun: boolean;
  readonly returns: readonly ReturnSyncResult[];
  readonly totals: SyncCounts & { refused: number };
  readonly listUrls: { readonly kpi: string; readonly budget: string };
  /** $batch requests and sub-requests this run sent. */
  readonly requests: BatchStats;
  /**
   * When writes failed because Graph was still throttling after every retry: the failure, with the tries and time of
   * the write that gave up (as JSON, its plain sentence).
   */
  readonly throttled?: GraphThrottledError;
}

/** The two lists a return's items go to. */
export type ListName = "kpi" | "budget";
export const LIST_NAMES: readonly ListName[] = ["kpi", "budget"];

/** One return's desired items per list, ready to plan. */
export interface Job {
  readonly index: number;
  readonly input: SyncReturnInput;
  readonly returnKey: string;
  readonly drafts: Record<ListName, ListItemDraft[]>;
  readonly stamp: ListFields;
  readonly outcomes: Map<string, SyncItemOutcome>;
}

/** Where a return's items of one list are kept while a run reads and writes them. */
export function slotOf(list: ListName, returnKey: string): string {
  return `${list}\u0000${returnKey}`;
}

export function record(job: Job, list: ListName, outcome: Omit<SyncItemOutcome, "list">): void {
  job.outcomes.set(`${list}\u0000${outcome.key}`, { list, ...outcome });
}

export function recordPlan(job: Job, list: ListName, plan: SyncPlan, asDone: boolean): void {
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

export function countsOf(items: Iterable<SyncItemOutcome>): SyncCounts {
  const counts: SyncCounts = { create: 0, update: 0, unchanged: 0, conflict: 0, failed: 0 };
  for (const item of items) counts[item.action] += 1;
  return counts;
}
