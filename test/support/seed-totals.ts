/** Cross-checks of the seed against the report it comes from: totals worked out from the seed's own cells. */
import { numberOf, parseCell } from "../../src/core/values";
import { seedCspReturns } from "../../src/seed/q2-2022-23";

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
