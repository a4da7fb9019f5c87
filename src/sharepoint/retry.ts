/**
 * The one retry policy for everything sent to Graph: single requests (the client's middleware) and the sub-requests
 * of a $batch (the batch runner) ask it before sending and tell it what came back. It keeps SharePoint's rules:
 * once throttled (429/503/504 with Retry-After) nothing more is sent until the wait has passed, whoever sends it;
 * long waits are honoured in full, up to a stated budget of waiting, past which it stops plainly (nothing is lost:
 * what was written stays and a re-run finishes the job); and, given a resource-unit budget, it paces itself so the
 * budget is never overrun. When it gives a request up, the failure it makes carries that request's own tries and
 * time, so the figures a reader is shown travel with the error and nothing about a failure is kept on the side.
 * Source: https://learn.microsoft.com/en-us/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
 * ("How to handle throttling": honour Retry-After; throttled requests count against the limits).
 */
import { throttledError, type GraphThrottledError, type ThrottleStats } from "./throttled";

export { THROTTLE_STATUSES } from "./throttled";

/** Tries per request, the first included, unless RetryOptions says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 8;
/** The waiting one run accepts in all, unless RetryOptions says otherwise: 15 minutes. */
export const DEFAULT_WAIT_BUDGET_MS = 15 * 60_000;

export interface RetryOptions {
  /** Attempts per request, the first included (default 8). */
  readonly maxAttempts?: number;
  /** Backoff when the answer gives no (readable) Retry-After: base × 2^attempt, jittered (default 250 ms). */
  readonly baseDelayMs?: number;
  /** Longest backoff (default 60 s). A Retry-After is never shortened: it is honoured or the run stops. */
  readonly maxDelayMs?: number;
  /** All the waiting for throttling one run accepts (default 15 minutes); beyond it the run stops plainly. */
  readonly waitBudgetMs?: number;
  /** Pacing: the resource units a minute this client may spend (e.g. 1,200, the smallest tenant); none when absent. */
  readonly unitsPerMinute?: number;
  /** Milliseconds one second lasts (1,000); a test scales Retry-After and the budget's minute down with it. */
  readonly secondMs?: number;
  /** For tests: how to wait. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** For tests: the clock (milliseconds), which `sleep` then moves on. */
  readonly now?: () => number;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Milliseconds a Retry-After header asks for (delta seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(
  value: string | null | undefined,
  now = Date.now(),
  secondMs = 1000,
): number | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * secondMs);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function backoffMs(attempt: number, retry: RetryOptions): number {
  const base = retry.baseDelayMs ?? 250;
  // Full jitter keeps many clients that were throttled together from coming back together.
  return Math.min(
    retry.maxDelayMs ?? 60_000,
    Math.round(base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2)),
  );
}

/** One throttle answer to a request, as the policy needs it to decide and, on giving up, to say what happened. */
export interface ThrottledAnswer {
  /** 429, 503 or 504. */
  readonly status: number;
  /** The answer's Retry-After header, if it could be read. */
  readonly retryAfter: string | null | undefined;
  /** The request's tries so far, this one included. */
  readonly attempt: number;
  /** When the request was first sent, on the policy's clock (`RetryPolicy.now`). */
  readonly firstSentAt: number;
}

export class RetryPolicy {
  readonly maxAttempts: number;
  /** The clock every wait and every "kept trying for" is measured on (Date.now unless a test gives its own). */
  readonly now: () => number;
  private readonly wait: (ms: number) => Promise<void>;
  /** Nothing is sent before this time (on `now`): the longest Retry-After still running. */
  private gateUntil = 0;
  private waitedMs = 0;
  /** Set once a wait was beyond the budget: from then on nothing more is sent, and every refusal says why. */
  private stop: ThrottleStats | null = null;
  /** Pacing, a token bucket: `tokens` units may go now; they refill at `ratePerMs`, up to `capacity`. */
  private tokens: number;
  private readonly capacity: number;
  private readonly ratePerMs: number;
  private refilledAt: number;

  constructor(readonly options: RetryOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.wait = options.sleep ?? sleep;
    this.now = options.now ?? (() => Date.now());
    this.refilledAt = this.now();
    const perMinute = options.unitsPerMinute ?? 0;
    const minuteMs = 60 * (options.secondMs ?? 1000);
    // A burst of one full $batch of writes (40 units), and a rate that keeps burst + a minute's refill inside the
    // budget (with 3% to spare for clocks), so no sliding minute ever holds more than the budget allows.
    this.capacity = perMinute > 0 ? Math.min(40, perMinute / 4) : 0;
    this.ratePerMs = perMinute > 0 ? ((perMinute - this.capacity) * 0.97) / minuteMs : 0;
    this.tokens = this.capacity;
  }

