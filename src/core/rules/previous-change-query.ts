/** PREV-CHANGE-Q: an unusual change against the previous quarter. */
import { changeFindings } from "./change";
import type { Rule } from "./rule";

export const previousChangeQueryRule: Rule = {
  id: "PREV-CHANGE-Q",
  severity: "query",
  description:
    "A KPI changed against the previous quarter by more than both the absolute and the % tolerance (percent KPIs: more than the percentage-point tolerance). No query when the previous figure is below the small-base guard.",
  check(ctx, out) {
    const rule = { id: this.id, severity: "query" } as const;
    changeFindings(ctx, rule, (figure) => figure.previous, "the previous quarter", out);
  },
};
