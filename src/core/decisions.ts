/**
 * One room for a return's life: check, receive, approve, override (and withdraw an override), return to the
 * provider, and what a sync means afterwards. Every face (the command line, the task pane, the ribbon) calls these,
 * so they cannot disagree. Pure: each decision takes what was read (the workbook's return and findings, the
 * register's entry) and returns a plan (the register entry to write, the workbook copy to stamp) or a refusal.
 */
import { approvalDate, figuresHash } from "./approval";
import { formatCount } from "./format";
import { registerFindings } from "./register-checks";
import {
  asRegistered,
  type Officer,
  type RegisterEntry,
  type RegisterEvent,
  type RegisterStatus,
} from "./register";
import { compareFindings, validateReturn } from "./validate";
import type { Finding, KpiTemplate, Override, Return, Validation } from "./types";

/** What the register said when the return was checked; absent: the register was not consulted (offline). */
export interface RegisterView {
  /** The entry whose key matches the workbook; null when none was issued. */
  readonly entry: RegisterEntry | null;
  /** The register's other entries for the period (to name what was issued instead). */
  readonly others?: readonly RegisterEntry[];
}

export interface CaseInput {
  readonly ret: Return | null;
  readonly template: KpiTemplate | null;
  /** What only the workbook can show (a formula typed over, a table deleted): its errors count like any other. */
  readonly workbookFindings: readonly Finding[];
  readonly register?: RegisterView;
}

export interface CaseCounts {
  readonly error: number;
  readonly query: number;
  readonly info: number;
  readonly unexplained: number;
}

/** A return, checked: every finding (the workbook's, the register's, core's) and what they allow. */
export interface ReturnCase {
  /** The return as it is believed: with the register's identity, overrides and approval when it has an entry. */
  readonly ret: Return | null;
  readonly template: KpiTemplate | null;
  readonly validation: Validation | null;
  readonly findings: readonly Finding[];
  readonly counts: CaseCounts;
  /** Errors, and queries explained neither by a commentary nor by an override the register holds. */
  readonly blockers: readonly Finding[];
  /** No error stands, every query is explained, and (when consulted) the register knows the return. */
  readonly approvable: boolean;
  readonly entry: RegisterEntry | null;
  /** False when checked offline: nothing here was checked against the register. */
  readonly checkedAgainstRegister: boolean;
}

/** Check: findings from the workbook, from the register and from core, in one list, and what they allow. */
export function checkCase(input: CaseInput): ReturnCase {
  const entry = input.register?.entry ?? null;
  const checked = input.register !== undefined;
  if (!input.ret || !input.template) {
    const findings = [...input.workbookFindings];
    return {
      ret: input.ret,
      template: input.template,
      validation: null,
      findings,
      counts: countOf(findings),
      blockers: findings.filter(blocks),
      approvable: false,
      entry,
      checkedAgainstRegister: checked,
    };
  }
  const fromRegister = checked ? registerFindings(input.ret, entry, input.register?.others ?? []) : [];
  const ret = entry ? asRegistered(input.ret, entry) : input.ret;
  const validation = validateReturn(ret, input.template);
  const findings = [...input.workbookFindings, ...fromRegister, ...validation.findings].sort(compareFindings);
  const blockers = findings.filter(blocks);
  return {
    ret,
    template: input.template,
    validation,
    findings,
    counts: countOf(findings),
    blockers,
    approvable: blockers.length === 0 && (!checked || entry !== null),
    entry,
    checkedAgainstRegister: checked,
  };
}

function blocks(f: Finding): boolean {
  return f.severity === "error" || (f.severity === "query" && !f.explainedBy);
}

function countOf(findings: readonly Finding[]): CaseCounts {
  const c = { error: 0, query: 0, info: 0, unexplained: 0 };
  for (const f of findings) {
    c[f.severity] += 1;
    if (f.severity === "query" && !f.explainedBy) c.unexplained += 1;
  }
  return c;
}

/** "3 errors and 1 unexplained query". */
export function blockerText(counts: CaseCounts): string {
  return [
    counts.error > 0 ? `${formatCount(counts.error)} ${counts.error === 1 ? "error" : "errors"}` : "",
    counts.unexplained > 0
      ? `${formatCount(counts.unexplained)} unexplained ${counts.unexplained === 1 ? "query" : "queries"}`
      : "",
  ]
    .filter(Boolean)
    .join(" and ");
}

/** Who does it and when. */
export interface Act {
  readonly officer: Officer;
  readonly at: string;
}

/** A decision's plan: the register entry to write (with If-Match), and the workbook copy to stamp afterwards. */
export interface Plan {
  readonly ok: true;
  readonly entry: RegisterEntry;
  /** The provider's copy of the register's state, for the workbook; null when the workbook is not written. */
  readonly stamp: Return | null;
  /** One line saying what was done. */
  readonly done: string;
}

export interface Refusal {
  readonly ok: false;
  /** A plain sentence: why not, and what to do. */
  readonly reason: string;
  /** The findings that stand in the way, when findings do. */
  readonly blockers: readonly Finding[];
}

export type Decision = Plan | Refusal;

function refuse(reason: string, blockers: readonly Finding[] = []): Refusal {
  return { ok: false, reason, blockers };
}

function officerName(act: Act): string | null {
  const name = act.officer.name.trim();
  return name && act.officer.upn.trim() ? name : null;
}

const NOT_SIGNED_IN =
  "No officer is signed in, so nothing can be recorded: sign in first (the register records who decided).";