  /** Milliseconds one Retry-After second lasts. */
  get secondMs(): number {
    return this.options.secondMs ?? 1000;
  }

  /** True once the policy has given up: no request may be sent any more in this run. */
  get stopped(): boolean {
    return this.stop !== null;
  }

  /** Once the policy has stopped: the failure for a request that may no longer be sent (with why it stopped). */
  refusal(doing: string): GraphThrottledError | null {
    return this.stop ? throttledError(this.stop, doing) : null;
  }

  /**
   * Waits until a request costing `units` may go: after any throttle window, and within the pace. Throws the plain
   * throttling error once the policy has stopped, so nothing is sent after it gave up.
   */
  async beforeSend(units: number, doing: string): Promise<void> {
    const before = this.refusal(doing);
    if (before) throw before;
    // One at a time through the gate and the bucket, so concurrent requests cannot spend the same units twice.
    const turn = this.queue.then(() => this.admit(units));
    this.queue = turn.catch(() => undefined);
    await turn;
    const after = this.refusal(doing);
    if (after) throw after;
  }

  private queue: Promise<void> = Promise.resolve();

  private async admit(units: number): Promise<void> {
    // The throttle window: wait it out, and again if a later answer lengthened it meanwhile.
    for (;;) {
      const until = this.gateUntil;
      const gate = until - this.now();
      if (gate <= 0) break;
      await this.wait(gate);
      if (this.gateUntil === until) break;
    }
    if (this.ratePerMs === 0 || units <= 0) return;
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, now - this.refilledAt) * this.ratePerMs);
    this.refilledAt = Math.max(this.refilledAt, now);
    // A request dearer than the burst (a $batch of 20 writes costs 40) waits for the bucket to fill that far.
    const need = Math.min(units, this.capacity);
    if (this.tokens < need) {
      const ms = Math.ceil((need - this.tokens) / this.ratePerMs);
      await this.wait(ms);
      this.tokens += ms * this.ratePerMs;
      this.refilledAt += ms;
    }
    this.tokens -= units;
  }

  /**
   * A throttle answer came back. Opens the window every later request waits for, and decides: the wait before this
   * request may try again (0: at once), or, when its attempts are spent or the wait asked for is beyond what is left
   * of the waiting budget (then the policy stops), the failure to give up with, carrying the request's own tries and
   * how long it was kept trying. Every GraphThrottledError of a request that was sent is made here.
   */
  throttled(answer: ThrottledAnswer, doing: string): number | GraphThrottledError {
    const { status, attempt } = answer;
    const now = this.now();
    const stats = (overBudget: string | null): ThrottleStats => ({
      status,
      attempts: attempt,
      elapsedMs: Math.max(0, now - answer.firstSentAt),
      overBudget,
    });
    if (attempt >= this.maxAttempts) return throttledError(stats(null), doing);
    const asked = retryAfterMs(answer.retryAfter, now, this.secondMs);
    // No readable Retry-After (a browser cannot read Graph's cross-origin): wait a backoff instead.
    const waitMs = asked ?? backoffMs(attempt, this.options);
    const budget = this.options.waitBudgetMs ?? DEFAULT_WAIT_BUDGET_MS;
    const until = now + waitMs;
    const extra = Math.max(0, until - Math.max(this.gateUntil, now));
    if (this.waitedMs + extra > budget) {
      this.stop ??= stats(
        `asked to wait ${Math.round(waitMs / this.secondMs)} s more, beyond the ${Math.round(budget / 60_000)}-minute waiting budget`,
      );
      return throttledError(this.stop, doing);
    }
    this.waitedMs += extra;
    this.gateUntil = Math.max(this.gateUntil, until);
    return waitMs;
  }

  /**
   * The connection dropped before the answer came: the answer may have carried a Retry-After the client never read,
   * so nothing more is sent for at least a second (or the backoff, if longer).
   */
  lostAnswer(attempt: number): void {
    const waitMs = Math.max(backoffMs(attempt, this.options), this.secondMs);
    this.gateUntil = Math.max(this.gateUntil, this.now() + waitMs);
  }
}
