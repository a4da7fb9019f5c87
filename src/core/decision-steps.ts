/**
 * What every decision on a return shares: who acts and when, the shape of a plan or a refusal, the gate each decision
 * passes first (a named officer, a return read, a register entry to write to), and the history and workbook copy a
 * decision writes. Pure; the decisions themselves are in decisions.ts.
 */
import type { ReturnCase } from "./case";
import {
  asRegistered,
  type Officer,
  type RegisterEntry,
  type RegisterEvent,
  type RegisterStatus,
} from "./register";
import type { Finding, Return } from "./types";

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

export function refuse(reason: string, blockers: readonly Finding[] = []): Refusal {
  return { ok: false, reason, blockers };
}

export function officerName(act: Act): string | null {
  const name = act.officer.name.trim();
  return name && act.officer.upn.trim() ? name : null;
}

export const NOT_SIGNED_IN =
  "No officer is signed in, so nothing can be recorded: sign in first (the register records who decided).";

/** The common gate: a named officer, a return read, and a register entry to write to. */
export function gate(c: ReturnCase, act: Act): Refusal | { entry: RegisterEntry; ret: Return; by: string } {
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

export function step(
  entry: RegisterEntry,
  to: RegisterStatus,
  by: string,
  at: string,
  extra: Partial<RegisterEvent> = {},
): RegisterEvent[] {
  return [...entry.history, { from: entry.status, to, by, at, ...extra }];
}

export function counted(c: ReturnCase): { error: number; query: number } {
  return { error: c.counts.error, query: c.counts.unexplained };
}

/** The workbook's copy after a decision: the register's state, the workbook's own history kept and extended. */
export function stampOf(
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
