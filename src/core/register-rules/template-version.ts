/** REGISTER-TEMPLATE-VERSION: the workbook names another version of its template than the one the register issued. */
import { finding } from "../rules/rule";
import { defineRegisterRule } from "./rule";

export const registerTemplateVersionRule = defineRegisterRule({
  id: "REGISTER-TEMPLATE-VERSION",
  severity: "error",
  description: "The workbook names a different version of the template from the one the register issued.",
  examples: {
    fires: [{ change: { workbook: { templateVersion: "1.1.0" } }, column: "templateVersion" }],
    // The register issued that version.
    quiet: [{ workbook: { templateVersion: "1.1.0" }, register: { templateVersion: "1.1.0" } }],
  },
  check({ ret, entry }, out) {
    if (!entry || ret.templateVersion === entry.templateVersion) return;
    out.push(
      finding(
        this,
        `The workbook says it was made with version ${ret.templateVersion || "(none)"} of template "${entry.templateId}", but the register issued version ${entry.templateVersion}. Ask the provider to use the return they were sent.`,
        { table: "Metadata", column: "templateVersion" },
      ),
    );
  },
});
