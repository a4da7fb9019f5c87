/**
 * A return's life: draft → submitted → validated → approved → synced, or back to the provider with reasons.
 * Approval records who, when, and a SHA-256 hash of exactly the figures approved; a later change voids it.
 * Every function returns a new Return (never mutates) and throws UserError on a step that is not allowed.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import { UserError } from "./errors";
import { formatCount } from "./format";
import { validateReturn } from "./validate";
import type { KpiTemplate, Override, ParsedValue, Return, ReturnStatus, StatusChange } from "./types";

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

function move(ret: Return, to: ReturnStatus, actor: Actor, note?: string): Return {
  if (!canMove(ret.status, to)) {
    const allowed = TRANSITIONS[ret.status];
    const next =
      allowed.length > 0
        ? `From "${ret.status}" it can only become ${allowed.map((s) => `"${s}"`).join(" or ")}.`
        : `"${ret.status}" is final.`;
    throw new UserError(`This return cannot go from "${ret.status}" to "${to}". ${next}`, "status");
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

/** The officer has checked the return. Doing it again on a validated return changes nothing. */
export function markValidated(ret: Return, actor: Actor): Return {
  return ret.status === "validated" ? ret : move(ret, "validated", actor);
}

/**
 * Approves a validated return. Refused (UserError listing what blocks it) while any error stands or any query has
 * neither a commentary nor an override.
 */
export function approve(ret: Return, template: KpiTemplate, approval: Actor & { comment?: string }): Return {
  if (!canMove(ret.status, "approved")) move(ret, "approved", approval);
  const validation = validateReturn(ret, template);
  if (!validation.approvable) {
    const blockers = validation.findings.filter(
      (f) => f.severity === "error" || (f.severity === "query" && !f.explainedBy),
    );
    const { error, unexplained } = validation.counts;
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
  const moved = move(ret, "approved", approval, approval.comment);
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
  if (ret.status === "approved" || ret.status === "synced") {
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

function canonicalValue(v: ParsedValue): unknown {
  switch (v.kind) {
    case "number":
      return Object.is(v.value, -0) ? 0 : v.value;
    case "blank":
      return null;
    case "missing":
      return { missing: v.code };
    case "excel-error":
      return { error: v.code };
    case "text":
      return { text: v.raw };
  }
}

/**
 * SHA-256 (hex) of exactly the figures approved: template id and version, provider, period, each KPI's
 * id/actual/target/previous/last year/commentary and each budget line's id/awarded/spent/commentary, sorted by id
 * so moving a row does not change it. Status, history and overrides are not figures and are left out.
 */
export function figuresHash(ret: Return): string {
  const byId =
    <T>(key: (x: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  const canonical = [
    "kpi-returns/figures/1",
    ret.templateId,
    ret.templateVersion,
    ret.provider,
    ret.period,
    [...ret.kpis]
      .sort(byId((k) => k.kpiId))
      .map((k) => [
        k.kpiId,
        canonicalValue(k.actual),
        canonicalValue(k.target),
        canonicalValue(k.previous),
        canonicalValue(k.lastYear),
        k.commentary,
      ]),
    [...ret.budget]
      .sort(byId((b) => b.lineId))
      .map((b) => [b.lineId, canonicalValue(b.awarded), canonicalValue(b.spentToDate), b.commentary]),
  ];
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(canonical))));
}

/** True while the return is approved (or synced) and its figures still hash to what was approved. */
export function approvalStillValid(ret: Return): boolean {
  if (!ret.approval || (ret.status !== "approved" && ret.status !== "synced")) return false;
  return ret.approval.hash === figuresHash(ret);
}
