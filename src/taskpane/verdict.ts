/**
 * The officer's verdict at a glance: where the return stands in words, what blocks the next step, and what to do
 * next. One place decides it, for the verdict block at the top of the officer's view and for the approval panel.
 */
import { approvalVoid } from "../core/approval";
import { effectiveStatus } from "../core/lifecycle";
import type { Finding, Return, Validation } from "../core/types";
import { whenText } from "./figures-text";
import type { ReturnCheck } from "./host";
import type { Tone } from "./tones";

export interface OfficerVerdict {
  /** The state in words ("Ready to approve"). */
  readonly state: string;
  /** What stops the next step, or null. */
  readonly blocker: string | null;
  /** The next action, in words. */
  readonly next: string;
  readonly tone: Tone;
}

/** Why approval is not possible yet, in words; null when it is. */
export function approvalBlocker(v: Validation, findings: readonly Finding[] = v.findings): string | null {
  const engine = new Set(v.findings);
  const workbookErrors = findings.filter((f) => f.severity === "error" && !engine.has(f)).length;
  // The workbook's unexplained queries (a column inserted inside a table) block as core's do.
  const workbookQueries = findings.filter(
    (f) => f.severity === "query" && !f.explainedBy && !engine.has(f),
  ).length;
  const error = v.counts.error + workbookErrors;
  const unexplained = v.counts.unexplained + workbookQueries;
  if (error > 0)
    return `${error} ${error === 1 ? "error stands" : "errors stand"}: return it to the provider to fix.`;
  if (unexplained > 0)
    return `${unexplained} ${unexplained === 1 ? "query has" : "queries have"} no commentary or override yet: override ${unexplained === 1 ? "it" : "them"} with a reason, or return it to the provider.`;
  return v.approvable && workbookErrors === 0 && workbookQueries === 0
    ? null
    : "This return cannot be approved yet.";
}

/** When and by whom the return was last sent back, from its history. */
function lastReturned(ret: Return): string {
  const step = [...ret.history].reverse().find((h) => h.to === "returned");
  return step ? ` by ${step.by} on ${whenText(step.at)}` : "";
}

/** The verdict on the open workbook; null while nothing has been read. */
export function officerVerdict(check: ReturnCheck | null): OfficerVerdict | null {
  if (!check) return null;
  const ret = check.ret;
  if (!ret || !check.validation) {
    return {
      state: "No return to check",
      blocker: check.findings.find((f) => f.severity === "error")
        ? "This workbook is not a KPI return."
        : null,
      next: "Open the provider's return workbook, or start one from New.",
      tone: "warning",
    };
  }
  const status = effectiveStatus(ret);
  if (check.standing?.registerStatus === "Issued")
    return {
      state: "Issued, not received yet",
      blocker: "The Return Register has not recorded this return as received.",
      next: "Receive it, below; then approve it or return it.",
      tone: "informative",
    };
  if (approvalVoid(ret) && ret.approval) {
    return {
      state: "Approval void",
      blocker: `The figures changed after ${ret.approval.by} approved them on ${whenText(ret.approval.at)}.`,
      next: "Return it to the provider; once it is received again, approve the new figures.",
      tone: "warning",
    };
  }
  switch (status) {
    case "draft":
      return {
        state: "Not submitted yet",
        blocker: "The provider has not sent this return in.",
        next: "Wait for the provider to submit it.",
        tone: "informative",
      };
    case "returned":
      return {
        state: `Returned to the provider${lastReturned(ret)}`,
        blocker: null,
        next: "Wait for the provider to send it again, or reopen it if it was sent back by mistake.",
        tone: "warning",
      };
    case "approved":
      return {
        state: ret.approval ? `Approved by ${ret.approval.by} on ${whenText(ret.approval.at)}` : "Approved",
        blocker: null,
        next: "Sync the approved figures to SharePoint.",
        tone: "success",
      };
    case "synced":
      return {
        state: "Approved and synced to SharePoint",
        blocker: null,
        next: "Nothing more to do for this return.",
        tone: "success",
      };
    default: {
      const blocker = approvalBlocker(check.validation, check.findings);
      if (blocker === null)
        return { state: "Ready to approve", blocker: null, next: "Approve it, below.", tone: "success" };
      const errors = /error/.test(blocker);
      return {
        state: errors ? "Cannot be approved" : "Waiting on queries",
        blocker,
        next: errors
          ? "Return it to the provider with what must change."
          : "Read each query below; accept it with a reason, or return the return to the provider.",
        tone: errors ? "danger" : "warning",
      };
    }
  }
}
