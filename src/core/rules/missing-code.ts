/** MISSING-CODE: an optional KPI marked "not collected", "N/A" and so on: noted, nothing to do. */
import { kpiFinding, type Rule } from "./rule";

export const missingCodeRule: Rule = {
  id: "MISSING-CODE",
  severity: "info",
  description:
    'An optional KPI is marked with a missing code ("N/A", "not collected"…). It is kept apart from zero and from blank.',
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      if (def.required || entry.actual.kind !== "missing") continue;
      out.push(
        kpiFinding(
          { id: this.id, severity: "info" },
          def.id,
          entry.row,
          `${def.label} is marked "${entry.actual.raw.trim()}": recorded as not available, not as zero.`,
        ),
      );
    }
  },
};
