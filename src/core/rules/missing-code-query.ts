/** MISSING-CODE-Q: a required KPI marked "not collected", "N/A"…: the provider explains why, or gives the figure. */
import { kpiFinding, defineRule } from "./rule";

export const missingCodeQueryRule = defineRule({
  id: "MISSING-CODE-Q",
  severity: "query",
  description:
    'A required KPI is marked with a missing code ("N/A", "not collected"…) instead of a figure. The provider gives the figure or explains why it was not collected.',
  examples: {
    fires: [{ change: { actual: { groups: "not collected" } }, column: "Actual" }],
    quiet: [{ actual: { optional: "not collected" } }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      if (!def.required || entry.actual.kind !== "missing") continue;
      out.push(
        kpiFinding(
          this,
          def.id,
          entry.row,
          `${def.label} is marked "${entry.actual.raw.trim()}" instead of a figure, but it is required. Please give the figure, or explain in the Commentary column why it was not collected.`,
        ),
      );
    }
  },
});
