/**
 * The officer's binding steps on a return, each asked first in words naming what will happen: approve (with the
 * comment recorded), return to the provider (with the reasons they will read), and reopen one sent back by mistake.
 */
import * as React from "react";
import type { Return } from "../core/types";
import { useConfirm } from "./use-confirm";

export interface ApprovalSteps {
  onApprove(comment: string): void;
  onReturn(reasons: readonly string[]): void;
  onReopen?(): void;
}

export interface ApprovalAsks {
  askApprove(comment: string): void;
  askReturn(reasons: readonly string[], listClassName?: string): void;
  askReopen(): void;
  /** Render this somewhere in the panel. */
  readonly dialog: React.ReactNode;
}

/** One reason a line, blank lines dropped. */
export function reasonLinesOf(text: string): string[] {
  return text
    .split("\n")
    .map((r) => r.trim())
    .filter(Boolean);
}

export function useApprovalAsks(ret: Return, steps: ApprovalSteps): ApprovalAsks {
  const confirm = useConfirm();
  const whose = `${ret.provider}'s ${ret.period} return`;
  const askApprove = (comment: string) =>
    confirm.ask({
      title: `Approve ${whose}?`,
      body: (
        <>
          <p>
            You will be recorded as approving exactly the figures now in the workbook
            {comment ? `, with your comment “${comment}”` : ""}. They can then be synced to SharePoint.
          </p>
          <p>If the figures change afterwards, the approval becomes void.</p>
        </>
      ),
      confirm: "Approve",
      run: () => steps.onApprove(comment),
    });
  const askReturn = (lines: readonly string[], listClassName?: string) =>
    confirm.ask({
      title: `Return it to ${ret.provider}?`,
      body: (
        <>
          <p>
            The return goes back to the provider to change and send again
            {ret.approval ? ", and the approval is withdrawn" : ""}. They will read:
          </p>
          <ul className={listClassName}>
            {lines.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ),
      confirm: "Return to provider",
      run: () => steps.onReturn(lines),
    });
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
      run: () => steps.onReopen?.(),
    });
  return { askApprove, askReturn, askReopen, dialog: confirm.dialog };
}
