/**
 * Shared by PREV-CHANGE-Q and LAST-YEAR-CHANGE-Q: a change is unusual when it passes BOTH the absolute and the %
 * thresholds and the base is not small; for percent KPIs, when it passes the percentage-point threshold.
 */
import { formatChangePct, formatCount, formatPoints } from "../format";
import { forThreshold } from "../thresholds";
import type { Finding, KpiFigure } from "../types";
import type { FindingRuleId } from "./ids";
import { kpiFinding, showValue, type KpiCheck, type RuleContext, type RuleName } from "./rule";

type ChangeRule = RuleName<FindingRuleId, "query">;

/** A finding for each KPI whose change against `base` (the previous quarter, or last year) is unusual. */
export function changeFindings(
  ctx: RuleContext,
  rule: ChangeRule,
  base: (figure: KpiFigure) => number | null,
  againstWhat: string,
  out: Finding[],
): void {
  for (const check of ctx.kpis) {
    const f = changeFinding(ctx, rule, check, base(check.figure), againstWhat);
    if (f) out.push(f);
  }
}

function changeFinding(
  ctx: RuleContext,
  rule: ChangeRule,
  check: KpiCheck,
  base: number | null,
  againstWhat: string,
): Finding | null {
  const { def, entry, tolerance } = check;
  const actual = check.figure.actual;
  if (actual === null || base === null) return null;
  // Decide first, format after: most figures raise nothing, and formatting is the costly part.
  if (def.unit === "percent") {
    const points = ctx.template.percentScale === "fraction" ? (actual - base) * 100 : actual - base;
    if (!(forThreshold(Math.abs(points)) > tolerance.periodPoints)) return null;
    return kpiFinding(
      rule,
      def.id,
      entry.row,
      `${say(ctx, check, base, actual)} (${formatPoints(points)}) against ${againstWhat}, beyond the ${formatCount(tolerance.periodPoints)}-point tolerance. ${ASK}`,
    );
  }
  if (Math.abs(base) < tolerance.smallBase || base === 0) return null;
  const abs = actual - base;
  const pct = (abs / Math.abs(base)) * 100;
  if (!(
    forThreshold(Math.abs(abs)) > tolerance.periodAbs && forThreshold(Math.abs(pct)) > tolerance.periodPct
  ))
    return null;
  return kpiFinding(
    rule,
    def.id,
    entry.row,
    `${say(ctx, check, base, actual)} (${formatChangePct(pct)}) against ${againstWhat}, beyond the ${formatCount(tolerance.periodPct)}% tolerance. ${ASK}`,
  );
}

const ASK = "Please amend, or explain the change in the Commentary column.";

function say(ctx: RuleContext, check: KpiCheck, base: number, actual: number): string {
  const verb = actual > base ? "rose" : "fell";
  return `${check.def.label} ${verb} from ${showValue(ctx, check.def, base)} to ${showValue(ctx, check.def, actual)}`;
}
