/** Template "compare" rules: one KPI against another (contacted within 72h ≥ within 48h; engaged ≤ referrals). */
import type { CompareOp, TemplateRule } from "../types";
import { AMEND, AMEND_OR_EXPLAIN, kpiFinding, showValue, defineRule, type RuleContext } from "./rule";
import { templateRuleName } from "./ids";

const EPSILON = 1e-9;
const WORDS: Record<CompareOp, string> = {
  ">=": "at least",
  "<=": "no more than",
  ">": "more than",
  "<": "less than",
  "=": "equal to",
};

export function compareHolds(left: number, op: CompareOp, right: number): boolean {
  switch (op) {
    case ">=":
      return left >= right - EPSILON;
    case "<=":
      return left <= right + EPSILON;
    case ">":
      return left > right + EPSILON;
    case "<":
      return left < right - EPSILON;
    case "=":
      return Math.abs(left - right) <= EPSILON;
  }
}

export const compareRule = defineRule({
  id: "compare",
  severity: "template",
  description:
    "A template's cross-field rule comparing two KPIs (>=, <=, >, <, =). Its findings carry the template rule's own id and severity. Checked only when both figures are numbers.",
  examples: {
    fires: [
      {
        change: { actual: { engaged: 101 } },
        column: "Actual",
        templateRule: { id: "ENGAGED-LE", severity: "error" },
      },
    ],
    quiet: [{ actual: { engaged: 100 } }],
  },
  check(ctx, out) {
    for (const rule of ctx.template.rules) {
      if (rule.kind !== "compare") continue;
      const left = ctx.kpiById.get(rule.left);
      const right = ctx.kpiById.get(rule.right);
      if (!left || !right || left.figure.actual === null || right.figure.actual === null) continue;
      if (compareHolds(left.figure.actual, rule.op, right.figure.actual)) continue;
      out.push(
        kpiFinding(templateRuleName(rule), left.def.id, left.entry.row, message(rule, ctx, left, right)),
      );
    }
  },
});

function message(
  rule: TemplateRule & { kind: "compare" },
  ctx: RuleContext,
  left: NonNullable<ReturnType<typeof ctx.kpiById.get>>,
  right: NonNullable<ReturnType<typeof ctx.kpiById.get>>,
): string {
  const l = showValue(ctx, left.def, left.figure.actual ?? 0);
  const r = showValue(ctx, right.def, right.figure.actual ?? 0);
  const why = rule.message ? ` ${rule.message}` : "";
  const ask = rule.severity === "query" ? AMEND_OR_EXPLAIN : AMEND;
  return `${left.def.label} (${l}) should be ${WORDS[rule.op]} ${right.def.label} (${r}).${why} ${ask}`;
}
