/** RANGE: an actual must lie within the KPI's minimum and maximum. */
import { beyondLimit, unitLimit } from "../limits";
import { AMEND, kpiFinding, onOtherPercentScale, outOfRange, showValue, defineRule } from "./rule";

export const rangeRule = defineRule({
  id: "RANGE",
  severity: "error",
  description:
    "A KPI's Actual is below its minimum or above its maximum (e.g. a negative count), or beyond any plausible figure in its unit (1e308 pasted in). A percentage typed on the other scale is reported by PERCENT-SCALE instead.",
  examples: {
    fires: [
      { change: { actual: { referrals: -1 } }, column: "Actual" },
      { change: { actual: { referrals: 1e308 } }, column: "Actual" },
    ],
    quiet: [{ actual: { referrals: 0, engaged: 0 } }],
  },
  check(ctx, out) {
    for (const check of ctx.kpis) {
      const { def, entry } = check;
      if (entry.actual.kind !== "number") continue;
      const limit = unitLimit(def.unit, ctx.template.percentScale);
      if (beyondLimit(entry.actual.value, limit)) {
        out.push(
          kpiFinding(
            this,
            def.id,
            entry.row,
            `${def.label} is ${showValue(ctx, def, entry.actual.value)}, beyond any plausible figure (at most ${showValue(ctx, def, limit)} either way), so nothing is calculated from it. ${AMEND}`,
          ),
        );
        continue;
      }
      if (!outOfRange(def, entry.actual.value)) continue;
      if (onOtherPercentScale(ctx, check)) continue;
      const v = entry.actual.value;
      const bound =
        def.min !== undefined && v < def.min
          ? `below the lowest allowed, ${showValue(ctx, def, def.min)}`
          : `above the highest allowed, ${showValue(ctx, def, def.max ?? v)}`;
      out.push(
        kpiFinding(this, def.id, entry.row, `${def.label} is ${showValue(ctx, def, v)}, ${bound}. ${AMEND}`),
      );
    }
  },
});
