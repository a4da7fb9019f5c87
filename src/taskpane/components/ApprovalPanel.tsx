/**
 * Approve the return (only when nothing blocks it), or send it back to the provider with what must change. An approval
 * made void by a later change of figures is shown as such, and approving or returning is open again.
 */
import * as React from "react";
import { useState } from "react";
import { Button, Field, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { approvalVoid } from "../../core/approval";
import { effectiveStatus } from "../../core/lifecycle";
import type { Finding, Return, Validation } from "../../core/types";
import { useRequiredText } from "../use-required-text";

export interface ApprovalPanelProps {
  ret: Return;
  validation: Validation;
  /** Every finding shown, the workbook's own checks included: their errors block approval as core's do. */
  findings?: readonly Finding[];
  onApprove(comment: string): void;
  onReturn(reasons: readonly string[]): void;
  disabled?: boolean;
}

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  actions: { display: "flex", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** One reason a line, blank lines dropped. */
function reasonLinesOf(text: string): string[] {
  return text
    .split("\n")
    .map((r) => r.trim())
    .filter(Boolean);
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
    return `${unexplained} ${unexplained === 1 ? "query has" : "queries have"} no commentary or override yet: explain or override ${unexplained === 1 ? "it" : "them"} first.`;
  return v.approvable && workbookErrors === 0 && workbookQueries === 0
    ? null
    : "This return cannot be approved yet.";
}

export const ApprovalPanel: React.FC<ApprovalPanelProps> = ({
  ret,
  validation,
  findings,
  onApprove,
  onReturn,
  disabled,
}) => {
  const styles = useStyles();
  const [comment, setComment] = useState("");
  const reasons = useRequiredText("Give at least one reason before returning it.");
  const blocker = approvalBlocker(validation, findings);
  // A void approval (figures changed after it) reads as validated: the officer may approve afresh or send it back.
  const status = effectiveStatus(ret);
  const voided = approvalVoid(ret);
  const approved = ret.approval && !voided && (status === "approved" || status === "synced");
  // What the lifecycle allows from here: approval from submitted or validated; sending back until synced.
  const canApprove = status === "submitted" || status === "validated";
  const canReturn = canApprove || status === "approved";
  const waiting =
    ret.status === "draft" || ret.status === "returned"
      ? "The provider has not submitted this return yet: it can be approved once they have."
      : null;

  return (
    <section className={styles.panel} aria-label="Approval">
      {approved && ret.approval && (
        <Text role="status">
          Approved by {ret.approval.by} on {when.format(new Date(ret.approval.at))}
          {ret.approval.comment ? `: “${ret.approval.comment}”` : "."}
          {ret.status === "synced" ? " Synced to SharePoint." : ""}
        </Text>
      )}
      {voided && ret.approval && (
        <Text role="status" weight="semibold">
          Approval void: figures changed after approval by {ret.approval.by} on{" "}
          {when.format(new Date(ret.approval.at))}. Check the return again, then approve it afresh or return
          it to the provider; it will not be synced until then.
        </Text>
      )}
      {waiting && <Text role="status">{waiting}</Text>}
      {blocker && canApprove && <Text role="status">{blocker}</Text>}
      {canApprove && (
        <Field label="Approval comment (optional)">
          <Textarea value={comment} onChange={(_, d) => setComment(d.value)} disabled={disabled} />
        </Field>
      )}
      {canReturn && (
        <Field label="What the provider must change (one reason a line)" {...reasons.field}>
          <Textarea {...reasons.input} disabled={disabled} />
        </Field>
      )}
      <div className={styles.actions}>
        {canApprove && (
          <Button
            appearance="primary"
            disabled={disabled || blocker !== null}
            onClick={() => onApprove(comment.trim())}
          >
            Approve
          </Button>
        )}
        {canReturn && (
          <Button
            disabled={disabled}
            onClick={() => {
              const text = reasons.attempt();
              if (text !== null) onReturn(reasonLinesOf(text));
            }}
          >
            Return to provider
          </Button>
        )}
      </div>
    </section>
  );
};
