/**
 * One room for a return's life: receive, approve, override (and withdraw an override), return to the provider,
 * reopen, and what a sync means afterwards, on a return checked by checkCase (case.ts). Every face (the command line,
 * the task pane, the ribbon) calls these, so they cannot disagree. Pure: each decision takes what was read (the
 * workbook's return and findings, the register's entry) and returns a plan (the register entry to write, the workbook
 * copy to stamp) or a refusal. This module is the room's one door: the check and the plan's shapes are reached here.
 */
import { approvalDate, figuresHash } from "./approval";
import { blockerText, type ReturnCase } from "./case";
import {
  counted,
  gate,
  NOT_SIGNED_IN,
  officerName,
  refuse,
  stampOf,
  step,
  type Act,
  type Decision,
  type Refusal,
} from "./decision-steps";
import { asRegistered, type RegisterEntry } from "./register";
import { findingSubject } from "./subject";
import type { Finding, Override } from "./types";

export {
  blockerText,
  checkCase,
  type CaseCounts,
  type CaseInput,
  type RegisterView,
  type ReturnCase,
} from "./case";
export type { Act, Decision, Plan, Refusal } from "./decision-steps";

/** Receive: record that the officer has the workbook, with the hash of its figures and what the check found. */
export function decideReceive(c: ReturnCase, act: Act): Decision {
  const g = gate(c, act);
  if ("ok" in g) return g;
  const { entry, ret, by } = g;
  const hash = figuresHash(ret);
  if (entry.status === "Approved" || entry.status === "Synced") {
    if (entry.approval?.hash === hash)
      return refuse(
        `This return is already ${entry.status.toLowerCase()} with exactly these figures; nothing to receive.`,
      );
    return refuse(
      `The register shows this return ${entry.status.toLowerCase()} (approved by ${entry.approval?.by ?? "an officer"}), with other figures than these. Send it back to the provider first if a new version is to replace it.`,
    );
  }
  const next: RegisterEntry = {
    ...entry,
    status: "Received",
    receivedAt: act.at,
    workbookHash: hash,
    history: step(entry, "Received", by, act.at, { counts: counted(c) }),
  };
  return {
    ok: true,
    entry: next,
    stamp: null,
    done: `Received the return from ${entry.provider} (${blockerText(c.counts) || "nothing stands in the way of approval"}).`,
  };
}

/** Approve: only a return the register knows, with no error and no unexplained query, by a signed-in officer. */
export function decideApprove(c: ReturnCase, act: Act, comment = ""): Decision {
  const g = gate(c, act);
  if ("ok" in g) return g;
  const { entry, ret, by } = g;
  if (entry.status === "Approved" || entry.status === "Synced") {
    const a = entry.approval;
    return refuse(
      `This return is already ${entry.status.toLowerCase()}${a ? ` (approved by ${a.by} on ${approvalDate(a)})` : ""}. To change it, send it back to the provider first.`,
    );
  }
  if (c.blockers.length > 0) {
    return refuse(
      `This return cannot be approved yet: ${blockerText(c.counts)}. Errors must be fixed; each query needs a commentary from the provider or an override with a reason.`,
      c.blockers,
    );
  }
  const hash = figuresHash(ret);
  const note = comment.trim();
  const next: RegisterEntry = {
    ...entry,
    status: "Approved",
    receivedAt: entry.receivedAt ?? act.at,
    workbookHash: hash,
    approval: { by, upn: act.officer.upn, at: act.at, hash, ...(note ? { comment: note } : {}) },
    returnedReasons: [],
    history: step(entry, "Approved", by, act.at, { counts: counted(c), ...(note ? { note } : {}) }),
  };
  return {
    ok: true,
    entry: next,
    stamp: stampOf(c, ret, next, by, act.at, note || undefined),
    done: `Approved by ${by}.`,
  };
}

type Gated = Exclude<ReturnType<typeof gate>, Refusal>;

/** The gate, and a return still open to judgement: once approved, its queries are settled. */
function gateForJudgement(c: ReturnCase, act: Act): Refusal | Gated {
  const g = gate(c, act);
  if ("ok" in g) return g;
  return g.entry.status === "Approved" || g.entry.status === "Synced"
    ? refuse(
        `This return is already ${g.entry.status.toLowerCase()}; its queries can no longer be overridden or reopened.`,
      )
    : g;
}

