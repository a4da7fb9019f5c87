/**
 * Fault injection for the emulator: throttling (429), unavailability (503), connection resets, slow answers and
 * failures of single sub-requests inside a $batch, drawn from a seeded generator so a failing run can be replayed.
 */

import { seededRandom } from "./random";

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

export class FaultDice {
  private random: () => number;

  constructor(private plan: FaultPlan = {}) {
    this.random = seededRandom(plan.seed ?? 1);
  }

  set(plan: FaultPlan): void {
    this.plan = plan;
    this.random = seededRandom(plan.seed ?? 1);
  }

  private retryAfter(): number {
    const r = this.plan.retryAfterSeconds ?? 0;
    if (typeof r === "number") return r;
    return r[0] + Math.floor(this.random() * (r[1] - r[0] + 1));
  }

  /** What happens to the next HTTP request. */
  forRequest(): RequestFault {
    return this.roll([
      [this.plan.rate429, () => this.status(429)],
      [this.plan.rate503, () => this.status(503)],
      [this.plan.resetRate, () => ({ kind: "reset", when: this.random() < 0.5 ? "before" : "after" })],
    ]);
  }

  /** How long to hold the next answer back (ms). */
  delay(): number {
    const rate = this.plan.slowRate ?? (this.plan.slowMs ? 1 : 0);
    return rate > 0 && this.random() < rate ? (this.plan.slowMs ?? 0) : 0;
  }

  /** What happens to the next sub-request inside a $batch. */
  forSubRequest(): RequestFault {
    return this.roll([
      [this.plan.batchItem429Rate, () => this.status(429)],
      [this.plan.batchItem503Rate, () => this.status(503)],
    ]);
  }

  /** One roll of the dice against each fault's rate in turn (the rates share the unit interval): the first it lands in. */
  private roll(faults: readonly (readonly [number | undefined, () => RequestFault])[]): RequestFault {
    const roll = this.random();
    let edge = 0;
    for (const [rate, fault] of faults) {
      edge += rate ?? 0;
      if (roll < edge) return fault();
    }
    return { kind: "none" };
  }

  private status(status: 429 | 503): RequestFault {
    return { kind: "status", status, retryAfter: this.retryAfter() };
  }
}

/**
 * The fault run of the sync acceptance case: 10% 429s, 5% 503s, 4% connection resets and 8% failures of single
 * sub-requests inside a $batch, asking for 0–1 s waits. Shared by the test and the bench so they measure the same storm.
 */
export function mixedFaults(seed: number): FaultPlan {
  return {
    seed,
    rate429: 0.1,
    rate503: 0.05,
    resetRate: 0.04,
    batchItem429Rate: 0.05,
    batchItem503Rate: 0.03,
    retryAfterSeconds: [0, 1],
  };
}
