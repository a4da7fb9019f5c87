/** TEMPLATE-VERSION: the return must have been written with the template it is checked against. */
import { defineRule } from "./rule";

export const templateVersionRule = defineRule({
  id: "TEMPLATE-VERSION",
  severity: "error",
  description:
    "The return names a different template, or a different version of it, from the one it is checked against.",
  examples: {
    fires: [{ change: { templateVersion: "0.9.0" }, column: "Template" }],
    quiet: [{ templateVersion: "1.0.0" }],
  },
  check(ctx, out) {
    const { ret, template } = ctx;
    if (ret.templateId === template.id && ret.templateVersion === template.version) return;
    out.push({
      ruleId: this.id,
      severity: this.severity,
      message: `This return was written with template "${ret.templateId}" version ${ret.templateVersion}, but is being checked against "${template.id}" version ${template.version}. Please start the return again from the current template.`,
      location: { table: "Metadata", column: "Template" },
    });
  },
});
