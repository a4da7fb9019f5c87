/**
 * The retry policy when a throttled answer's Retry-After cannot be read. In the task pane, Graph's answers are
 * cross-origin and Retry-After is not among the headers Graph exposes to scripts, so the header reads as null there:
 * the policy must still hold back every request (not retry at once) for a backoff, and keep to its waiting budget.
 */
import { backoffMs, RetryPolicy } from "../../src/sharepoint/retry";

describe("retry policy without a readable Retry-After", () => {
  test("a 429 with no Retry-After opens a backoff window that the next request waits out", async () => {
    const waits: number[] = [];
    const policy = new RetryPolicy({ baseDelayMs: 400, sleep: async (ms) => void waits.push(ms) });
    const out: { waitMs?: number } = {};
    expect(policy.throttled(429, null, 1, out)).toBe(true);
    // Full jitter on the first attempt: between half and all of the base delay, never zero.
    expect(out.waitMs).toBeGreaterThanOrEqual(200);
    expect(out.waitMs).toBeLessThanOrEqual(400);
    await policy.beforeSend(2, "syncing");
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(100);
    expect(waits[0]).toBeLessThanOrEqual(out.waitMs ?? 0);
  });

  test("an unreadable header (not a number, not a date) is treated as absent, not as 0 s", () => {
    const policy = new RetryPolicy({ baseDelayMs: 400, sleep: async () => undefined });
    const out: { waitMs?: number } = {};
    expect(policy.throttled(503, "soon", 2, out)).toBe(true);
    expect(out.waitMs).toBeGreaterThanOrEqual(400);
    expect(out.waitMs).toBeLessThanOrEqual(800);
  });

  test("backoffs grow with the attempt, stay under the cap, and stop within the waiting budget", () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const ms = backoffMs(attempt, { baseDelayMs: 100, maxDelayMs: 2_000 });
      expect(ms).toBeGreaterThanOrEqual(Math.min(2_000, 50 * 2 ** (attempt - 1)));
      expect(ms).toBeLessThanOrEqual(Math.min(2_000, 100 * 2 ** (attempt - 1)));
    }
    const policy = new RetryPolicy({ baseDelayMs: 1_000, waitBudgetMs: 1_000, sleep: async () => undefined });
    expect(policy.throttled(429, null, 1)).toBe(true); // 500–1,000 ms: inside the budget
    expect(policy.throttled(429, null, 3)).toBe(false); // 2,000–4,000 ms in all: past it, so the run stops
    expect(policy.stopped).toBe(true);
  });
});
