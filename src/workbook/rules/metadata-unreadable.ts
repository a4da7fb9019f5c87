/** METADATA-UNREADABLE: a metadata value missing or unreadable is reported, never a crash; a safe default stands. */
import { defineWorkbookRule, finding } from "./rule";

export const metadataUnreadableRule = defineWorkbookRule({
  id: "METADATA-UNREADABLE",
  severity: "error",
  description: "A metadata value (template, status, approval…) is missing or cannot be read.",
  examples: {
    fires: [
      { change: { metadata: { status: "lost" } }, column: "status" },
      { change: { metadata: { approval: "{not json" } }, column: "approval" },
    ],
    quiet: [{ metadata: { status: "submitted" } }],
  },
  check(ctx, out) {
    for (const p of ctx.problems) out.push(finding(this, p.message, { table: "Metadata", column: p.key }));
  },
});
