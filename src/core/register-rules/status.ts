/**
 * REGISTER-STATUS: the workbook's own record of its status, approval or overrides differs from the register's. The
 * register is what counts (the return is read with the register's), and the workbook's copy is corrected at the next
 * decision; this says what the workbook claimed.
 */
import { canonical, workbookStatusOf, type RegisterEntry } from "../register";
import { finding } from "../rules/rule";
import type { Return } from "../types";
import { defineRegisterRule } from "./rule";

const OVERRIDE = { ruleId: "PREV-CHANGE-Q", subject: "referrals" };

/** What the workbook claims that the register does not hold. */
function claimsOf(ret: Return, entry: RegisterEntry): string[] {
  const claims: string[] = [];
  if (ret.status !== workbookStatusOf(entry.status)) claims.push(`its status is "${ret.status}"`);
  if (ret.approval && (!entry.approval || ret.approval.hash !== entry.approval.hash))
    claims.push(`it carries an approval by "${ret.approval.by}"`);
  if (canonical(ret.overrides) !== canonical(entry.overrides))
    claims.push(
      `its overrides differ (${ret.overrides.length} in the workbook, ${entry.overrides.length} in the register)`,
    );
  return claims;
}

export const registerStatusRule = defineRegisterRule({
  id: "REGISTER-STATUS",
  severity: "info",
  description:
    "The workbook's own status, approval or overrides differ from the register's; the register is what counts, and the workbook's copy is corrected at the next decision.",
  examples: {
    fires: [
      { change: { workbook: { approvedWith: {} } }, column: "status" },
      { change: { workbook: { override: OVERRIDE } }, column: "status" },
      { change: { register: { status: "Returned" } }, column: "status" },
    ],
    // The register holds the same approval, or the same override.
    quiet: [
      { workbook: { approvedWith: {} }, register: { status: "Approved", approved: true } },
      { workbook: { override: OVERRIDE }, register: { override: OVERRIDE } },
    ],
  },
  check({ ret, entry }, out) {
    if (!entry) return;
    const claims = claimsOf(ret, entry);
    if (claims.length === 0) return;
    const approved = entry.approval ? ` (approved by ${entry.approval.by})` : "";
    const n = entry.overrides.length;
    const overridden = n > 0 ? ` with ${n} override${n === 1 ? "" : "s"}` : "";
    out.push(
      finding(
        this,
        `The workbook's own record says ${claims.join(", ")}; the Return Register says "${entry.status}"${approved}${overridden}. Only the register counts.`,
        { table: "Metadata", column: "status" },
      ),
    );
  },
});
