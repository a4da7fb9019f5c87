/**
 * JSON $batch with per-sub-request retry. Graph answers each sub-request on its own, and the SDK's retry sees only the
 * batch's 200: so a throttled (429/503/504) sub-request is collected and sent again in a later batch, under the
 * client's one retry policy. Once a sub-request is throttled the rest of the round is held back too (SharePoint keeps
 * refusing a throttled client until Retry-After has passed, and early requests count against it).
 */
import { UserError } from "../core/errors";
import { explainGraphError, type GraphClient, type RequestRecord } from "./client";
import type { RetryPolicy } from "./retry";
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
  /** When Graph was still throttling it after its tries, or sending had stopped: the failure, its statistics with it. */
  readonly throttled?: GraphThrottledError;
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

/** How one runBatched call behaves. */
export interface BatchOptions {
  stats?: BatchStats;
  onSettled?: (settled: number, total: number) => void;
  /** What the batch is for, as "while …" reads it (e.g. "reading the lists"): named when Graph refuses it. */
  doing?: string;
  /**
   * Reads pass true: a sub-request still throttled after its tries is then a GraphThrottledError, not an answer to
   * mistake for "not found". Writes leave it false and report each such item as failed.
   */
  throwWhenThrottled?: boolean;
}

type BatchReply = { id: string; status: number; headers?: Record<string, string>; body?: unknown };

/** The $batch body for some of the requests: each sub-request's id is its index, a body gets its Content-Type. */
function batchBody(requests: readonly SubRequest[], chunk: readonly number[]): { requests: unknown[] } {
  return {
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
}

/**
 * One call of runBatched: the answers settled so far, and the tries per request and when each was first sent. Every
 * retry decision is the client's one RetryPolicy's (retry.ts), shared with the middleware, so single requests and
 * sub-requests obey one throttle window; every GraphThrottledError comes from that policy, with the sub-request's own
 * tries and time.
 */
class BatchRun {
  private readonly policy: RetryPolicy;
  private readonly doing: string;
  private readonly results: (SubResponse | undefined)[];
  private readonly attempts: number[];
  private readonly firstSentAt: number[];
  private settled = 0;

  constructor(
    private readonly client: GraphClient,
    private readonly requests: readonly SubRequest[],
    private readonly opts: BatchOptions,
  ) {
    this.policy = client.retryPolicy;
    this.doing = opts.doing ?? "sending list changes";
    this.results = new Array(requests.length);
    this.attempts = new Array<number>(requests.length).fill(0);
    this.firstSentAt = new Array<number>(requests.length).fill(0);
  }

  private settle(i: number, reply: SubResponse): void {
    this.results[i] = reply;
    this.settled += 1;
    this.opts.onSettled?.(this.settled, this.requests.length);
  }

  /** The policy stopped: nothing more is sent; what was not written is answered as throttled, never lost silently. */
  private giveUp(indices: readonly number[], failure: GraphThrottledError): void {
    if (this.opts.throwWhenThrottled) throw failure;
    const body = { error: { code: "notSent", message: "Not sent: Microsoft Graph was throttling." } };
    for (const i of indices) {
      if (!this.results[i]) this.settle(i, { status: failure.status, headers: {}, body, throttled: failure });
    }
  }

  private count(chunk: readonly number[]): void {
    const stats = this.opts.stats;
    if (stats) {
      stats.batches += 1;
      stats.sent += chunk.length;
      const resent = chunk.filter((i) => this.attempts[i] > 0).length;
      stats.retried += resent;
      if (resent > 0) stats.batchesResent = (stats.batchesResent ?? 0) + 1;
    }
    const now = this.policy.now();
    for (const i of chunk) {
      if (this.attempts[i] === 0) this.firstSentAt[i] = now;
      this.attempts[i] += 1;
    }
  }

  private async post(chunk: readonly number[]): Promise<Map<string, BatchReply>> {
    let reply: { responses?: BatchReply[] };
    try {
      reply = (await this.client.api("/$batch").post(batchBody(this.requests, chunk))) as typeof reply;
    } catch (err) {
      const explained = explainGraphError(err, `accept a batch of ${chunk.length} requests`);
      // The whole batch was throttled past the policy: name the job, not the envelope.
      throw explained instanceof GraphThrottledError ? explained.whileDoing(this.doing) : explained;
    }
    return new Map((reply.responses ?? []).map((r) => [r.id, r]));
  }

  /**
   * Sends one chunk and settles its answers; a throttled sub-request goes into `again` while the policy allows.
   * Returns true when a wait was asked for (a window opened: nothing more goes this round).
   */
  private async sendChunk(chunk: readonly number[], again: number[]): Promise<boolean> {
    this.count(chunk);
    const byId = await this.post(chunk);
    let waited = false;
    for (const i of chunk) {
      const r = byId.get(String(i));
      const status = r?.status ?? 0;
      const headers = r?.headers ?? {};
      if (r && !THROTTLE_STATUSES.has(status)) {
        this.settle(i, { status, headers, body: r.body ?? null });
        continue;
      }
      const answer = {
        status: r ? status : 503,
        retryAfter: header(headers, "Retry-After"),
        attempt: this.attempts[i],
        firstSentAt: this.firstSentAt[i],
      };
      const next = this.policy.throttled(answer, this.doing);
      if (typeof next === "number") {
        // A wait opens a window: nothing more goes until it has passed. "Retry-After: 0" opens none.
        if (next > 0) waited = true;
        again.push(i);
        continue;
      }
      if (this.opts.throwWhenThrottled) throw next;
      this.settle(i, { status: answer.status, headers, body: r?.body ?? null, throttled: next });
    }
    return waited;
  }

  /** Sends one round in chunks of 20; returns those to send again. */
  private async round(pending: readonly number[]): Promise<number[]> {
    const again: number[] = [];
    let throttledThisRound = false;
    for (let start = 0; start < pending.length; start += MAX_BATCH_SIZE) {
      const chunk = pending.slice(start, start + MAX_BATCH_SIZE);
      if (throttledThisRound) {
        // Held back, not sent: they go after the wait, with the ones that were throttled.
        again.push(...chunk);
        continue;
      }
      if (await this.sendChunk(chunk, again)) throttledThisRound = true;
      const refusal = this.policy.refusal(this.doing);
      if (refusal) {
        this.giveUp([...again, ...pending.slice(start + MAX_BATCH_SIZE)], refusal);
        return [];
      }
    }
    return again;
  }

  async run(): Promise<SubResponse[]> {
    let pending = this.requests.map((_, i) => i);
    while (pending.length > 0) pending = await this.round(pending);
    return this.results.map((r, i) => {
      if (!r)
        throw new UserError(
          `Microsoft Graph never answered request ${i + 1} of the batch. Run the sync again: it picks up where it stopped.`,
        );
      return r;
    });
  }
}

/**
 * Runs every request through $batch (≤ 20 per batch) and returns one response per request, in order. A sub-request
 * still throttled after its attempts comes back with its last status; the caller decides what that means.
 */
export async function runBatched(
  client: GraphClient,
  requests: readonly SubRequest[],
  opts: BatchOptions = {},
): Promise<SubResponse[]> {
  return new BatchRun(client, requests, opts).run();
}
