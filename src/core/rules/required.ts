/** REQUIRED: a required KPI's actual cannot be left blank. */
import { AMEND, kpiFinding, defineRule } from "./rule";

export const requiredRule = defineRule({
  id: "REQUIRED",
  severity: "error",
  description:
    'A required KPI\'s Actual is blank. Zero must be typed as 0; a figure that was not collected can be marked "not collected" (a query).',
  examples: {
    fires: [{ change: { actual: { referrals: null } }, column: "Actual" }],
    quiet: [{ actual: { referrals: 0, engaged: 0 } }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      if (!def.required || entry.actual.kind !== "blank") continue;
      out.push(
        kpiFinding(
          this,
          def.id,
          entry.row,
          `${def.label} is blank. Please give the figure (type 0 if there were none), or type "not collected". ${AMEND}`,
        ),
      );
    }
  },
});
