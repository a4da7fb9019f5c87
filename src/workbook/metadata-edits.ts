/**
 * Edits to the metadata sheet's status, found offline from the workbook alone: the status the return's own history
 * of steps bears out, which the reader uses in place of the metadata's (typing "approved" into the status cell
 * approves nothing). The checks on edited metadata are rules beside the other workbook checks
 * (rules/metadata-status.ts, metadata-period.ts, metadata-contract.ts); with a site, the Return Register settles all
 * three (src/core/register-rules/).
 */
import type { ReturnStatus } from "../core/types";
import type { ReturnState } from "./metadata";

/** The status the history bears out: the last step's, or draft before any; approved and synced need an approval. */
export function believedStatus(state: ReturnState): ReturnStatus {
  const approved = state.approval !== undefined;
  const steps = [...state.history].reverse().map((h) => h.to);
  const last = steps.find((s) => approved || (s !== "approved" && s !== "synced"));
  return last ?? "draft";
}
