/** PERCENT-SCALE: 95.83 where the template holds percentages as fractions (0.9583), outside the KPI's range. */
import { formatCount, formatPercentPoints } from "../format";
import { kpiFinding, onOtherPercentScale, outOfRange, type Rule } from "./rule";

export const percentScaleRule: Rule = {
  id: "PERCENT-SCALE",
  severity: "error",
  description:
    "A percentage looks typed on the other scale (95.83 where the template takes 0.9583, or the reverse) and so falls outside the KPI's range. It is never rescaled: the provider amends it.",
  check(ctx, out) {
    for (const check of ctx.kpis) {
      const { def, entry } = check;
      if (
        entry.actual.kind !== "number" ||
        !onOtherPercentScale(ctx, check) ||
        !outOfRange(def, entry.actual.value)
      ) {
        continue;
      }
      out.push(
        kpiFinding(
          { id: this.id, severity: "error" },
          def.id,
          entry.row,
          scaleMessage(
            ctx.template.percentScale,
            def.label,
            entry.actual.value,
            entry.actual.percentSign === true,
          ),
        ),
      );
    }
  },
};

/** Shared with PERCENT-SCALE-Q: says how the value reads and how to type what was probably meant. */
export function scaleMessage(
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