/** The common gate: a named officer, a return read, and a register entry to write to. */
function gate(c: ReturnCase, act: Act): Refusal | { entry: RegisterEntry; ret: Return; by: string } {
  const by = officerName(act);
  if (!by) return refuse(NOT_SIGNED_IN);
  if (!c.ret || !c.template) {
    return refuse(
      "This workbook holds no return that can be read, so there is nothing to decide.",
      c.blockers,
    );
  }
  if (!c.checkedAgainstRegister) {
    return refuse(
      "Decisions are recorded in the Return Register, which was not read: connect to the SharePoint site and try again.",
    );
  }
  if (!c.entry) {
    const unknown = c.findings.find((f) => f.ruleId === "REGISTER-UNKNOWN");
    return refuse(
      unknown?.message ?? "No issued return in the Return Register matches this workbook.",
      unknown ? [unknown] : [],
    );
  }
  return { entry: c.entry, ret: c.ret, by };
}

function step(
  entry: RegisterEntry,
  to: RegisterStatus,
  by: string,
  at: string,
  extra: Partial<RegisterEvent> = {},
): RegisterEvent[] {
  return [...entry.history, { from: entry.status, to, by, at, ...extra }];
}

function counted(c: ReturnCase): { error: number; query: number } {
  return { error: c.counts.error, query: c.counts.unexplained };
}

/** The workbook's copy after a decision: the register's state, the workbook's own history kept and extended. */
function stampOf(
  c: ReturnCase,
  ret: Return,
  entry: RegisterEntry,
  by: string,
  at: string,
  note?: string,
): Return {
  const copy = asRegistered(ret, entry);
  const last = c.ret?.history[c.ret.history.length - 1];
  const from = last?.to ?? "draft";
  return copy.status === from && !note
    ? copy
    : { ...copy, history: [...ret.history, { from, to: copy.status, by, at, ...(note ? { note } : {}) }] };
}

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

function subjectOf(f: Finding): string {
  return f.kpiId ?? f.lineId ?? "";
}

function openForJudgement(entry: RegisterEntry): Refusal | null {
  return entry.status === "Approved" || entry.status === "Synced"
    ? refuse(
        `This return is already ${entry.status.toLowerCase()}; its queries can no longer be overridden or reopened.`,
      )
    : null;
}

/** Override: an officer accepts a query the check raised, with a reason; kept in the register, never the workbook. */
export function decideOverride(
  c: ReturnCase,
  act: Act,
  query: { ruleId: string; subject: string; reason: string },
): Decision {
  const g = gate(c, act);
  if ("ok" in g) return g;
  const { entry, ret, by } = g;
  const closed = openForJudgement(entry);
  if (closed) return closed;
  const reason = query.reason.trim();
  if (!reason) return refuse(`Give a reason for overriding query ${query.ruleId}.`);
  const queries = c.findings.filter((f) => f.severity === "query");
  if (!queries.some((f) => f.ruleId === query.ruleId && subjectOf(f) === query.subject)) {
    const sameRule = queries.filter((f) => f.ruleId === query.ruleId && subjectOf(f));
    if (!query.subject && sameRule.length > 0) {
      return refuse(
        `This return has ${query.ruleId} queries on ${sameRule.map((f) => `"${subjectOf(f)}"`).join(", ")}: name the KPI or budget line (--subject) with one of them.`,
      );
    }
    const on = (f: Finding) => (subjectOf(f) ? `${f.ruleId} on "${subjectOf(f)}"` : f.ruleId);
    const asked = query.subject ? `${query.ruleId} on "${query.subject}"` : query.ruleId;
    return refuse(
      `This return has no query ${asked}. ${queries.length > 0 ? `Its queries: ${queries.map(on).join(", ")}.` : "It has no queries."}`,
    );
  }
  const override: Override = { ruleId: query.ruleId, subject: query.subject, reason, by, at: act.at };
  const next: RegisterEntry = {
    ...entry,
    overrides: [
      ...entry.overrides.filter((o) => !(o.ruleId === query.ruleId && o.subject === query.subject)),
      override,
    ],
    history: [
      ...entry.history,
      {
        from: entry.status,
        to: entry.status,
        by,
        at: act.at,
        note: `Overrode ${query.ruleId}${query.subject ? ` on ${query.subject}` : ""}: ${reason}`,
      },
    ],
  };
  return {
    ok: true,
    entry: next,
    stamp: asRegistered(ret, next),
    done: `Recorded the override of ${query.ruleId}${query.subject ? ` on ${query.subject}` : ""}.`,
  };
}

/** Withdraw an override: the query stands again. */
export function decideWithdrawOverride(
  c: ReturnCase,
  act: Act,
  query: { ruleId: string; subject: string },
): Decision {
  const g = gate(c, act);
  if ("ok" in g) return g;
  const { entry, ret, by } = g;
  const closed = openForJudgement(entry);
  if (closed) return closed;
  const kept = entry.overrides.filter((o) => !(o.ruleId === query.ruleId && o.subject === query.subject));
  if (kept.length === entry.overrides.length) {
    return refuse(
      `The register holds no override of ${query.ruleId}${query.subject ? ` on "${query.subject}"` : ""} for this return.`,
    );
  }
  const next: RegisterEntry = {
    ...entry,
    overrides: kept,
    history: [
      ...entry.history,
      {
        from: entry.status,
        to: entry.status,
        by,
        at: act.at,
        note: `Withdrew the override of ${query.ruleId}${query.subject ? ` on ${query.subject}` : ""}.`,
      },
    ],
  };
  return {
    ok: true,
    entry: next,
    stamp: asRegistered(ret, next),
    done: `Withdrew the override of ${query.ruleId}.`,
  };
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
