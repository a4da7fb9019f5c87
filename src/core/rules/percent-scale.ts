/** PERCENT-SCALE: 95.83 where the template holds percentages as fractions (0.9583), outside the KPI's range. */
import { formatCount, formatPercentPoints } from "../format";
import type { Finding } from "../types";
import {
  AMEND_OR_EXPLAIN,
  kpiFinding,
  onOtherPercentScale,
  outOfRange,
  defineRule,
  type RuleContext,
  type RuleName,
} from "./rule";

export const percentScaleRule = defineRule({
  id: "PERCENT-SCALE",
  severity: "error",
  description:
    "A percentage looks typed on the other scale (95.83 where the template takes 0.9583, or the reverse) and so falls outside the KPI's range. It is never rescaled: the provider amends it.",
  examples: {
    fires: [{ change: { actual: { rate: 80 } }, column: "Actual" }],
    quiet: [{ actual: { rate: "80%" } }],
  },
  check(ctx, out) {
    scaleFindings(ctx, this, "outside", out);
  },
});

/**
 * Shared with PERCENT-SCALE-Q: a finding for each percentage that looks typed on the other scale, taking those
 * outside the KPI's range (an error) or those inside it (a query, which may be explained).
 */
export function scaleFindings(
  ctx: RuleContext,
  rule: RuleName,
  range: "outside" | "inside",
  out: Finding[],
): void {
  for (const check of ctx.kpis) {
    const { def, entry } = check;
    const actual = entry.actual;
    if (actual.kind !== "number" || !onOtherPercentScale(ctx, check)) continue;
    if (outOfRange(def, actual.value) !== (range === "outside")) continue;
    const text = scaleMessage(
      ctx.template.percentScale,
      def.label,
      actual.value,
      actual.percentSign === true,
    );
    out.push(
      kpiFinding(rule, def.id, entry.row, rule.severity === "error" ? text : `${text} ${AMEND_OR_EXPLAIN}`),
    );
  }
}

/** Says how the value reads and how to type what was probably meant. */
function scaleMessage(
  scale: "fraction" | "points",
  label: string,
  value: number,
  percentSign: boolean,
): string {
  if (scale === "fraction") {
    return `${label} is ${formatCount(value, 4)}, which this return reads as ${formatPercentPoints(value * 100)}. If you meant ${formatPercentPoints(value)}, type ${formatCount(value, 4)}% (or ${formatCount(value / 100, 6)}). The figure has not been changed.`;
  }
  const typed = percentSign ? `${formatCount(value * 100, 4)}%` : formatCount(value, 4);
  return `${label} is ${typed}, which this return reads as ${formatPercentPoints(value)}. This return takes percentage points: if you meant ${formatPercentPoints(value * 100)}, type ${formatCount(value * 100, 4)}. The figure has not been changed.`;
}
