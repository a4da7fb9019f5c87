/**
 * REGISTER-UNKNOWN: the workbook's provider, template and period match no return the team issued, so nothing in it
 * is believed; the finding names what the register does hold for that provider.
 */
import { providerKey } from "../register";
import { finding } from "../rules/rule";
import { defineRegisterRule } from "./rule";

export const registerUnknownRule = defineRegisterRule({
  id: "REGISTER-UNKNOWN",
  severity: "error",
  description:
    "The workbook's provider, template and period match no return issued in the Return Register, so nothing it says can be believed.",
  examples: {
    fires: [
      { change: { workbook: { provider: "Another provider" } }, column: undefined },
      { change: { workbook: { period: "2022-23 Q3" } }, column: undefined },
      { change: { register: { period: "2022-23 Q1" } }, column: undefined },
    ],
    // The provider's name compared without regard to case, spaces or apostrophes; the version is not in the key.
    quiet: [{ workbook: { provider: "EXAMPLE  provider" } }, { workbook: { templateVersion: "1.1.0" } }],
  },
  check({ ret, entry, others }, out) {
    if (entry) return;
    const near = others.filter((e) => providerKey(e.provider) === providerKey(ret.provider));
    const hint =
      near.length > 0
        ? ` The register has for ${near[0].provider}: ${near.map((e) => `${e.templateId} for ${e.period}`).join(", ")}.`
        : "";
    out.push(
      finding(
        this,
        `No return from "${ret.provider}" on template "${ret.templateId}" for ${ret.period || "(no period)"} was issued in the Return Register, so this workbook cannot be received, approved or synced.${hint}`,
        { table: "Metadata" },
      ),
    );
  },
});
