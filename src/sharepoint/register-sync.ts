/**
 * Sync gated by the Return Register: what every face calls to send workbooks' figures to the lists. It reads the
 * register for the workbooks' periods (one read plus pages per period), lets core's decision room check each
 * workbook against its entry and say whether it may be synced (approved in the register, figures hashing to
 * ApprovedHash, nothing standing that the register's overrides do not clear), syncs only those under the register's
 * identity, then records in the register the returns whose every item landed. Refused workbooks write nothing.
 */
import { checkCase, decideAfterSync, syncRefusal, type Act, type ReturnCase } from "../core/decisions";
import { findEntry } from "../core/register";
import type { Finding, KpiTemplate, Return } from "../core/types";
import type { GraphClient } from "./client";
import { readRegister, writeRegisterEntry, type RegisterRecord } from "./register";
import { GraphThrottledError } from "./throttled";
import { SYNC_THROTTLED_ADVICE, syncReturns } from "./sync";
import type { ReturnSyncResult, SyncOptions, SyncRunResult } from "./sync-model";
import { returnKeyOf } from "./list-items";
import type { GraphTarget } from "./target";

/** One workbook as read: the return and what only the workbook could show. */
export interface WorkbookForSync {
  readonly ret: Return | null;
  readonly template: KpiTemplate | null;
  readonly workbookFindings: readonly Finding[];
  /** The workbook's file name or URL, recorded on every item. */
  readonly sourceWorkbook: string;
}

export interface RegisteredSync {
  readonly result: SyncRunResult;
  /** Each workbook as checked against the register, in the order given. */
  readonly cases: readonly ReturnCase[];
  /** The workbook copy to stamp for each return recorded as synced (by index); absent for the others. */
  readonly stamps: ReadonlyMap<number, Return>;
}

/** The register entries for the periods of these returns, read once per period. */
export async function readRegisterFor(
  client: GraphClient,
  target: GraphTarget,
  rets: readonly (Return | null)[],
): Promise<RegisterRecord[]> {
  const periods = [...new Set(rets.filter((r): r is Return => r !== null).map((r) => r.period.trim()))];
  const records: RegisterRecord[] = [];
  for (const period of periods) records.push(...(await readRegister(client, target, period)));
  return records;
}

/** Checks a workbook against the register's records (core decides; nothing here is I/O). */
export function caseFor(
  w: Pick<WorkbookForSync, "ret" | "template" | "workbookFindings">,
  records: readonly RegisterRecord[],
): ReturnCase {
  const entries = records.map((r) => r.entry);
  const entry = w.ret ? findEntry(entries, w.ret) : null;
  return checkCase({
    ret: w.ret,
    template: w.template,
    workbookFindings: w.workbookFindings,
    register: { entry, others: entries },
  });
}

function refusedResult(c: ReturnCase, w: WorkbookForSync, reason: string): ReturnSyncResult {
  const ret = c.ret ?? w.ret;
  return {
    provider: ret?.provider ?? "",
    period: ret?.period ?? "",
    templateId: ret?.templateId ?? "",
    returnKey: ret ? returnKeyOf(ret) : "",
    plan: { create: 0, update: 0, unchanged: 0, conflict: 0, failed: 0 },
    conflicts: [],
    items: [],
    refused: reason,
  };
}

export async function syncWithRegister(
  client: GraphClient,
  target: GraphTarget,
  workbooks: readonly WorkbookForSync[],
  opts: SyncOptions & { readonly act: Act },
): Promise<RegisteredSync> {
  let records: RegisterRecord[];
  try {
    records = await readRegisterFor(
      client,
      target,
      workbooks.map((w) => w.ret),
    );
  } catch (err) {
    throw err instanceof GraphThrottledError ? err.withAdvice(SYNC_THROTTLED_ADVICE) : err;
  }
  const cases = workbooks.map((w) => caseFor(w, records));
  const refusals = cases.map((c) => syncRefusal(c));
  const accepted = cases.flatMap((c, index) => (refusals[index] === null ? [{ c, index }] : []));
  const engine = await syncReturns(
    client,
    target,
    accepted.map(({ c, index }) => ({
      ret: c.ret!,
      template: c.template!,
      validation: c.validation!,
      sourceWorkbook: workbooks[index].sourceWorkbook,
    })),
    opts,
  );
  const returns: ReturnSyncResult[] = workbooks.map((w, index) => {
    const reason = refusals[index];
    if (reason !== null) return refusedResult(cases[index], w, reason);
    return engine.returns[accepted.findIndex((a) => a.index === index)];
  });

  const stamps = new Map<number, Return>();
  if (!engine.dryRun) {
    const byKey = new Map(records.map((r) => [r.entry.returnKey, r]));
    const done = new Set<string>();
    for (const { c, index } of accepted) {
      const r = returns[index];
      const record = c.entry ? byKey.get(c.entry.returnKey) : undefined;
      if (!record || r.refused || done.has(record.entry.returnKey)) continue;
      const decision = decideAfterSync({ ...c, entry: record.entry }, opts.act, r.plan);
      if (!decision.ok) continue;
      byKey.set(record.entry.returnKey, await writeRegisterEntry(client, target, record, decision.entry));
      done.add(record.entry.returnKey);
      if (decision.stamp) stamps.set(index, decision.stamp);
    }
  }

  const totals = { ...engine.totals, refused: returns.filter((r) => r.refused !== undefined).length };
  return { result: { ...engine, returns, totals }, cases, stamps };
}
