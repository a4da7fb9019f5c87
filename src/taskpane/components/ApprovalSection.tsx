/**
 * The officer's "Approve or return" section (titled "Sent back" while the return is with the provider): the approval
 * panel wired to the host, with any failure shown under it. While the Return Register says the return was issued
 * and not yet received, the section is "Receive" instead: the officer records that the provider's workbook has
 * arrived (checked against the register), and only then approves or returns it — the register's step, not the
 * workbook's claim to have been submitted.
 */
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import type { ReturnCheck, ReturnsHost } from "../host";
import type { HostAction } from "../use-host-action";
import type { CheckStep } from "../use-query-overrides";
import { ApprovalPanel } from "./ApprovalPanel";
import { BusyNote } from "./BusyNote";
import { Notice } from "./Notice";
import { Section } from "./Section";

export interface ApprovalSectionProps {
  host: ReturnsHost;
  check: ReturnCheck;
  /** The action approving runs as: its progress and failure show here. */
  approval: HostAction;
  step: CheckStep;
  disabled: boolean;
}

export const ApprovalSection: React.FC<ApprovalSectionProps> = ({
  host,
  check,
  approval,
  step,
  disabled,
}) => {
  const { ret, validation } = check;
  if (!ret || !validation) return null;
  if (check.standing?.registerStatus === "Issued")
    return (
      <Section title="Receive">
        <Text>
          The Return Register has this return as issued and not yet received. Receive it to record that the
          provider&apos;s workbook has arrived and matches what was issued; then approve it or return it.
        </Text>
        <div>
          <Button
            appearance="primary"
            disabledFocusable={disabled}
            onClick={() => void step("Receiving…", () => host.receive(), "Validate again, then receive it.")}
          >
            Receive return
          </Button>
          <BusyNote busy={approval.busy} />
        </div>
        {approval.error && <Notice intent="error">{approval.error}</Notice>}
      </Section>
    );
  return (
    <Section title={ret.status === "returned" ? "Sent back" : "Approve or return"}>
      <ApprovalPanel
        ret={ret}
        validation={validation}
        findings={check.findings}
        disabled={disabled}
        busy={approval.busy}
        onApprove={(comment) =>
          void step("Approving…", () => host.approve(comment), "Validate again, then approve.")
        }
        onReturn={(reasons) =>
          void step(
            "Returning to the provider…",
            () => host.returnToProvider(reasons),
            "Validate again, then return it.",
          )
        }
        onReopen={() => void step("Reopening…", () => host.reopen(), "Validate again, then reopen it.")}
      />
      {approval.error && <Notice intent="error">{approval.error}</Notice>}
    </Section>
  );
};
