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
import { whenText } from "../figures-text";
import { useConfirm } from "../use-confirm";
import { useRequiredText } from "../use-required-text";
import { approvalBlocker } from "../verdict";
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

/** One reason a line, blank lines dropped. */
function reasonLinesOf(text: string): string[] {
  return text
    .split("\n")
    .map((r) => r.trim())
    .filter(Boolean);
}

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
  const confirm = useConfirm();
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
  const whose = `${ret.provider}'s ${ret.period} return`;

  const askApprove = () =>
    confirm.ask({
      title: `Approve ${whose}?`,
      body: (
        <>
          <p>
            You will be recorded as approving exactly the figures now in the workbook
            {comment.trim() ? `, with your comment “${comment.trim()}”` : ""}. They can then be synced to
            SharePoint.
          </p>
          <p>If the figures change afterwards, the approval becomes void.</p>
        </>
      ),
      confirm: "Approve",
      run: () => onApprove(comment.trim()),
    });
  const askReturn = () => {
    const text = reasons.attempt();
    if (text === null) return;
    const lines = reasonLinesOf(text);
    confirm.ask({
      title: `Return it to ${ret.provider}?`,
      body: (
        <>
          <p>
            The return goes back to the provider to change and send again
            {ret.approval ? ", and the approval is withdrawn" : ""}. They will read:
          </p>
          <ul className={styles.reasons}>
            {lines.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ),
      confirm: "Return to provider",
      run: () => onReturn(lines),
    });
  };
  const askReopen = () =>
    confirm.ask({
      title: "Reopen this return?",
      body: (
        <p>
          It comes back to the commissioning team as submitted, as if it had not been sent back. The history
          keeps both steps, with your name.
        </p>
      ),
      confirm: "Reopen",
      run: () => onReopen?.(),
    });

  return (
    <div className={styles.panel}>
      {approved && ret.approval && (
        <Text>
          Approved by {ret.approval.by} on {whenText(ret.approval.at)}
          {ret.approval.comment ? `: “${ret.approval.comment}”` : "."}
          {ret.status === "synced" ? " Synced to SharePoint." : ""}
        </Text>
      )}
      {ret.status === "returned" && (
        <>
          <Text weight="semibold">Reasons sent to the provider</Text>
          {(ret.returnedReasons?.length ?? 0) > 0 ? (
            <ul className={styles.reasons}>
              {ret.returnedReasons?.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            <Text>None were recorded.</Text>
          )}
        </>
      )}
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
          <Button appearance="primary" disabledFocusable={disabled || blocker !== null} onClick={askApprove}>
            Approve
          </Button>
        )}
        {canReturn && (
          <Button disabledFocusable={disabled} onClick={askReturn}>
            Return to provider
          </Button>
        )}
        {ret.status === "returned" && onReopen && (
          <Button disabledFocusable={disabled} onClick={askReopen}>
            Reopen
          </Button>
        )}
        <BusyNote busy={busy ?? null} />
      </div>
      {confirm.dialog}
    </div>
  );
};
