/**
 * A failure in an officer's or provider's words. Some failures are worded for whoever installs or runs the add-in
 * (a build setting such as the client id, a command to start the local emulator) or carry Graph's own terms (a 429,
 * how many tries): the pane says what happened and what the reader can do, and leaves the technical wording to the
 * console, where whoever supports the add-in can read it. The workbook's internal names (its hidden sheet, its tables'
 * names) are said as the reader knows them, as in findings.
 */
import { UserError, describeError, technicalDetail } from "../core/errors";
import { GraphThrottledError } from "../sharepoint/throttled";
import { withoutInternalNames } from "./internal-names";

/** Words written for an installer or a developer: build settings, commands, the emulator's address parameter. */
const SETUP_JARGON = /\bKPI_[A-Z_]+\b|`[^`]*`|\bnpx\b|\bnpm run\b|\?emulator=|\bREADME\b/;

/** What the add-in's build settings are for, by the setting a failure names (its `where`, or in its message). */
const NOT_SET_UP: Record<string, string> = {
  KPI_CLIENT_ID: "is not set up to sign in to SharePoint",
  KPI_SITE: "has no SharePoint site to sync to",
};

function seconds(ms: number | null): string {
  if (ms === null) return "";
  const s = Math.max(1, Math.round(ms / 1000));
  return ` (it kept trying for ${s} ${s === 1 ? "second" : "seconds"})`;
}

function throttledText(err: GraphThrottledError, nextStep: string): string {
  const what =
    err.status === 429
      ? "SharePoint is busy and asked KPI Returns to slow down"
      : "SharePoint is not answering just now";
  return `${what}${seconds(err.elapsedMs)}, while ${err.doing}. Wait a minute or two. ${nextStep}`;
}

/** Could not reach Graph: on this computer that is the local emulator, elsewhere the network. */
function unreachableText(err: UserError): string | null {
  const at = /^Could not reach Microsoft Graph at (\S+?)(?: —|\.(?:\s|$))/.exec(err.message);
  if (!at) return null;
  // The address is the error's `where`; an error passed on without it still names it in its message.
  return /emulator/.test(err.message)
    ? `Could not reach the local emulator at ${err.where ?? at[1]}. Start it on this computer, then try again.`
    : "Could not reach SharePoint. Check your network connection, then try again.";
}

/** The words the pane shows for a worded failure (a UserError); `nextStep` is what the control that failed offers. */
export function paneFailureText(err: UserError, nextStep: string): string {
  if (err instanceof GraphThrottledError) return throttledText(err, nextStep);
  const unreachable = unreachableText(err);
  if (unreachable) return unreachable;
  if (!SETUP_JARGON.test(err.message) && !(err.where && err.where in NOT_SET_UP))
    return withoutInternalNames(err.message);
  const setting = Object.keys(NOT_SET_UP).find((k) => err.where === k || err.message.includes(k));
  const lacks = setting ? NOT_SET_UP[setting] : "is not fully set up for this";
  return `This copy of KPI Returns ${lacks}. Ask whoever installed it for your organisation to finish setting it up.`;
}

/**
 * The message a person sees for any failure: a UserError in the reader's words (above), anything else (a bug, a
 * library's own error, whose words mean nothing to an officer) as a generic sentence with the next step. What was
 * reworded or hidden goes to the console, for whoever supports the add-in.
 */
export function failureText(err: unknown, nextStep: string): string {
  if (err instanceof UserError) {
    const shown = paneFailureText(err, nextStep);
    if (shown !== err.message) console.warn("Task pane:", err.message);
    return shown;
  }
  console.error("Task pane: unexpected failure:", technicalDetail(err));
  return describeError(err, nextStep);
}
