/**
 * The findings of a check as a view shows them: grouped and filterable, each selecting its cell, and an answer form
 * under each unexplained query (the provider explains; an officer may also override).
 */
import * as React from "react";
import type { Finding, Location } from "../../core/types";
import { subjectOf } from "../figures-text";
import type { ReturnCheck } from "../host";
import { FindingsPanel } from "./FindingsPanel";
import { QueryResponse } from "./QueryResponse";
import { Section } from "./Section";

export interface FindingsSectionProps {
  check: ReturnCheck;
  onGoTo(location: Location): void;
  onExplain(finding: Finding, commentary: string): void;
  /** Officers only. */
  onOverride?(finding: Finding, reason: string): void;
  disabled: boolean;
}

export const FindingsSection: React.FC<FindingsSectionProps> = ({
  check,
  onGoTo,
  onExplain,
  onOverride,
  disabled,
}) => (
  <Section title="Findings">
    <FindingsPanel
      findings={check.findings}
      onGoTo={onGoTo}
      renderResponse={(f) => (
        <QueryResponse
          finding={f}
          subject={subjectOf(check.ret, f)}
          onExplain={onExplain}
          onOverride={onOverride}
          disabled={disabled}
        />
      )}
    />
  </Section>
);
