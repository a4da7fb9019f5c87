/**
 * The provider's Submit: why it cannot be sent yet (if so), the button, a confirmation naming what happens, and the
 * progress beside the button. The return goes to the commissioning team; only they can send it back.
 */
import * as React from "react";
import { Text } from "@fluentui/react-components";
import type { ReturnStatus } from "../../core/types";
import type { ReturnCheck } from "../host";
import { useConfirm } from "../use-confirm";
import type { HostAction } from "../use-host-action";
import { PrimaryAction } from "./PrimaryAction";
import { Section } from "./Section";

export interface SubmitSectionProps {
  check: ReturnCheck | null;
  /** The action submitting runs as: its progress and failure show here. */
  sending: HostAction;
  /** Something else in the view is running: submit waits for it. */
  disabled: boolean;
  submit(): Promise<ReturnCheck>;
  onCheck(check: ReturnCheck): void;
}

const ALREADY_SENT: Partial<Record<ReturnStatus, string>> = {
  submitted: "This return has been submitted: the commissioning team is checking it.",
  validated: "This return has been submitted: the commissioning team is checking it.",
  approved: "This return has been approved.",
  synced: "This return has been approved and sent to finance.",
};

/** Why the provider cannot submit yet; null when they can. */
export function submitBlocker(check: ReturnCheck | null): string | null {
  if (!check?.ret || !check.validation) return "Check your return first.";
  const already = ALREADY_SENT[check.ret.status];
  if (already) return already;
  const { error, unexplained } = check.validation.counts;
  if (error > 0) return `Fix ${error === 1 ? "the error" : `the ${error} errors`} first, then check again.`;
  if (unexplained > 0)
    return `Explain ${unexplained === 1 ? "the query" : `the ${unexplained} queries`} first.`;
  return null;
}

export const SubmitSection: React.FC<SubmitSectionProps> = ({
  check,
  sending,
  disabled,
  submit,
  onCheck,
}) => {
  const confirm = useConfirm();
  const blocker = submitBlocker(check);
  const ask = (): void =>
    confirm.ask({
      title: "Submit your return?",
      body: (
        <p>
          It goes to the commissioning team to check. You cannot change it afterwards unless they send it back
          to you.
        </p>
      ),
      confirm: "Submit return",
      run: () =>
        void sending.runAndUse(
          "Submitting…",
          submit,
          "Save the workbook, then choose Submit again.",
          onCheck,
        ),
    });
  return (
    <Section title="Submit">
      {blocker && <Text>{blocker}</Text>}
      <PrimaryAction
        label="Submit return"
        onClick={ask}
        busy={sending.busy}
        error={sending.error}
        disabled={blocker !== null || disabled}
      />
      {confirm.dialog}
    </Section>
  );
};
