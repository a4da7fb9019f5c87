/** Template "sum" rules: parts add up to their total (Herefordshire + Worcestershire referrals = total referrals). */
import { AMEND, AMEND_OR_EXPLAIN, kpiFinding, showValue, defineRule } from "./rule";
import { templateRuleName } from "./ids";

const EPSILON = 1e-9;

export const sumRule = defineRule({
  id: "sum",
  severity: "template",
  description:
    "A template's rule that some KPIs add up to a total. Its findings carry the template rule's own id and severity. Checked only when the total and every part are numbers.",
  examples: {
    fires: [
      {
        change: { actual: { total: 31 } },
        column: "Actual",
        templateRule: { id: "TOTAL-SUMQ", severity: "query" },
      },
    ],
    quiet: [{ actual: { a: 11, total: 31 } }],
  },
  check(ctx, out) {
    for (const rule of ctx.template.rules) {
      if (rule.kind !== "sum") continue;
      const total = ctx.kpiById.get(rule.total);
      if (!total || total.figure.actual === null) continue;
      let sum = 0;
      let complete = true;
      const labels: string[] = [];
      for (const id of rule.parts) {
        const part = ctx.kpiById.get(id);
        if (!part || part.figure.actual === null) {
          complete = false;
          break;
        }
        sum += part.figure.actual;
        labels.push(`${part.def.label} (${showValue(ctx, part.def, part.figure.actual)})`);
      }
      if (!complete || Math.abs(sum - total.figure.actual) <= EPSILON) continue;
      const why = rule.message ? ` ${rule.message}` : "";
      const ask = rule.severity === "query" ? AMEND_OR_EXPLAIN : AMEND;
      out.push(
        kpiFinding(
          templateRuleName(rule),
          total.def.id,
          total.entry.row,
          `${total.def.label} is ${showValue(ctx, total.def, total.figure.actual)}, but ${labels.join(" + ")} add up to ${showValue(ctx, total.def, sum)}.${why} ${ask}`,
        ),
      );
    }
  },
});
