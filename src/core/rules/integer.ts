/** INTEGER: counts are whole numbers. */
import { formatCount } from "../format";
import { AMEND, kpiFinding, defineRule } from "./rule";

export const integerRule = defineRule({
  id: "INTEGER",
  severity: "error",
  description: "A KPI that counts things (people, sessions, referrals) holds a number with a fraction.",
  examples: {
    fires: [{ change: { actual: { referrals: 99.5 } }, column: "Actual" }],
    quiet: [{ actual: { rate: 0.805 } }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      if (!def.integer || entry.actual.kind !== "number" || Number.isInteger(entry.actual.value)) continue;
      out.push(
        kpiFinding(
          this,
          def.id,
          entry.row,
          `${def.label} is ${formatCount(entry.actual.value, 4)}, but it counts whole numbers. ${AMEND}`,
        ),
      );
    }
  },
});
