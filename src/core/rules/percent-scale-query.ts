/** PERCENT-SCALE-Q: a percentage that may be typed on the other scale, though it lies within the KPI's range. */
import { AMEND_OR_EXPLAIN, kpiFinding, onOtherPercentScale, outOfRange, type Rule } from "./rule";
import { scaleMessage } from "./percent-scale";

export const percentScaleQueryRule: Rule = {
  id: "PERCENT-SCALE-Q",
  severity: "query",
  description:
    "A percentage may be typed on the other scale (17.6 for 17.6% where the template takes fractions, or 0.5 where it takes points), though it is within range. It is never rescaled.",
  check(ctx, out) {
    for (const check of ctx.kpis) {
      const { def, entry } = check;
      if (
        entry.actual.kind !== "number" ||
        !onOtherPercentScale(ctx, check) ||
        outOfRange(def, entry.actual.value)
      ) {
        continue;
      }
      const text = scaleMessage(
        ctx.template.percentScale,
        def.label,
        entry.actual.value,
        entry.actual.percentSign === true,
      );
      out.push(
        kpiFinding({ id: this.id, severity: "query" }, def.id, entry.row, `${text} ${AMEND_OR_EXPLAIN}`),
      );
    }
  },
};
