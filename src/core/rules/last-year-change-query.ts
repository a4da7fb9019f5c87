/** LAST-YEAR-CHANGE-Q: an unusual change against the same quarter last year. */
import { changeFindings } from "./change";
import { defineRule } from "./rule";

export const lastYearChangeQueryRule = defineRule({
  id: "LAST-YEAR-CHANGE-Q",
  severity: "query",
  description:
    "A KPI changed against the same quarter last year by more than both the absolute and the % tolerance (percent KPIs: more than the percentage-point tolerance), with the same small-base guard.",
  examples: {
    fires: [{ change: { actual: { referrals: 111 }, previous: { referrals: null } }, column: "Actual" }],
    quiet: [{ actual: { referrals: 111 }, lastYear: { referrals: 15 }, previous: { referrals: null } }],
  },
  check(ctx, out) {
    changeFindings(ctx, this, (figure) => figure.lastYear, "the same quarter last year", out);
  },
});
