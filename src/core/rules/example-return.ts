/**
 * The world every rule's examples are written in: a small template whose KPIs, template rules and budget line give
 * each rule something to fire on, and the shape of a change to its clean return (which raises nothing). The rules
 * test builds a Return from each change and checks the rule fires, or stays quiet, as its file says.
 */
import type { CellInput } from "../types";

/** The example template, as a template file would hold it. */
export const EXAMPLE_TEMPLATE = {
  id: "example",
  version: "1.0.0",
  title: "Example service",
  serviceArea: "Examples",
  kpis: [
    { id: "referrals", label: "Referrals", unit: "count", min: 0, guidance: "Count each person once." },
    { id: "engaged", label: "Engaged", unit: "count", min: 0, guidance: "Of the referrals." },
    { id: "rate", label: "Contact rate", unit: "percent", min: 0, max: 1, guidance: "A share." },
    { id: "change", label: "Change in reports", unit: "percent", min: -1, guidance: "Signed." },
    { id: "a", label: "Part A", unit: "count", guidance: "A part." },
    { id: "b", label: "Part B", unit: "count", guidance: "A part." },
    { id: "total", label: "Total", unit: "count", guidance: "A + B." },
    { id: "groups", label: "Groups", unit: "count", allowedValues: [1, 2, 3], guidance: "One to three." },
    { id: "optional", label: "Optional", unit: "count", required: false, guidance: "If known." },
  ],
  rules: [
    { id: "ENGAGED-LE", kind: "compare", severity: "error", left: "engaged", op: "<=", right: "referrals" },
    { id: "TOTAL-SUMQ", kind: "sum", severity: "query", parts: ["a", "b"], total: "total" },
  ],
  budgetLines: [{ id: "grant", label: "Grant" }],
} as const;

/** A KPI of the example template. */
export type ExampleKpi = (typeof EXAMPLE_TEMPLATE.kpis)[number]["id"];

/**
 * A change to the clean example return: cells typed differently, rows dropped, added or repeated, another period or
 * template version, an approval. What is not named keeps its clean value.
 */
export interface ReturnChange {
  readonly actual?: Partial<Record<ExampleKpi, CellInput>>;
  readonly target?: Partial<Record<ExampleKpi, CellInput>>;
  readonly previous?: Partial<Record<ExampleKpi, CellInput>>;
  readonly lastYear?: Partial<Record<ExampleKpi, CellInput>>;
  readonly commentary?: Partial<Record<ExampleKpi, string>>;
  readonly label?: Partial<Record<ExampleKpi, string>>;
  readonly awarded?: CellInput;
  readonly spent?: CellInput;
  readonly previousSpent?: number | null;
  readonly budgetCommentary?: string;
  readonly period?: string;
  readonly templateVersion?: string;
  readonly dropKpi?: ExampleKpi;
  readonly addKpi?: string;
  readonly duplicateKpi?: ExampleKpi;
  readonly dropLine?: boolean;
  readonly addLine?: string;
  /** The reader found the table missing: its rows are gone and the Return says so. */
  readonly missingTable?: "KpiReturn" | "BudgetReturn";
  /** Marks the return approved, with the approval's hash taken over the return this other change makes. */
  readonly approvedWith?: ReturnChange;
}