type QueryRef = { readonly ruleId: string; readonly subject: string };

function queryName(query: QueryRef): string {
  return `${query.ruleId}${query.subject ? ` on ${query.subject}` : ""}`;
}

function overridesBesides(entry: RegisterEntry, query: QueryRef): Override[] {
  return entry.overrides.filter((o) => !(o.ruleId === query.ruleId && o.subject === query.subject));
}

/** A change to the overrides alone: the status stays, the history says what changed, the workbook learns of it. */
function overridesDecided(g: Gated, at: string, overrides: Override[], note: string, done: string): Decision {
  const next: RegisterEntry = {
    ...g.entry,
    overrides,
    history: step(g.entry, g.entry.status, g.by, at, { note }),
  };
  return { ok: true, entry: next, stamp: asRegistered(g.ret, next), done };
}

/** Override: an officer accepts a query the check raised, with a reason; kept in the register, never the workbook. */
export function decideOverride(
  c: ReturnCase,
  act: Act,
  query: { ruleId: string; subject: string; reason: string },
): Decision {
  const g = gateForJudgement(c, act);
  if ("ok" in g) return g;
  const reason = query.reason.trim();
  if (!reason) return refuse(`Give a reason for overriding query ${query.ruleId}.`);
  const queries = c.findings.filter((f) => f.severity === "query");
  if (!queries.some((f) => f.ruleId === query.ruleId && findingSubject(f) === query.subject)) {
    const sameRule = queries.filter((f) => f.ruleId === query.ruleId && findingSubject(f));
    if (!query.subject && sameRule.length > 0) {
      return refuse(
        `This return has ${query.ruleId} queries on ${sameRule.map((f) => `"${findingSubject(f)}"`).join(", ")}: name the KPI or budget line (--subject) with one of them.`,
      );
    }
    const on = (f: Finding) => (findingSubject(f) ? `${f.ruleId} on "${findingSubject(f)}"` : f.ruleId);
    const asked = query.subject ? `${query.ruleId} on "${query.subject}"` : query.ruleId;
    return refuse(
      `This return has no query ${asked}. ${queries.length > 0 ? `Its queries: ${queries.map(on).join(", ")}.` : "It has no queries."}`,
    );
  }
  const override: Override = { ruleId: query.ruleId, subject: query.subject, reason, by: g.by, at: act.at };
  return overridesDecided(
    g,
    act.at,
    [...overridesBesides(g.entry, query), override],
    `Overrode ${queryName(query)}: ${reason}`,
    `Recorded the override of ${queryName(query)}.`,
  );
}

/** Withdraw an override: the query stands again. */
export function decideWithdrawOverride(c: ReturnCase, act: Act, query: QueryRef): Decision {
  const g = gateForJudgement(c, act);
  if ("ok" in g) return g;
  const kept = overridesBesides(g.entry, query);
  if (kept.length === g.entry.overrides.length) {
    return refuse(
      `The register holds no override of ${query.ruleId}${query.subject ? ` on "${query.subject}"` : ""} for this return.`,
    );
  }
  return overridesDecided(
    g,
    act.at,
    kept,
    `Withdrew the override of ${queryName(query)}.`,
    `Withdrew the override of ${query.ruleId}.`,
  );
}

/**
 * Return to provider: with reasons; any approval is withdrawn. A synced return can be sent back too (its figures stay
 * in the lists until a corrected version is approved and synced over them).
 */
export function decideReturnToProvider(c: ReturnCase, act: Act, reasons: readonly string[]): Decision {
  const g = gate(c, act);
  if ("ok" in g) return g;
  const { entry, ret, by } = g;
  const given = reasons.map((r) => r.trim()).filter(Boolean);
  if (given.length === 0)
    return refuse("Give at least one reason for sending the return back to the provider.");
  if (entry.status === "Returned")
    return refuse("This return is already with the provider; receive their new version first.");
  const next: RegisterEntry = {
    ...entry,
    status: "Returned",
    approval: null,
    returnedReasons: given,
    history: step(entry, "Returned", by, act.at, { note: given.join("; "), counts: counted(c) }),
  };
  return {
    ok: true,
    entry: next,
    stamp: stampOf(c, ret, next, by, act.at, given.join("; ")),
    done: `Returned to ${entry.provider}.`,
  };
}

