/** TARGET-VARIANCE-Q: a KPI short of its target by more than the green tolerance (amber or red). */
import { formatChangePct, formatCount } from "../format";
import { kpiFinding, showValue, defineRule } from "./rule";

export const targetVarianceQueryRule = defineRule({
  id: "TARGET-VARIANCE-Q",
  severity: "query",
  description:
    "A KPI falls short of its target (pro rata for an annual target) by more than the green tolerance, so its RAG is amber or red. Beating the target raises no query.",
  examples: {
    fires: [
      {
        change: { actual: { referrals: 89 }, previous: { referrals: null }, lastYear: { referrals: null } },
        column: "Actual",
      },
    ],
    quiet: [{ actual: { referrals: 90 } }],
  },
  check(ctx, out) {
    for (const { def, entry, figure, tolerance } of ctx.kpis) {
      if (figure.rag !== "amber" && figure.rag !== "red") continue;
      if (
        figure.actual === null ||
        figure.target === null ||
        figure.proRataTarget == null ||
        figure.variancePct === null
      ) {
        continue;
      }
      let against = `its target of ${showValue(ctx, def, figure.target)}`;
      if (def.targetBasis === "annual") {
        against = def.cumulative
          ? `a year-to-date target of ${showValue(ctx, def, figure.proRataTarget)} (${ctx.quarter} quarters of the annual target of ${showValue(ctx, def, figure.target)})`
          : `a quarter's share of the annual target, ${showValue(ctx, def, figure.proRataTarget)} (of ${showValue(ctx, def, figure.target)})`;
      }
      out.push(
        kpiFinding(
          this,
          def.id,
          entry.row,
          `${def.label} is ${showValue(ctx, def, figure.actual)} against ${against}: ${formatChangePct(figure.variancePct)}, beyond the ${formatCount(tolerance.targetGreenPct)}% tolerance (RAG ${figure.rag}). Please amend, or explain the variance in the Commentary column.`,
        ),
      );
    }
  },
});
