/**
 * REGISTER-PROVIDER-NAME: the workbook spells its provider's name otherwise than the register (case, spaces or
 * apostrophes); it is the same provider, read under the register's name, and said so.
 */
import { finding } from "../rules/rule";
import { defineRegisterRule } from "./rule";

export const registerProviderNameRule = defineRegisterRule({
  id: "REGISTER-PROVIDER-NAME",
  severity: "info",
  description:
    "The workbook spells the provider's name differently (case, spaces or apostrophes) from the register; it is read as the register's provider.",
  examples: {
    fires: [
      { change: { workbook: { provider: "EXAMPLE PROVIDER" } }, column: "provider" },
      { change: { workbook: { provider: "Example  provider" } }, column: "provider" },
    ],
    // The register issued it under that very spelling.
    quiet: [{ workbook: { provider: "EXAMPLE PROVIDER" }, register: { provider: "EXAMPLE PROVIDER" } }],
  },
  check({ ret, entry }, out) {
    if (!entry || ret.provider === entry.provider) return;
    out.push(
      finding(
        this,
        `The workbook names the provider "${ret.provider}"; the register has "${entry.provider}". They are read as one provider, under the register's name.`,
        { table: "Metadata", column: "provider" },
      ),
    );
  },
});
