/**
 * A return's life: draft → submitted → validated → approved → synced, or back to the provider with reasons.
 * Approval records who, when, and a SHA-256 hash of exactly the figures approved; a later change voids it, and a
 * return whose approval is void is back in the officer's hands: it can be approved afresh or sent back, never synced.
 * Every function returns a new Return (never mutates) and throws UserError on a step that is not allowed.
 *
 * These move the workbook's own copy of a return's status: the provider's submit, and the seed's and the emulator's
 * returns. What an officer decides about a return (receive, approve, override, send back, reopen, after sync) is
 * core/decisions.ts's, recorded in the Return Register, which the workbook's copy only follows.
 */
import { approvalDate, approvalVoid, figuresHash } from "./approval";
import { UserError } from "./errors";
import { formatCount } from "./format";
import { validateReturn } from "./validate";
import type { Finding, KpiTemplate, Return, ReturnStatus, StatusChange } from "./types";

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

/** The officer has checked the return. Doing it again on a validated return (or a void approval) changes nothing. */
export function markValidated(ret: Return, actor: Actor): Return {
  return effectiveStatus(ret) === "validated" ? ret : move(ret, "validated", actor);
}

/**
 * Approves a validated return. Refused (UserError listing what blocks it) while any error stands or any query has
 * neither a commentary nor an override.
 */
export function approve(
  ret: Return,
  template: KpiTemplate,
  approval: Actor & {
    comment?: string;
    /** Findings only the workbook can show (a formula typed over, an issued figure changed): their errors block too. */
    workbookFindings?: readonly Finding[];
  },
): Return {
  if (!canMove(effectiveStatus(ret), "approved")) move(ret, "approved", approval);
  const validation = validateReturn(ret, template);
  const workbookErrors = (approval.workbookFindings ?? []).filter((f) => f.severity === "error");
  // A workbook query nobody explained (an extra column inside a table) blocks as core's queries do.
  const workbookQueries = (approval.workbookFindings ?? []).filter(
    (f) => f.severity === "query" && !f.explainedBy,
  );
  if (!validation.approvable || workbookErrors.length > 0 || workbookQueries.length > 0) {
    const blockers = [
      ...workbookErrors,
      ...workbookQueries,
      ...validation.findings.filter(
        (f) => f.severity === "error" || (f.severity === "query" && !f.explainedBy),
      ),
    ];
    const error = validation.counts.error + workbookErrors.length;
    const unexplained = validation.counts.unexplained + workbookQueries.length;
    const parts = [
      error > 0 ? `${formatCount(error)} ${error === 1 ? "error" : "errors"}` : "",
      unexplained > 0
        ? `${formatCount(unexplained)} unexplained ${unexplained === 1 ? "query" : "queries"}`
        : "",
    ].filter(Boolean);
    const list = blockers.map((f) => `- ${f.ruleId}: ${f.message}`).join("\n");
    throw new UserError(
      `This return cannot be approved yet: ${parts.join(" and ")}. Errors must be fixed; each query needs a commentary from the provider or an override with a reason.\n${list}`,
      "approve",
    );
  }
  const note = approvalVoid(ret) && ret.approval ? voidNote(ret, approval.comment) : approval.comment;
  const moved = move(ret, "approved", approval, note);
  return {
    ...moved,
    approval: {
      by: approval.by,
      at: approval.at,
      hash: figuresHash(ret),
      ...(approval.comment ? { comment: approval.comment } : {}),
    },
  };
}

/** The history note of a re-approval: which approval it replaces, and why that one no longer stood. */
function voidNote(ret: Return, comment: string | undefined): string {
  const old = ret.approval!;
  const why = `Approved afresh: the approval by ${old.by} on ${approvalDate(old)} was void because the figures changed after it.`;
  return comment ? `${why} ${comment}` : why;
}
