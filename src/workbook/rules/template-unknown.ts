/** TEMPLATE-UNKNOWN: the return names a template, or a version of one, that the add-in does not know. */
import { defineWorkbookRule, finding } from "./rule";

export const templateUnknownRule = defineWorkbookRule({
  id: "TEMPLATE-UNKNOWN",
  severity: "error",
  description: "The return names a template id, or a version of it, that the add-in does not know.",
  examples: {
    fires: [
      { change: { metadata: { templateVersion: "9.9.9" } }, column: "templateVersion" },
      { change: { metadata: { templateId: "nonesuch" } }, column: "templateVersion" },
    ],
    // No template named at all is METADATA-UNREADABLE's.
    quiet: [{ metadata: { templateId: "" } }],
  },
  check(ctx, out) {
    const { state, template, templates } = ctx;
    if (!state || template || state.templateId === "") return;
    const versions = templates.filter((t) => t.id === state.templateId).map((t) => t.version);
    out.push(
      finding(
        this,
        versions.length > 0
          ? `The return was made with version ${state.templateVersion || "(none)"} of template "${state.templateId}", ` +
              `which the add-in does not know (it knows ${versions.join(", ")}). Please update the add-in, or ask for a fresh return.`
          : `The return was made with template "${state.templateId}", which the add-in does not know.`,
        { table: "Metadata", column: "templateVersion" },
      ),
    );
  },
});
