/** PERCENT-SCALE-Q: a percentage that may be typed on the other scale, though it lies within the KPI's range. */
import { scaleFindings } from "./percent-scale";
import { defineRule } from "./rule";

export const percentScaleQueryRule = defineRule({
  id: "PERCENT-SCALE-Q",
  severity: "query",
  description:
    "A percentage may be typed on the other scale (17.6 for 17.6% where the template takes fractions, or 0.5 where it takes points), though it is within range. It is never rescaled.",
  examples: {
    fires: [{ change: { actual: { change: 17.6 } }, column: "Actual" }],
    quiet: [{ actual: { change: 0.176 } }],
  },
  check(ctx, out) {
    scaleFindings(ctx, this, "inside", out);
  },
});
