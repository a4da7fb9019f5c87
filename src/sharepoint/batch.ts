/**
 * JSON $batch with per-sub-request retry. Graph answers each sub-request on its own, and the SDK's retry sees only the
 * batch's 200: so a throttled (429/503/504) sub-request is collected and sent again in a later batch, under the
 * client's one retry policy. Once a sub-request is throttled the rest of the round is held back too (SharePoint keeps
 * refusing a throttled client until Retry-After has passed, and early requests count against it).
 */
import type { Client } from "@microsoft/microsoft-graph-client";
import { UserError } from "../core/errors";
import { explainGraphError, retryPolicyOf, type RequestRecord } from "./client";
import { GraphThrottledError, THROTTLE_STATUSES } from "./throttled";

/** Graph's limit on requests in one JSON batch. */
export const MAX_BATCH_SIZE = 20;

export interface SubRequest {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the version, e.g. "/sites/{id}/lists/{id}/items". */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface SubResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface BatchStats {
  /** $batch requests sent. */
  batches: number;
  /** Sub-requests sent, retries included. */
  sent: number;
  /** Sub-requests sent again after a throttle or failure. */
  retried: number;
  /**
   * $batch HTTP requests that were re-sends: a later round carrying only sub-requests sent again. (A $batch the
   * retry middleware sends again whole is counted by the client's onRequest as a later attempt, not here.)
   */
  batchesResent?: number;
}

/**
 * HTTP requests that were re-sends, in the same unit as the requests Graph received: every later attempt of one
 * request (after a throttle, a reset or a 401), plus every $batch round that re-sent failed sub-requests.
 */
export function resentRequests(records: readonly RequestRecord[], stats: BatchStats): number {
  return records.filter((r) => r.attempt > 1).length + (stats.batchesResent ?? 0);
}

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const found = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return found === undefined ? undefined : headers[found];
}

/**
 * Runs every request through $batch (≤ 20 per batch) and returns one response per request, in order. A sub-request
 * still throttled after its attempts comes back with its last status; the caller decides what that means.
 */
export async function runBatched(
  client: Client,
  requests: readonly SubRequest[],
  opts: {
    stats?: BatchStats;
    onSettled?: (settled: number, total: number) => void;
    /** What the batch is for, as "while …" reads it (e.g. "reading the lists"): named when Graph refuses it. */
    doing?: string;
    /**
     * Reads pass true: a sub-request still throttled after its tries is then a GraphThrottledError, not an answer to
     * mistake for "not found". Writes leave it false and report each such item as failed.
     */
    throwWhenThrottled?: boolean;
  } = {},
): Promise<SubResponse[]> {
  const policy = retryPolicyOf(client);
  const doing = opts.doing ?? "sending list changes";
  const results: (SubResponse | undefined)[] = new Array(requests.length);
  const attempts = new Array<number>(requests.length).fill(0);
  let pending = requests.map((_, i) => i);
  let settled = 0;
  const settle = (i: number, reply: SubResponse) => {
    results[i] = reply;
    settled += 1;
    opts.onSettled?.(settled, requests.length);
  };
  /** The policy gave up: nothing more is sent; what was not written is answered as throttled, never lost silently. */
  const giveUp = (indices: readonly number[], status: number) => {
    if (opts.throwWhenThrottled) throw policy.error(status, doing);
    const body = { error: { code: "notSent", message: "Not sent: Microsoft Graph was throttling." } };
    for (const i of indices) if (!results[i]) settle(i, { status, headers: {}, body });
  };

  while (pending.length > 0) {
    const again: number[] = [];
    let throttledThisRound = false;
    for (let start = 0; start < pending.length; start += MAX_BATCH_SIZE) {
      const chunk = pending.slice(start, start + MAX_BATCH_SIZE);
      if (throttledThisRound) {
        // Held back, not sent: they go after the wait, with the ones that were throttled.
        again.push(...chunk);
        continue;
      }
      const body = {
        requests: chunk.map((i) => {
          const r = requests[i];
          const headers = {
            ...(r.body !== undefined ? { "Content-Type": "application/json" } : {}),
            ...(r.headers ?? {}),
          };
          return {
            id: String(i),
            method: r.method,
            url: r.url,
            headers,
            ...(r.body !== undefined ? { body: r.body } : {}),
          };
        }),
      };
      if (opts.stats) {
        opts.stats.batches += 1;
        opts.stats.sent += chunk.length;
        const resent = chunk.filter((i) => attempts[i] > 0).length;
        opts.stats.retried += resent;
        if (resent > 0) opts.stats.batchesResent = (opts.stats.batchesResent ?? 0) + 1;
      }
      for (const i of chunk) attempts[i] += 1;
      let reply: {
        responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
      };
      try {
        reply = (await client.api("/$batch").post(body)) as typeof reply;
      } catch (err) {
        const explained = explainGraphError(err, `accept a batch of ${chunk.length} requests`, client);
        // The whole batch was throttled past the policy: name the job, not the envelope.
        throw explained instanceof GraphThrottledError ? policy.error(explained.status, doing) : explained;
      }
      const byId = new Map((reply.responses ?? []).map((r) => [r.id, r]));
      for (const i of chunk) {
        const r = byId.get(String(i));
        const status = r?.status ?? 0;
        const headers = r?.headers ?? {};
        if (!r || THROTTLE_STATUSES.has(status)) {
          const asked: { waitMs?: number } = {};
          if (policy.throttled(r ? status : 503, header(headers, "Retry-After"), attempts[i], asked)) {
            // A wait opens a window: nothing more goes until it has passed. "Retry-After: 0" opens none.
            if ((asked.waitMs ?? 0) > 0) throttledThisRound = true;
            again.push(i);
            continue;
          }
          if (opts.throwWhenThrottled) throw policy.error(status || 503, doing);
          settle(i, { status: status || 503, headers, body: r?.body ?? null });
          continue;
        }
        settle(i, { status, headers, body: r.body ?? null });
      }
      if (policy.stopped) {
        giveUp([...again, ...pending.slice(start + MAX_BATCH_SIZE)], 429);
        again.length = 0;
        break;
      }
    }
    pending = again;
  }
  return results.map((r, i) => {
    if (!r)
      throw new UserError(
        `Microsoft Graph never answered request ${i + 1} of the batch. Run the sync again: it picks up where it stopped.`,
      );
    return r;
  });
}