/** Reopen: take back a return sent to the provider by mistake; the version the provider sent is received again. */
export function decideReopen(c: ReturnCase, act: Act): Decision {
  const g = gate(c, act);
  if ("ok" in g) return g;
  const { entry, ret, by } = g;
  if (entry.status !== "Returned") {
    return refuse(
      `Only a return sent back to the provider can be reopened; the register shows this one ${entry.status.toLowerCase()}.`,
    );
  }
  const note = "Reopened by the commissioning team: sent back by mistake.";
  const next: RegisterEntry = {
    ...entry,
    status: "Received",
    returnedReasons: [],
    history: step(entry, "Received", by, act.at, { note }),
  };
  return {
    ok: true,
    entry: next,
    stamp: stampOf(c, ret, next, by, act.at, note),
    done: `Reopened: the return from ${entry.provider} is received again.`,
  };
}

/**
 * Why sync may not write this workbook's figures, or null when it may: the register must show it approved, the
 * figures (with the register's identity) must hash to the approval, and no error or unexplained query may stand.
 */
export function syncRefusal(c: ReturnCase): string | null {
  if (!c.ret || !c.template) return "This workbook holds no return that can be read.";
  const who = `The return from ${c.ret.provider} for ${c.ret.period}`;
  if (!c.checkedAgainstRegister) return `${who} was not checked against the Return Register.`;
  const entry = c.entry;
  if (!entry) {
    return (
      c.findings.find((f) => f.ruleId === "REGISTER-UNKNOWN")?.message ??
      `${who} matches no return issued in the Return Register.`
    );
  }
  if ((entry.status !== "Approved" && entry.status !== "Synced") || !entry.approval) {
    return `${who} is not approved in the Return Register (its status there: ${entry.status}). Approve it before syncing.`;
  }
  if (figuresHash(c.ret) !== entry.approval.hash) {
    return `${who}'s figures are not the ones ${entry.approval.by} approved on ${approvalDate(entry.approval)} (the register names the figures approved). Sync the approved workbook, or send this one back and approve it afresh.`;
  }
  if (c.blockers.length > 0) {
    return `${who} has ${blockerText(c.counts)} that the register's overrides do not clear: ${c.blockers
      .slice(0, 3)
      .map((f) => f.ruleId)
      .join(", ")}.`;
  }
  return null;
}

/** After sync: synced only when every item landed; a conflict or a failed write leaves it approved, and says why. */
export function decideAfterSync(
  c: ReturnCase,
  act: Act,
  outcome: { readonly conflict: number; readonly failed: number },
): Decision {
  const by = officerName(act);
  if (!by) return refuse(NOT_SIGNED_IN);
  const entry = c.entry;
  if (!entry || !c.ret) return refuse("No issued return in the Return Register matches this workbook.");
  if (outcome.conflict > 0 || outcome.failed > 0) {
    const parts = [
      outcome.conflict > 0
        ? `${outcome.conflict} item${outcome.conflict === 1 ? "" : "s"} left as conflicts`
        : "",
      outcome.failed > 0 ? `${outcome.failed} write${outcome.failed === 1 ? "" : "s"} failed` : "",
    ].filter(Boolean);
    return refuse(`Not marked synced: ${parts.join(" and ")}. Resolve them and sync again.`);
  }
  if (entry.status === "Synced") return refuse("Already synced.");
  if (entry.status !== "Approved") return refuse(`Not approved in the register (status: ${entry.status}).`);
  const next: RegisterEntry = {
    ...entry,
    status: "Synced",
    syncedAt: act.at,
    history: step(entry, "Synced", by, act.at),
  };
  return { ok: true, entry: next, stamp: stampOf(c, c.ret, next, by, act.at), done: `Synced by ${by}.` };
}
