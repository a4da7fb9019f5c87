/**
 * REGISTER-ISSUED-HASH: the register's own copy of the issued figures no longer matches the hash stored with it when
 * they were issued, so the list item was edited by hand and its figures cannot be checked against.
 */
import { issuedHash } from "../register";
import { finding } from "../rules/rule";
import { defineRegisterRule } from "./rule";

export const registerIssuedHashRule = defineRegisterRule({
  id: "REGISTER-ISSUED-HASH",
  severity: "error",
  description:
    "The register's own copy of the issued figures no longer matches the hash stored with it (the list item was edited by hand).",
  examples: {
    fires: [{ change: { register: { issuedTarget: { referrals: 90, by: "hand" } } }, column: undefined }],
    // Issued again, the figures carry a fresh hash (the workbook's target then differs: REGISTER-ISSUED-CHANGED's).
    quiet: [{ register: { issuedTarget: { referrals: 90, by: "reissue" } } }],
  },
  check({ entry }, out) {
    if (!entry || issuedHash(entry.issued) === entry.issuedHash) return;
    out.push(
      finding(
        this,
        `The Return Register's issued figures for ${entry.provider} (${entry.period}) no longer match the hash recorded when they were issued: the register item was edited by hand. Ask whoever looks after the list to restore it, or issue the return again.`,
        { table: "Metadata" },
      ),
    );
  },
});
