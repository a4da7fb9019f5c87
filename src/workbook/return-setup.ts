/**
 * What a commissioner issues to a provider (template, provider, quarter and the figures already known), and the
 * record of those figures kept in the return's metadata so a provider changing them is noticed.
 */
import type { KpiTemplate } from "../core/types";
import type { IssuedFigures } from "./metadata";

/** What a commissioner issues to a provider: the template, who and when, and the figures already known. */
export interface ReturnSetup {
  readonly template: KpiTemplate;
  readonly provider: string;
  /** "2022-23 Q2". */
  readonly period: string;
  /** By KPI id. */
  readonly targets?: Readonly<Record<string, number>>;
  readonly previous?: Readonly<Record<string, number>>;
  readonly lastYear?: Readonly<Record<string, number>>;
  /** By budget line id. */
  readonly awarded?: Readonly<Record<string, number>>;
  /** Spent to date reported last quarter, by budget line id (kept in the metadata for the budget rules). */
  readonly previousSpent?: Readonly<Record<string, number>>;
}

/** The figures issued with a return, kept in its metadata so changes to them can be noticed. */
export function issuedFigures(setup: ReturnSetup): IssuedFigures {
  const kpis: Record<string, { target: number | null; previous: number | null; lastYear: number | null }> =
    {};
  for (const kpi of setup.template.kpis) {
    kpis[kpi.id] = {
      target: setup.targets?.[kpi.id] ?? null,
      previous: setup.previous?.[kpi.id] ?? null,
      lastYear: setup.lastYear?.[kpi.id] ?? null,
    };
  }
  const budget: Record<string, { awarded: number | null }> = {};
  for (const line of setup.template.budgetLines)
    budget[line.id] = { awarded: setup.awarded?.[line.id] ?? null };
  return { kpis, budget };
}
