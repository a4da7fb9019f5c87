/**
 * A return's life: draft → submitted → validated → approved → synced, or back to the provider with reasons.
 * Approval records who, when, and a SHA-256 hash of exactly the figures approved (approval.ts); a later change voids
 * it, and a return whose approval is void reads as validated (effectiveStatus): back in the officer's hands, never
 * synced. submit returns a new Return (never mutates) and throws UserError on a step that is not allowed.
 *
 * The provider's submit is the only step taken here. What an officer decides about a return (receive, approve,
 * override, send back, reopen, after sync) is core/decisions.ts's, recorded in the Return Register, which stamps the
 * workbook's copy; the transitions below only say which steps a status leaves open.
 */
import { approvalVoid } from "./approval";
import { UserError } from "./errors";
import type { Return, ReturnStatus, StatusChange } from "./types";

/** Who did it and when (ISO 8601). */
export interface Actor {
  readonly by: string;
  readonly at: string;
}

/** The steps allowed from each status. */
export const TRANSITIONS: Readonly<Record<ReturnStatus, readonly ReturnStatus[]>> = {
  draft: ["submitted"],
  submitted: ["validated", "returned"],
  validated: ["approved", "returned"],
  approved: ["synced", "returned"],
  synced: [],
  returned: ["submitted"],
};

export function canMove(from: ReturnStatus, to: ReturnStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * The status people should read. An approved or synced return whose figures changed after approval shows
 * "validated": like a validated return, its current figures have been checked by the engine but approved by nobody,
 * and the only steps open are approving it afresh or sending it back. Every other return shows its own status.
 */
export function effectiveStatus(ret: Return): ReturnStatus {
  return approvalVoid(ret) ? "validated" : ret.status;
}

function move(ret: Return, to: ReturnStatus, actor: Actor, note?: string): Return {
  // A void approval reopens the steps of a validated return, from approved and from synced alike.
  const from = effectiveStatus(ret);
  if (!canMove(from, to)) {
    const allowed = TRANSITIONS[from];
    const was = from === ret.status ? `"${ret.status}"` : `"${ret.status}" with a void approval`;
    const next =
      allowed.length > 0
        ? `From there it can only become ${allowed.map((s) => `"${s}"`).join(" or ")}.`
        : `"${ret.status}" is final.`;
    throw new UserError(`This return cannot go from ${was} to "${to}". ${next}`, "status");
  }
  requireActor(actor);
  const change: StatusChange = {
    from: ret.status,
    to,
    by: actor.by,
    at: actor.at,
    ...(note ? { note } : {}),
  };
  return { ...ret, status: to, history: [...ret.history, change] };
}

function requireActor(actor: Actor): void {
  if (!actor.by || actor.by.trim() === "")
    throw new UserError("Say who is doing this: the name is missing.", "by");
  if (!actor.at || Number.isNaN(Date.parse(actor.at))) {
    throw new UserError(
      `"${actor.at}" is not a date and time (expected ISO 8601, e.g. 2022-10-14T09:30:00Z).`,
      "at",
    );
  }
}

/** The provider sends the return in (from draft, or again after it was returned). */
export function submit(ret: Return, actor: Actor): Return {
  return move(ret, "submitted", actor);
}
