/**
 * METADATA-STATUS: the metadata's status disagrees with the return's own history of steps. The sheet is the
 * provider's to edit like any other, so the status is not believed: the reader uses the one the history shows.
 */
import { believedStatus } from "../metadata-edits";
import { META } from "../contract";
import { defineWorkbookRule, finding } from "./rule";

export const metadataStatusRule = defineWorkbookRule({
  id: "METADATA-STATUS",
  // Info: the edited status is not used (the history's is), so it stands in the way of nothing.
  severity: "info",
  description:
    "The metadata's status disagrees with the return's own history of steps (an approved or synced status without an approval, or one no step led to); it is not believed, and the status the history shows is used.",
  examples: {
    fires: [
      { change: { metadata: { status: "approved" } }, column: "status" },
      { change: { metadata: { status: "returned" } }, column: "status" },
    ],
    quiet: [{ metadata: { status: "draft" } }],
  },
  check(ctx, out) {
    const { state } = ctx;
    if (!state) return;
    const status = believedStatus(state);
    if (status === state.status) return;
    const why =
      (state.status === "approved" || state.status === "synced") && !state.approval
        ? "but the return carries no approval"
        : `but its history of steps ends at "${status}"`;
    out.push(
      finding(
        this,
        `The return's metadata says its status is "${state.status}", ${why}: the status was edited, so it is not believed. The return is read as "${status}".`,
        { table: "Metadata", column: META.status },
      ),
    );
  },
});
