/** INTEGER: counts are whole numbers. */
import { formatCount } from "../format";
import { AMEND, kpiFinding, type Rule } from "./rule";

export const integerRule: Rule = {
  id: "INTEGER",
  severity: "error",
  description: "A KPI that counts things (people, sessions, referrals) holds a number with a fraction.",
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      if (!def.integer || entry.actual.kind !== "number" || Number.isInteger(entry.actual.value)) continue;
      out.push(
        kpiFinding(
          { id: this.id, severity: "error" },
          def.id,
          entry.row,
          `${def.label} is ${formatCount(entry.actual.value, 4)}, but it counts whole numbers. ${AMEND}`,
        ),
      );
    }
  },
};
