/** PREV-CHANGE-Q: an unusual change against the previous quarter. */
import { changeFindings } from "./change";
import { defineRule } from "./rule";

export const previousChangeQueryRule = defineRule({
  id: "PREV-CHANGE-Q",
  severity: "query",
  description:
    "A KPI changed against the previous quarter by more than both the absolute and the % tolerance (percent KPIs: more than the percentage-point tolerance). No query when the previous figure is below the small-base guard.",
  examples: {
    fires: [{ change: { actual: { referrals: 111 }, lastYear: { referrals: null } }, column: "Actual" }],
    quiet: [{ actual: { referrals: 110 } }],
  },
  check(ctx, out) {
    changeFindings(ctx, this, (figure) => figure.previous, "the previous quarter", out);
  },
});
