/**
 * Approve the return (only when nothing blocks it), or send it back to the provider with what must change; take back
 * a return sent back by mistake. Each of these asks first, naming what will happen. The reasons sent stay visible
 * while the return is with the provider, and what is running shows beside the buttons.
 */
import * as React from "react";
import { useState } from "react";
import { Button, Field, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { approvalVoid } from "../../core/approval";
import { effectiveStatus } from "../../core/lifecycle";
import type { Finding, Return, Validation } from "../../core/types";
import { reasonLinesOf, useApprovalAsks } from "../use-approval-asks";
import { useRequiredText } from "../use-required-text";
import { approvalBlocker } from "../verdict";
import { ApprovalRecord } from "./ApprovalRecord";
import { BusyNote } from "./BusyNote";

export interface ApprovalPanelProps {
  ret: Return;
  validation: Validation;
  /** Every finding shown, the workbook's own checks included: their errors block approval as core's do. */
  findings?: readonly Finding[];
  onApprove(comment: string): void;
  onReturn(reasons: readonly string[]): void;
  onReopen?(): void;
  disabled?: boolean;
  /** What is running from this panel, shown beside its buttons. */
  busy?: string | null;
}

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  actions: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    flexWrap: "wrap",
    alignItems: "center",
  },
  reasons: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export const ApprovalPanel: React.FC<ApprovalPanelProps> = ({
  ret,
  validation,
  findings,
  onApprove,
  onReturn,
  onReopen,
  disabled,
  busy,
}) => {
  const styles = useStyles();
  const [comment, setComment] = useState("");
  const reasons = useRequiredText("Give at least one reason before returning it.");
  const blocker = approvalBlocker(validation, findings);
  // A void approval (figures changed after it) reads as validated, but the register still holds the approval it
  // voids: the decision room (core/decisions.ts) approves new figures only once the return is sent back and received
  // again, so the pane offers sending it back, not an Approve that would be refused.
  const status = effectiveStatus(ret);
  const voided = approvalVoid(ret);
  const approved = ret.approval && !voided && (status === "approved" || status === "synced");
  // What the lifecycle allows from here: approval from submitted or validated; sending back until synced.
  const canApprove = !voided && (status === "submitted" || status === "validated");
  const canReturn = canApprove || voided || status === "approved";
  const asks = useApprovalAsks(ret, { onApprove, onReturn, onReopen });
  const askReturn = () => {
    const text = reasons.attempt();
    if (text !== null) asks.askReturn(reasonLinesOf(text), styles.reasons);
  };

  return (
    <div className={styles.panel}>
      <ApprovalRecord ret={ret} approved={!!approved} />
      {blocker && canApprove && <Text>{blocker}</Text>}
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
            disabledFocusable={disabled || blocker !== null}
            onClick={() => asks.askApprove(comment.trim())}
          >
            Approve
          </Button>
        )}
        {canReturn && (
          <Button disabledFocusable={disabled} onClick={askReturn}>
            Return to provider
          </Button>
        )}
        {ret.status === "returned" && onReopen && (
          <Button disabledFocusable={disabled} onClick={asks.askReopen}>
            Reopen
          </Button>
        )}
        <BusyNote busy={busy ?? null} />
      </div>
      {asks.dialog}
    </div>
  );
};
