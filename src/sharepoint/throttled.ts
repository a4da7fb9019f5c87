/**
 * The failure for a Graph that keeps throttling (429) or stays unavailable (503/504) past the retry budget: one plain
 * sentence saying what was being done, how long we kept trying, and what to do. No Graph SDK here, so the command
 * line can recognise it without loading the client.
 */
import { UserError } from "../core/errors";

export class GraphThrottledError extends UserError {
  constructor(
    readonly status: number,
    /** Tries made for the request that gave up, the first included; null when not known. */
    readonly attempts: number | null,
    readonly elapsedMs: number | null,
    /** What was being done, as "while …" reads it: "writing the KPI Returns list". */
    readonly doing: string,
    /** What to do next, after the semicolon. */
    readonly advice = "wait a few minutes and try again.",
    /** Set when it stopped because the wait asked for was beyond the waiting budget: how, in words. */
    readonly overBudget: string | null = null,
  ) {
    super(throttledMessage(status, attempts, elapsedMs, doing, advice, overBudget));
    this.name = "GraphThrottledError";
  }

  /** The same failure with the caller's advice (sync knows a re-run is safe; the client does not). */
  withAdvice(advice: string): GraphThrottledError {
    return new GraphThrottledError(
      this.status,
      this.attempts,
      this.elapsedMs,
      this.doing,
      advice,
      this.overBudget,
    );
  }
}

function throttledMessage(
  status: number,
  attempts: number | null,
  elapsedMs: number | null,
  doing: string,
  advice: string,
  overBudget: string | null,
): string {
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
