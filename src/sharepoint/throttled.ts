/**
 * The failure for a Graph that keeps throttling (429) or stays unavailable (503/504) past the retry budget: one plain
 * sentence saying what was being done, how long we kept trying, and what to do. It carries its own statistics (the
 * tries and the time of the request that gave up), so whoever words it for a reader reads them from the failure itself.
 * Made only by `throttledError`. No Graph SDK here, so the command line can recognise it without loading the client.
 */
import { UserError } from "../core/errors";

/** What a request that was given up went through; the retry policy measures it on its own clock. */
export interface ThrottleStats {
  /** The last status Graph answered it with: 429, 503 or 504. */
  readonly status: number;
  /** Tries made for the request that gave up, the first included; null when it was never sent (sending had stopped). */
  readonly attempts: number | null;
  /** How long that request was kept trying, from its first send to giving up; null when not known. */
  readonly elapsedMs: number | null;
  /** Set when it stopped because the wait asked for was beyond the waiting budget: how, in words. */
  readonly overBudget: string | null;
}

/** What the client advises when its caller knows no better (sync knows a re-run is safe, and says so). */
export const DEFAULT_THROTTLED_ADVICE = "wait a few minutes and try again.";

export class GraphThrottledError extends UserError implements ThrottleStats {
  readonly status: number;
  readonly attempts: number | null;
  readonly elapsedMs: number | null;
  readonly overBudget: string | null;

  constructor(
    stats: ThrottleStats,
    /** What was being done, as "while …" reads it: "writing the KPI Returns list". */
    readonly doing: string,
    /** What to do next, after the semicolon. */
    readonly advice: string,
  ) {
    super(throttledMessage(stats, doing, advice));
    this.name = "GraphThrottledError";
    this.status = stats.status;
    this.attempts = stats.attempts;
    this.elapsedMs = stats.elapsedMs;
    this.overBudget = stats.overBudget;
  }

  /** The same failure with the caller's advice (sync knows a re-run is safe; the client does not). */
  withAdvice(advice: string): GraphThrottledError {
    return throttledError(this, this.doing, advice);
  }

  /** The same failure named by the job it stopped ("writing the KPI Returns list"), not the request. */
  whileDoing(doing: string): GraphThrottledError {
    return throttledError(this, doing, this.advice);
  }

  /** As JSON (a sync result printed by `sync --json`), the failure is its sentence. */
  toJSON(): string {
    return this.message;
  }
}

/** The one place a GraphThrottledError is made: from the statistics of the request that gave up. */
export function throttledError(
  stats: ThrottleStats,
  doing: string,
  advice: string = DEFAULT_THROTTLED_ADVICE,
): GraphThrottledError {
  return new GraphThrottledError(stats, doing, advice);
}

function throttledMessage(stats: ThrottleStats, doing: string, advice: string): string {
  const { status, attempts, elapsedMs, overBudget } = stats;
  const what =
    status === 429
      ? `Microsoft Graph is throttling requests (429)`
      : `Microsoft Graph is unavailable (${status})`;
  const tries = attempts === null ? "every retry" : `${attempts} ${attempts === 1 ? "try" : "tries"}`;
  const over = elapsedMs === null ? "" : ` over ${Math.max(0, Math.round(elapsedMs / 1000))} s`;
  if (overBudget) return `${what} and ${overBudget} while ${doing}; it stopped sending then, so ${advice}`;
  return `${what} and still was after ${tries}${over} while ${doing}; ${advice}`;
}

/** The statuses that mean "come back later": retried on Retry-After, and a GraphThrottledError once retries run out. */
export const THROTTLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);
