/** METADATA-MISSING: a workbook with no metadata sheet is not a return made from a template; nothing is guessed. */
import { METADATA_SHEET } from "../contract";
import { defineWorkbookRule, finding } from "./rule";

export const metadataMissingRule = defineWorkbookRule({
  id: "METADATA-MISSING",
  severity: "error",
  description: "The workbook has no return metadata sheet, so it is not a return made from a template.",
  examples: {
    fires: [{ change: { metadata: null }, column: undefined }],
    // A metadata value gone is METADATA-UNREADABLE's; the sheet is still there.
    quiet: [{ metadata: { period: "" } }],
  },
  check(ctx, out) {
    if (ctx.snapshot.metadata !== null) return;
    out.push(
      finding(
        this,
        `This workbook has no "${METADATA_SHEET}" sheet, so it is not a return made from a KPI template. ` +
          `Please use the return workbook you were sent.`,
        { table: "Metadata" },
      ),
    );
  },
});
