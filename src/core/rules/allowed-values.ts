/** ALLOWED-VALUES: where a template lists the only values accepted, the actual must be one of them. */
import { formatCount } from "../format";
import { AMEND, kpiFinding, defineRule } from "./rule";

export const allowedValuesRule = defineRule({
  id: "ALLOWED-VALUES",
  severity: "error",
  description: "A KPI whose template lists the only values accepted holds another value.",
  examples: {
    fires: [{ change: { actual: { groups: 4 } }, column: "Actual" }],
    quiet: [{ actual: { groups: 3 } }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      if (!def.allowedValues || entry.actual.kind !== "number") continue;
      const v = entry.actual.value;
      if (def.allowedValues.includes(v)) continue;
      const list = def.allowedValues.map((a) => formatCount(a, 4)).join(", ");
      out.push(
        kpiFinding(
          this,
          def.id,
          entry.row,
          `${def.label} is ${formatCount(v, 4)}, but only ${list} can be given. ${AMEND}`,
        ),
      );
    }
  },
});
