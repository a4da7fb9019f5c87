/**
 * Fault injection for the emulator: throttling (429), unavailability (503), connection resets, slow answers and
 * failures of single sub-requests inside a $batch, drawn from a seeded generator so a failing run can be replayed.
 */

export interface FaultPlan {
  /** Seed for the generator; the same seed and the same request order give the same faults. */
  readonly seed?: number;
  /** Share of requests (0–1) answered 429 Too Many Requests. */
  readonly rate429?: number;
  /** Share of requests answered 503 Service Unavailable. */
  readonly rate503?: number;
  /** Retry-After seconds sent with 429 and 503; a [min, max] pair picks one per fault. */
  readonly retryAfterSeconds?: number | readonly [number, number];
  /** Share of requests whose connection is destroyed: half before the work is done, half after (the client never hears). */
  readonly resetRate?: number;
  /** Share of requests answered late, and how late (ms). */
  readonly slowRate?: number;
  readonly slowMs?: number;
  /** Share of sub-requests inside a $batch answered 429 / 503 on their own while the rest succeed. */
  readonly batchItem429Rate?: number;
  readonly batchItem503Rate?: number;
}

export type RequestFault =
  | { readonly kind: "none" }
  | { readonly kind: "status"; readonly status: 429 | 503; readonly retryAfter: number }
  | { readonly kind: "reset"; readonly when: "before" | "after" };

/** mulberry32: tiny, fast and good enough to spread faults; not for anything secret. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultDice {
  private random: () => number;

  constructor(private plan: FaultPlan = {}) {
    this.random = generator(plan.seed ?? 1);
  }

  set(plan: FaultPlan): void {
    this.plan = plan;
    this.random = generator(plan.seed ?? 1);
  }

  private retryAfter(): number {
    const r = this.plan.retryAfterSeconds ?? 0;
    if (typeof r === "number") return r;
    return r[0] + Math.floor(this.random() * (r[1] - r[0] + 1));
  }

  /** What happens to the next HTTP request. */
  forRequest(): RequestFault {
    const roll = this.random();
    let edge = this.plan.rate429 ?? 0;
    if (roll < edge) return { kind: "status", status: 429, retryAfter: this.retryAfter() };
    edge += this.plan.rate503 ?? 0;
    if (roll < edge) return { kind: "status", status: 503, retryAfter: this.retryAfter() };
    edge += this.plan.resetRate ?? 0;
    if (roll < edge) return { kind: "reset", when: this.random() < 0.5 ? "before" : "after" };
    return { kind: "none" };
  }

  /** How long to hold the next answer back (ms). */
  delay(): number {
    const rate = this.plan.slowRate ?? (this.plan.slowMs ? 1 : 0);
    return rate > 0 && this.random() < rate ? (this.plan.slowMs ?? 0) : 0;
  }

  /** What happens to the next sub-request inside a $batch. */
  forSubRequest(): RequestFault {
    const roll = this.random();
    let edge = this.plan.batchItem429Rate ?? 0;
    if (roll < edge) return { kind: "status", status: 429, retryAfter: this.retryAfter() };
    edge += this.plan.batchItem503Rate ?? 0;
    if (roll < edge) return { kind: "status", status: 503, retryAfter: this.retryAfter() };
    return { kind: "none" };
  }
}
