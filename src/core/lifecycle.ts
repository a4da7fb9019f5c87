/**
 * A return's life: draft → submitted → validated → approved → synced, or back to the provider with reasons.
 * Approval records who, when, and a SHA-256 hash of exactly the figures approved; a later change voids it, and a
 * return whose approval is void is back in the officer's hands: it can be approved afresh or sent back, never synced.
 * Every function returns a new Return (never mutates) and throws UserError on a step that is not allowed.
 */
import { approvalDate, approvalStillValid, approvalVoid, figuresHash } from "./approval";
import { UserError } from "./errors";
import { formatCount } from "./format";
import { validateReturn } from "./validate";
import type { Finding, KpiTemplate, Override, Return, ReturnStatus, StatusChange } from "./types";

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

/** Sends the return back to the provider with the reasons; any approval is withdrawn. */
export function returnToProvider(ret: Return, step: Actor & { reasons: readonly string[] }): Return {
  const reasons = step.reasons.map((r) => r.trim()).filter((r) => r !== "");
  if (reasons.length === 0) {
    throw new UserError("Give at least one reason for sending the return back to the provider.", "reasons");
  }
  const moved = move(ret, "returned", step, reasons.join("; "));
  const { approval: _withdrawn, ...rest } = moved;
  return { ...rest, returnedReasons: reasons };
}

/** Records that the approved figures reached the SharePoint lists. Refused when the approval no longer holds. */
export function markSynced(ret: Return, actor: Actor): Return {
  if (ret.status === "approved" && !approvalStillValid(ret)) {
    throw new UserError(
      "The figures have changed since they were approved, so the approval no longer holds. Please validate and approve the return again before syncing.",
      "approval",
    );
  }
  return move(ret, "synced", actor);
}

/** An officer accepts a query with a reason. Replaces an earlier override of the same query. */
export function overrideQuery(ret: Return, override: Override): Return {
  requireActor(override);
  if (!override.reason || override.reason.trim() === "") {
    throw new UserError(`Give a reason for overriding query ${override.ruleId}.`, "reason");
  }
  // Approved figures are settled; figures whose approval is void are open to the officer's judgement again.
  if ((ret.status === "approved" || ret.status === "synced") && !approvalVoid(ret)) {
    throw new UserError(
      `This return is already ${ret.status}; a query can no longer be overridden.`,
      "status",
    );
  }
  const others = ret.overrides.filter(
    (o) => !(o.ruleId === override.ruleId && o.subject === override.subject),
  );
  return { ...ret, overrides: [...others, { ...override, reason: override.reason.trim() }] };
}

/**
 * An officer withdraws their override of a query (given by mistake, or the reason no longer stands): the query is
 * unexplained again. Refused once the figures are approved and the approval holds, as overriding is.
 */
export function withdrawOverride(
  ret: Return,
  which: { readonly ruleId: string; readonly subject: string },
  actor: Actor,
): Return {
  requireActor(actor);
  if ((ret.status === "approved" || ret.status === "synced") && !approvalVoid(ret)) {
    throw new UserError(
      `This return is already ${ret.status}; its overrides can no longer be withdrawn.`,
      "status",
    );
  }
  const kept = ret.overrides.filter((o) => !(o.ruleId === which.ruleId && o.subject === which.subject));
  if (kept.length === ret.overrides.length)
    throw new UserError("There is no override of that query to withdraw.", "override");
  return { ...ret, overrides: kept };
}

/**
 * Takes back a return sent to the provider by mistake: it is submitted again, as the provider sent it, and the
 * history keeps both steps. Only a returned return can be reopened.
 */
export function reopenReturn(ret: Return, actor: Actor): Return {
  if (ret.status !== "returned") {
    throw new UserError(
      `Only a return sent back to the provider can be reopened; this one is "${ret.status}".`,
      "status",
    );
  }
  const moved = move(ret, "submitted", actor, "Reopened by the commissioning team: sent back by mistake.");
  const { returnedReasons: _taken, ...rest } = moved;
  return rest;
}
