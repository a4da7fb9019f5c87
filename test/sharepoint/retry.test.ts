/**
 * The retry policy when a throttled answer's Retry-After cannot be read. In the task pane, Graph's answers are
 * cross-origin and Retry-After is not among the headers Graph exposes to scripts, so the header reads as null there:
 * the policy must still hold back every request (not retry at once) for a backoff, and keep to its waiting budget.
 */
import { backoffMs, RetryPolicy, type ThrottledAnswer } from "../../src/sharepoint/retry";
import { GraphThrottledError } from "../../src/sharepoint/throttled";

/** A throttle answer with no readable Retry-After, for a request first sent at 0 on the policy's clock. */
const unreadable = (status: number, attempt: number, retryAfter: string | null = null): ThrottledAnswer => ({
  status,
  retryAfter,
  attempt,
  firstSentAt: 0,
});

describe("retry policy without a readable Retry-After", () => {
  test("a 429 with no Retry-After opens a backoff window that the next request waits out", async () => {
    const waits: number[] = [];
    const policy = new RetryPolicy({ baseDelayMs: 400, sleep: async (ms) => void waits.push(ms) });
    const waitMs = policy.throttled(unreadable(429, 1), "syncing");
    // Full jitter on the first attempt: between half and all of the base delay, never zero.
    expect(waitMs).toBeGreaterThanOrEqual(200);
    expect(waitMs).toBeLessThanOrEqual(400);
    await policy.beforeSend(2, "syncing");
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(100);
    expect(waits[0]).toBeLessThanOrEqual(waitMs as number);
  });

  test("an unreadable header (not a number, not a date) is treated as absent, not as 0 s", () => {
    const policy = new RetryPolicy({ baseDelayMs: 400, sleep: async () => undefined });
    const waitMs = policy.throttled(unreadable(503, 2, "soon"), "syncing");
    expect(waitMs).toBeGreaterThanOrEqual(400);
    expect(waitMs).toBeLessThanOrEqual(800);
  });

  test("backoffs grow with the attempt, stay under the cap, and stop within the waiting budget", () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const ms = backoffMs(attempt, { baseDelayMs: 100, maxDelayMs: 2_000 });
      expect(ms).toBeGreaterThanOrEqual(Math.min(2_000, 50 * 2 ** (attempt - 1)));
      expect(ms).toBeLessThanOrEqual(Math.min(2_000, 100 * 2 ** (attempt - 1)));
    }
    const policy = new RetryPolicy({ baseDelayMs: 1_000, waitBudgetMs: 1_000, sleep: async () => undefined });
    expect(typeof policy.throttled(unreadable(429, 1), "syncing")).toBe("number"); // 500–1,000 ms: inside the budget
    // 2,000–4,000 ms in all: past it, so the run stops, and says why
    expect(policy.throttled(unreadable(429, 3), "syncing")).toBeInstanceOf(GraphThrottledError);
    expect(policy.stopped).toBe(true);
    expect(policy.refusal("writing")?.message).toMatch(/waiting budget while writing/);
  });
});
