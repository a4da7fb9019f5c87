/**
 * Shared by PREV-CHANGE-Q and LAST-YEAR-CHANGE-Q: a change is unusual when it passes BOTH the absolute and the %
 * thresholds and the base is not small; for percent KPIs, when it passes the percentage-point threshold.
 */
import { formatChangePct, formatCount, formatPoints } from "../format";
import type { Finding } from "../types";
import { kpiFinding, showValue, type KpiCheck, type RuleContext } from "./rule";

export function changeFinding(
  ctx: RuleContext,
  rule: { readonly id: string; readonly severity: "query" },
  check: KpiCheck,
  base: number | null,
  againstWhat: string,
): Finding | null {
  const { def, entry, tolerance } = check;
  const actual = check.figure.actual;
  if (actual === null || base === null) return null;
  const from = showValue(ctx, def, base);
  const to = showValue(ctx, def, actual);
  const verb = actual > base ? "rose" : "fell";
  const ask = "Please amend, or explain the change in the Commentary column.";
  if (def.unit === "percent") {
    const points = ctx.template.percentScale === "fraction" ? (actual - base) * 100 : actual - base;
    if (!(Math.abs(points) > tolerance.periodPoints)) return null;
    return kpiFinding(
      rule,
      def.id,
      entry.row,
      `${def.label} ${verb} from ${from} to ${to} (${formatPoints(points)}) against ${againstWhat}, beyond the ${formatCount(tolerance.periodPoints)}-point tolerance. ${ask}`,
    );
  }
  if (Math.abs(base) < tolerance.smallBase || base === 0) return null;
  const abs = actual - base;
  const pct = (abs / Math.abs(base)) * 100;
  if (!(Math.abs(abs) > tolerance.periodAbs && Math.abs(pct) > tolerance.periodPct)) return null;
  return kpiFinding(
    rule,
    def.id,
    entry.row,
    `${def.label} ${verb} from ${from} to ${to} (${formatChangePct(pct)}) against ${againstWhat}, beyond the ${formatCount(tolerance.periodPct)}% tolerance. ${ask}`,
  );
}
