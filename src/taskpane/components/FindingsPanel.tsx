/**
 * Findings under a heading for each severity (Errors, Queries, Notes), each saying its severity in words as well as by
 * icon and colour. Each finding is a button that selects its cell; the check's id and any technical wording sit behind
 * its details. An explained query says by whom: the provider's commentary, or the officer's override with name, time
 * and reason (which an officer can withdraw). Unexplained queries can carry a response form beneath them.
 */
import * as React from "react";
import { useState } from "react";
import { Subtitle2, Text, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { findingSubject } from "../../core/subject";
import type { Finding, Location, Override, Severity } from "../../core/types";
import type { Reader } from "../plain-words";
import { FindingItem, severityNames } from "./FindingItem";

export interface FindingsPanelProps {
  findings: readonly Finding[];
  onGoTo(location: Location): void;
  /** Who is reading: an officer does not see the sentences addressed to the provider. */
  reader: Reader;
  /** The return's overrides, to say who accepted a query, when and why. */
  overrides?: readonly Override[];
  /** Officers: withdraw an override (asks for confirmation first). */
  onWithdraw?(finding: Finding): void;
  /** What a finding is about, in the sheet's words ("Referrals"), to tell its buttons apart. */
  subjectOf?(finding: Finding): string;
  /** Rendered under a query that still needs an explanation. */
  renderResponse?: (finding: Finding) => React.ReactNode;
  disabled?: boolean;
}

const severities: readonly Severity[] = ["error", "query", "info"];
const names = severityNames;

/** The id of a severity's heading, so a view can move focus to it after an action. */
export function findingsHeadingId(severity: Severity): string {
  return `findings-${severity}`;
}

const useStyles = makeStyles({
  filters: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    marginBlock: tokens.spacingVerticalS,
  },
  group: { marginBlockEnd: tokens.spacingVerticalM },
  heading: { margin: 0, marginBlockEnd: tokens.spacingVerticalS, display: "block" },
  list: { listStyleType: "none", margin: 0, padding: 0 },
});

function countText(n: number, severity: Severity): string {
  return `${n} ${names[severity][n === 1 ? 0 : 1].toLowerCase()}`;
}

function overrideOf(f: Finding, overrides: readonly Override[]): Override | undefined {
  const subject = findingSubject(f);
  return overrides.find((o) => o.ruleId === f.ruleId && o.subject === subject);
}

export const FindingsPanel: React.FC<FindingsPanelProps> = ({
  findings,
  onGoTo,
  reader,
  overrides = [],
  onWithdraw,
  subjectOf,
  renderResponse,
  disabled,
}) => {
  const styles = useStyles();
  const [shown, setShown] = useState<Record<Severity, boolean>>({ error: true, query: true, info: true });
  const bySeverity = (s: Severity): Finding[] => findings.filter((f) => f.severity === s);
  const unexplained = findings.filter((f) => f.severity === "query" && !f.explainedBy).length;

  if (findings.length === 0) {
    return (
      <Text role="status" as="p">
        No findings: every check passed.
      </Text>
    );
  }
  return (
    <div>
      <Text as="p" role="status">
        {severities.map((s) => countText(bySeverity(s).length, s)).join(", ")}
        {unexplained > 0
          ? ` (${unexplained} ${unexplained === 1 ? "query needs" : "queries need"} an explanation)`
          : ""}
        .
      </Text>
      <div className={styles.filters} role="group" aria-label="Show findings by severity">
        {severities.map((s) => (
          <ToggleButton
            key={s}
            size="small"
            checked={shown[s]}
            onClick={() => setShown({ ...shown, [s]: !shown[s] })}
          >
            {`${names[s][1]} (${bySeverity(s).length})`}
          </ToggleButton>
        ))}
      </div>
      {severities
        .filter((s) => shown[s] && bySeverity(s).length > 0)
        .map((s) => (
          <div key={s} className={styles.group}>
            <Subtitle2 as="h4" id={findingsHeadingId(s)} tabIndex={-1} className={styles.heading}>
              {`${names[s][1]} (${bySeverity(s).length})`}
            </Subtitle2>
            <ul className={styles.list}>
              {bySeverity(s).map((f, i) => (
                <FindingItem
                  key={`${f.ruleId}-${f.kpiId ?? f.lineId ?? ""}-${i}`}
                  finding={f}
                  reader={reader}
                  override={f.explainedBy === "override" ? overrideOf(f, overrides) : undefined}
                  onGoTo={(found) => onGoTo(found.location)}
                  onWithdraw={onWithdraw}
                  subject={subjectOf?.(f)}
                  response={f.severity === "query" && !f.explainedBy ? renderResponse?.(f) : undefined}
                  disabled={disabled}
                />
              ))}
            </ul>
          </div>
        ))}
    </div>
  );
};
