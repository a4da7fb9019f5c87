/** METADATA-CONTRACT: the metadata's contract version is missing or not the one this add-in writes. */
import { CONTRACT_VERSION, META } from "../contract";
import { defineWorkbookRule, finding } from "./rule";

export const metadataContractRule = defineWorkbookRule({
  id: "METADATA-CONTRACT",
  severity: "error",
  description:
    "The metadata's contract version is missing or is not the one this add-in writes, so the workbook's layout cannot be trusted to be read correctly.",
  examples: {
    fires: [
      { change: { metadata: { contractVersion: "2" } }, column: "contractVersion" },
      { change: { metadata: { contractVersion: " " } }, column: "contractVersion" },
    ],
    quiet: [{ metadata: { contractVersion: ` ${CONTRACT_VERSION} ` } }],
  },
  check(ctx, out) {
    const meta = ctx.snapshot.metadata;
    if (!meta) return;
    const version = (meta[META.contract] ?? "").trim();
    if (version === CONTRACT_VERSION) return;
    out.push(
      finding(
        this,
        version
          ? `The return's metadata says it follows workbook contract version ${version}, but this add-in writes version ${CONTRACT_VERSION}: it was edited, or the workbook was made by something else. Ask the provider to use the return they were sent.`
          : `The return's metadata has no contract version, so it was not made by this add-in or has been edited. Ask the provider to use the return they were sent.`,
        { table: "Metadata", column: META.contract },
      ),
    );
  },
});
