/** APPROVAL-VOID: the return says it is approved (or synced), but its figures changed after that approval. */
import { approvalDate, approvalVoid } from "../approval";
import { defineRule } from "./rule";

export const approvalVoidRule = defineRule({
  id: "APPROVAL-VOID",
  // Info, not error: it must not stand in the way of the re-approval it asks for.
  severity: "info",
  description:
    "The return was approved, but its figures (or commentaries) have changed since, so that approval no longer stands and the return will not be synced until it is approved again.",
  examples: {
    fires: [{ change: { approvedWith: {}, actual: { referrals: 101 } }, column: undefined }],
    quiet: [{ approvedWith: { actual: { referrals: 100 } } }],
  },
  check(ctx, out) {
    const { ret } = ctx;
    if (!ret.approval || !approvalVoid(ret)) return;
    out.push({
      ruleId: this.id,
      severity: this.severity,
      message: `This return was approved by ${ret.approval.by} on ${approvalDate(ret.approval)}, but its figures have changed since, so that approval no longer stands and the return will not be synced. Send it back to the provider; once it is received again, check it and approve the new figures.`,
      location: { table: "Metadata" },
    });
  },
});
