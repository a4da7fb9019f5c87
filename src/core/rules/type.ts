/** TYPE: an actual must be a number; text such as "twelve" or "22/22" is not read as one. */
import { AMEND, kpiFinding, defineRule } from "./rule";

export const typeRule = defineRule({
  id: "TYPE",
  severity: "error",
  description: "A KPI's Actual holds text (or TRUE/FALSE, or a date) that cannot be read as a number.",
  examples: {
    fires: [{ change: { actual: { referrals: "lots" } }, column: "Actual" }],
    quiet: [{ actual: { referrals: "100" } }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      if (entry.actual.kind !== "text") continue;
      out.push(
        kpiFinding(
          this,
          def.id,
          entry.row,
          `${def.label} holds "${entry.actual.raw}", which is not a number. ${AMEND}`,
        ),
      );
    }
  },
});
