/**
 * The officer's "Approve or return" section (titled "Sent back" while the return is with the provider): the approval
 * panel wired to the host, with any failure shown under it.
 */
import * as React from "react";
import type { ReturnCheck, ReturnsHost } from "../host";
import type { HostAction } from "../use-host-action";
import type { CheckStep } from "../use-query-overrides";
import { ApprovalPanel } from "./ApprovalPanel";
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
