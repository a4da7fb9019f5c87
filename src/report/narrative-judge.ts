/**
 * How the narrative judges a figure before it words it: the change against an earlier figure (rise, fall, "slight"
 * only within tolerance, a small base claiming no trend), the standing against a target (pro rata for an annual
 * one), and the rotation of phrasings so neighbouring paragraphs read differently.
 */
import { forThreshold } from "../core/thresholds";
import type { ReportKpi } from "./model";

// ---------- Judging a figure ----------

type Move = "rise" | "fall" | "same";

export interface Change {
  readonly move: Move;
  /** Within tolerance and under half the % threshold: the only case called "slight". */
  readonly slight: boolean;
  /** The earlier figure is below the small base: report both figures, claim no trend. */
  readonly smallBase: boolean;
  readonly from: number;
  readonly to: number;
}

/** The change from `from` to the KPI's actual, judged against the KPI's tolerance. */
export function changeOf(k: ReportKpi, from: number | null): Change | null {
  if (k.actual === null || from === null) return null;
  const t = k.tolerance;
  const to = k.actual;
  const move: Move = to > from ? "rise" : to < from ? "fall" : "same";
  if (k.unit === "percent") {
    // Rounded as core's change queries round before their tolerance (src/core/thresholds.ts): one decision at a boundary.
    const points = forThreshold(Math.abs(k.percentScale === "fraction" ? (to - from) * 100 : to - from));
    return { move, slight: points <= t.periodPoints / 2, smallBase: false, from, to };
  }
  const abs = forThreshold(Math.abs(to - from));
  const pct = from === 0 ? Infinity : forThreshold((Math.abs(to - from) / Math.abs(from)) * 100);
  const withinTolerance = abs <= t.periodAbs || pct <= t.periodPct;
  return {
    move,
    slight: withinTolerance && pct <= t.periodPct / 2,
    smallBase: k.unit === "count" && Math.abs(from) < t.smallBase,
    from,
    to,
  };
}

export type TargetStanding =
  | { readonly kind: "met" | "exceeded" | "short" | "well-short" | "just-short" }
  | { readonly kind: "annual"; readonly pace: "double" | "over-double" | "ahead" | "on-course" | "behind" };

/** How the actual stands against its target, from the item's own variance (against the pro-rata share for annual targets). */
export function targetStanding(k: ReportKpi): TargetStanding | null {
  if (k.actual === null || k.target === null || k.variance === null) return null;
  const good = k.higherIsBetter ? k.variance : -k.variance;
  if (k.targetBasis === "annual") {
    const share = k.actual - k.variance; // the pro-rata target the list's variance was measured against
    if (share <= 0) return null;
    const ratio = k.actual / share;
    const green = k.tolerance.targetGreenPct / 100;
    if (!k.higherIsBetter) return { kind: "annual", pace: ratio <= 1 ? "on-course" : "behind" };
    if (Math.abs(ratio - 2) <= 0.05) return { kind: "annual", pace: "double" };
    if (ratio > 2) return { kind: "annual", pace: "over-double" };
    if (ratio >= 1 + green) return { kind: "annual", pace: "ahead" };
    return { kind: "annual", pace: ratio >= 1 - green ? "on-course" : "behind" };
  }
  if (good === 0) return { kind: "met" };
  if (good > 0) return { kind: "exceeded" };
  if (k.rag === "green") return { kind: "just-short" };
  return { kind: k.rag === "red" ? "well-short" : "short" };
}

// ---------- Variety: phrasings rotate from paragraph to paragraph ----------

/** Hands out the phrasings of each situation in turn, so neighbouring paragraphs say things differently. */
export class Variety {
  private readonly turns = new Map<string, number>();
  pick<T>(situation: string, options: readonly T[]): T {
    const n = this.turns.get(situation) ?? 0;
    this.turns.set(situation, n + 1);
    return options[n % options.length];
  }
}
