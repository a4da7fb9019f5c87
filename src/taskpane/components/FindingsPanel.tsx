/**
 * Findings grouped by severity, with counts and severity filters. Each finding is a button that selects its cell;
 * queries can carry a response form (commentary or override) beneath them.
 */
import * as React from "react";
import { useState } from "react";
import {
  Button,
  Caption1,
  Text,
  ToggleButton,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ErrorCircleRegular, InfoRegular, WarningRegular } from "@fluentui/react-icons";
import type { Finding, Location, Severity } from "../../core/types";
import { severityTone, useToneStyles } from "../tones";

export interface FindingsPanelProps {
  findings: readonly Finding[];
  onGoTo(location: Location): void;
  /** Rendered under a query that still needs an explanation. */
  renderResponse?: (finding: Finding) => React.ReactNode;
}

const severities: readonly Severity[] = ["error", "query", "info"];
const heading: Record<Severity, [string, string]> = {
  error: ["error", "errors"],
  query: ["query", "queries"],
  info: ["note", "notes"],
};
const icon: Record<Severity, React.FC<{ className?: string }>> = {
  error: ErrorCircleRegular,
  query: WarningRegular,
  info: InfoRegular,
};

const useStyles = makeStyles({
  filters: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    marginBlock: tokens.spacingVerticalS,
  },
  group: { marginBlockEnd: tokens.spacingVerticalM },
  list: { listStyleType: "none", margin: 0, padding: 0 },
  item: {
    borderInlineStartWidth: tokens.strokeWidthThick,
    borderInlineStartStyle: "solid",
    borderInlineStartColor: tokens.colorNeutralStroke2,
    paddingInlineStart: tokens.spacingHorizontalS,
    marginBlockEnd: tokens.spacingVerticalS,
  },
  message: {
    textAlign: "start",
    justifyContent: "flex-start",
    fontWeight: tokens.fontWeightRegular,
    height: "auto",
  },
  meta: { display: "block", color: tokens.colorNeutralForeground3 },
});

function countText(n: number, severity: Severity): string {
  return `${n} ${heading[severity][n === 1 ? 0 : 1]}`;
}

export const FindingsPanel: React.FC<FindingsPanelProps> = ({ findings, onGoTo, renderResponse }) => {
  const styles = useStyles();
  const tones = useToneStyles();
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
    <section aria-label="Findings">
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
            {`${heading[s][1][0].toUpperCase()}${heading[s][1].slice(1)} (${bySeverity(s).length})`}
          </ToggleButton>
        ))}
      </div>
      {severities
        .filter((s) => shown[s] && bySeverity(s).length > 0)
        .map((s) => {
          const Icon = icon[s];
          return (
            <section key={s} className={styles.group} aria-label={countText(bySeverity(s).length, s)}>
              <ul className={styles.list}>
                {bySeverity(s).map((f, i) => (
                  <li
                    key={`${f.ruleId}-${f.kpiId ?? f.lineId ?? ""}-${i}`}
                    className={mergeClasses(styles.item, tones[`${severityTone[s]}Border`])}
                  >
                    <Button
                      appearance="transparent"
                      className={styles.message}
                      icon={<Icon className={tones[`${severityTone[s]}Text`]} />}
                      onClick={() => onGoTo(f.location)}
                      aria-label={`${heading[s][0]}: ${f.message} Select the cell.`}
                    >
                      {f.message}
                    </Button>
                    <Caption1 className={styles.meta}>
                      {f.ruleId}
                      {f.explainedBy === "commentary" && " · explained by commentary"}
                      {f.explainedBy === "override" && " · overridden by an officer"}
                    </Caption1>
                    {s === "query" && !f.explainedBy && renderResponse?.(f)}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
    </section>
  );
};
