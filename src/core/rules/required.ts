/** REQUIRED: a required KPI's actual cannot be left blank. */
import { AMEND, kpiFinding, type Rule } from "./rule";

export const requiredRule: Rule = {
  id: "REQUIRED",
  severity: "error",
  description:
    'A required KPI\'s Actual is blank. Zero must be typed as 0; a figure that was not collected can be marked "not collected" (a query).',
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      if (!def.required || entry.actual.kind !== "blank") continue;
      out.push(
        kpiFinding(
          { id: this.id, severity: "error" },
          def.id,
          entry.row,
          `${def.label} is blank. Please give the figure (type 0 if there were none), or type "not collected". ${AMEND}`,
        ),
      );
    }
  },
};
