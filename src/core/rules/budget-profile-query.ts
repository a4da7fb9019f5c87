/** BUDGET-PROFILE-Q: utilisation far from what the spending profile expects by this quarter. */
import { formatCount, formatCurrency, formatPercent, formatPoints } from "../format";
import { offProfile } from "../figures";
import { budgetFinding, defineRule } from "./rule";

export const budgetProfileQueryRule = defineRule({
  id: "BUDGET-PROFILE-Q",
  severity: "query",
  description:
    "A budget line's utilisation (spent ÷ awarded) is further from the expected profile for the quarter than the budget tolerance, in percentage points, either way.",
  examples: {
    fires: [{ change: { spent: 601 }, column: "Spent to date" }],
    quiet: [{ spent: 600 }],
  },
  check(ctx, out) {
    for (const { def, entry, figure, tolerance } of ctx.budget) {
      const { utilisation, expectedUtilisation, varianceVsProfile } = figure;
      if (utilisation === null || expectedUtilisation === null || varianceVsProfile === null) continue;
      if (!offProfile(varianceVsProfile, tolerance)) continue;
      const forecast =
        figure.forecastOutturn !== null && figure.forecastVariance !== null
          ? ` At this rate the year's spend would be ${formatCurrency(figure.forecastOutturn)}, ${figure.forecastVariance > 0 ? `${formatCurrency(figure.forecastVariance)} over` : `${formatCurrency(-figure.forecastVariance)} under`} the award.`
          : "";
      out.push(
        budgetFinding(
          this,
          def.id,
          entry.row,
          `${def.label}: ${formatPercent(utilisation)} of the award is spent, against ${formatPercent(expectedUtilisation)} expected by this quarter (${formatPoints(varianceVsProfile * 100)}), beyond the ${formatCount(tolerance.budgetProfilePoints)}-point tolerance.${forecast} Please amend, or explain in the Commentary column.`,
        ),
      );
    }
  },
});
