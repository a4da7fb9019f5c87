/**
 * Edits to the metadata sheet's status, period and contract version, found offline from the workbook alone. The
 * sheet is the provider's to edit like any other, so these values are checked against what else the workbook records
 * rather than believed: the status against the return's own history of steps (typing "approved" into the status cell
 * approves nothing), the period against the dates those steps were taken, and the contract version against the one
 * this add-in writes. With a site, the Return Register settles all three (src/core/register-checks.ts).
 */
import { parsePeriod, periodDates } from "../core/period";
import type { ReturnStatus, Severity, StatusChange } from "../core/types";
import { CONTRACT_VERSION, META } from "./contract";
import type { Metadata, ReturnState } from "./metadata";

/** The checks this module makes, for the workbook checks' catalogue (README). */
export const metadataEditCatalogue = [
  {
    id: "METADATA-STATUS",
    // Info: the edited status is not used (the history's is), so it stands in the way of nothing.
    severity: "info",
    description:
      "The metadata's status disagrees with the return's own history of steps (an approved or synced status without an approval, or one no step led to); it is not believed, and the status the history shows is used.",
  },
  {
    id: "METADATA-PERIOD",
    severity: "error",
    description:
      "The metadata's period began after steps the return's history records (submitted before its quarter had started): the period was edited.",
  },
  {
    id: "METADATA-CONTRACT",
    severity: "error",
    description:
      "The metadata's contract version is missing or is not the one this add-in writes, so the workbook's layout cannot be trusted to be read correctly.",
  },
] as const satisfies readonly { id: string; severity: Severity; description: string }[];

export interface MetadataEdit {
  readonly ruleId: (typeof metadataEditCatalogue)[number]["id"];
  readonly key: string;
  readonly message: string;
}

/** The status the history bears out: the last step's, or draft before any; approved and synced need an approval. */
function believedStatus(history: readonly StatusChange[], approved: boolean): ReturnStatus {
  const steps = [...history].reverse().map((h) => h.to);
  const last = steps.find((s) => approved || (s !== "approved" && s !== "synced"));
  return last ?? "draft";
}

function statusEdit(state: ReturnState): { status: ReturnStatus; edit: MetadataEdit | null } {
  const status = believedStatus(state.history, state.approval !== undefined);
  if (status === state.status) return { status, edit: null };
  const why =
    (state.status === "approved" || state.status === "synced") && !state.approval
      ? "but the return carries no approval"
      : `but its history of steps ends at "${status}"`;
  return {
    status,
    edit: {
      ruleId: "METADATA-STATUS" as const,
      key: META.status,
      message: `The return's metadata says its status is "${state.status}", ${why}: the status was edited, so it is not believed. The return is read as "${status}".`,
    },
  };
}

function periodEdit(state: ReturnState): MetadataEdit | null {
  let first: string;
  try {
    first = periodDates(parsePeriod(state.period)).first;
  } catch {
    return null; // not a period at all: the PERIOD rule says so
  }
  const early = state.history.find((h) => h.at.slice(0, 10) < first);
  if (!early) return null;
  return {
    ruleId: "METADATA-PERIOD",
    key: META.period,
    message: `The return's metadata says it is for ${state.period}, which began on ${first}, but its history records it ${early.to} on ${early.at.slice(0, 10)}, before then: the period was edited. Ask the provider to use the return they were sent.`,
  };
}

function contractEdit(meta: Metadata): MetadataEdit | null {
  const version = (meta[META.contract] ?? "").trim();
  if (version === CONTRACT_VERSION) return null;
  return {
    ruleId: "METADATA-CONTRACT",
    key: META.contract,
    message: version
      ? `The return's metadata says it follows workbook contract version ${version}, but this add-in writes version ${CONTRACT_VERSION}: it was edited, or the workbook was made by something else. Ask the provider to use the return they were sent.`
      : `The return's metadata has no contract version, so it was not made by this add-in or has been edited. Ask the provider to use the return they were sent.`,
  };
}

/** What the metadata's status, period and contract version show of edits, and the status to read the return as. */
export function metadataEdits(
  meta: Metadata,
  state: ReturnState,
): { status: ReturnStatus; edits: MetadataEdit[] } {
  const { status, edit } = statusEdit(state);
  const edits = [edit, periodEdit(state), contractEdit(meta)].filter((e): e is MetadataEdit => e !== null);
  return { status, edits };
}
