/** MISSING-CODE: an optional KPI marked "not collected", "N/A" and so on: noted, nothing to do. */
import { kpiFinding, defineRule } from "./rule";

export const missingCodeRule = defineRule({
  id: "MISSING-CODE",
  severity: "info",
  description:
    'An optional KPI is marked with a missing code ("N/A", "not collected"…). It is kept apart from zero and from blank.',
  examples: {
    fires: [{ change: { actual: { optional: "N/A" } }, column: "Actual" }],
    quiet: [{ actual: { optional: 0 } }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      if (def.required || entry.actual.kind !== "missing") continue;
      out.push(
        kpiFinding(
          this,
          def.id,
          entry.row,
          `${def.label} is marked "${entry.actual.raw.trim()}": recorded as not available, not as zero.`,
        ),
      );
    }
  },
});
