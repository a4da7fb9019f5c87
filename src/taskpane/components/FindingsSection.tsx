/**
 * The findings of a check as a view shows them: grouped by severity, each selecting its cell, and an answer form under
 * each unexplained query: the provider explains it in their commentary; an officer overrides it with a reason, recorded
 * as theirs (name and time), never written into the provider's commentary.
 */
import * as React from "react";
import type { Finding, Location } from "../../core/types";
import { subjectLabel } from "../figures-text";
import type { ReturnCheck } from "../host";
import type { Reader } from "../plain-words";
import { FindingsPanel } from "./FindingsPanel";
import { QueryResponse } from "./QueryResponse";
import { Section } from "./Section";

export interface FindingsSectionProps {
  check: ReturnCheck;
  reader: Reader;
  onGoTo(location: Location): void;
  /** Providers: write the reason into the Commentary cell. */
  onExplain?(finding: Finding, commentary: string): void;
  /** Officers: accept the query with a reason. */
  onOverride?(finding: Finding, reason: string): void;
  /** Officers: withdraw an override. */
  onWithdraw?(finding: Finding): void;
  disabled: boolean;
  /** What is running for a finding (shown beside its buttons), if anything. */
  busy?: string | null;
}

export const FindingsSection: React.FC<FindingsSectionProps> = ({
  check,
  reader,
  onGoTo,
  onExplain,
  onOverride,
  onWithdraw,
  disabled,
  busy,
}) => (
  <Section title="Findings">
    <FindingsPanel
      findings={check.findings}
      reader={reader}
      overrides={check.ret?.overrides}
      onGoTo={onGoTo}
      onWithdraw={onWithdraw}
      subjectOf={(f) => subjectLabel(check.ret, f)}
      disabled={disabled}
      renderResponse={(f) => (
        <QueryResponse
          finding={f}
          subject={subjectLabel(check.ret, f)}
          onExplain={onExplain}
          onOverride={onOverride}
          disabled={disabled}
          busy={busy}
        />
      )}
    />
  </Section>
);
