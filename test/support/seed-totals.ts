/**
 * The seed's Community Safety Partnership returns, and cross-checks of the seed against the report it comes from:
 * totals worked out from the seed's own cells.
 */
import { numberOf, parseCell } from "../../src/core/values";
import { seedReturns, type SeedReturn } from "../../src/seed/q2-2022-23";

/** The CSP returns alone, in the report's order. */
export const seedCspReturns: readonly SeedReturn[] = seedReturns.filter((r) => r.templateId === "csp-budget");

/** Total awarded and spent across the five CSPs, straight from the seed's cells. */
export function seedCspTotals(): { awarded: number; spent: number } {
  let awarded = 0;
  let spent = 0;
  for (const r of seedCspReturns) {
    awarded += r.awarded["csp-grant"] ?? 0;
    spent += numberOf(parseCell(r.input.budget["csp-grant"]?.spentToDate ?? null)) ?? 0;
  }
  return { awarded, spent };
}
