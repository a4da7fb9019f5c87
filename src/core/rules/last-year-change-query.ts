/** LAST-YEAR-CHANGE-Q: an unusual change against the same quarter last year. */
import { changeFindings } from "./change";
import type { Rule } from "./rule";

export const lastYearChangeQueryRule: Rule = {
  id: "LAST-YEAR-CHANGE-Q",
  severity: "query",
  description:
    "A KPI changed against the same quarter last year by more than both the absolute and the % tolerance (percent KPIs: more than the percentage-point tolerance), with the same small-base guard.",
  check(ctx, out) {
    const rule = { id: this.id, severity: "query" } as const;
    changeFindings(ctx, rule, (figure) => figure.lastYear, "the same quarter last year", out);
  },
};
