/** PERIOD: the return's period must be a financial-year quarter such as "2022-23 Q2". */
import { parsePeriod } from "../period";
import { describeError } from "../errors";
import { defineRule } from "./rule";

export const periodRule = defineRule({
  id: "PERIOD",
  severity: "error",
  description:
    'The return\'s period is not a financial-year quarter written like "2022-23 Q2", so pro-rata targets and budget profiles cannot be worked out.',
  examples: {
    fires: [{ change: { period: "2022/23 Q2" }, column: "Period" }],
    quiet: [{ period: "2022-23 q2" }],
  },
  check(ctx, out) {
    if (ctx.quarter !== null) return;
    let reason = "";
    try {
      parsePeriod(ctx.ret.period);
    } catch (err) {
      reason = describeError(err);
    }
    out.push({
      ruleId: this.id,
      severity: this.severity,
      message: `${reason} Please amend the return's period.`,
      location: { table: "Metadata", column: "Period" },
    });
  },
});
