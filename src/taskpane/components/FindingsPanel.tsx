/**
 * Findings under a heading for each severity (Errors, Queries, Notes), each saying its severity in words as well as by
 * icon and colour. Each finding is a button that selects its cell; the check's id and any technical wording sit behind
 * its details. An explained query says by whom: the provider's commentary, or the officer's override with name, time
 * and reason (which an officer can withdraw). Unexplained queries can carry a response form beneath them.
 */
import * as React from "react";
import { useState } from "react";
import {
  Button,
  Caption1,
  Subtitle2,
  Text,
  ToggleButton,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ErrorCircleRegular, InfoRegular, WarningRegular } from "@fluentui/react-icons";
import type { Finding, Location, Override, Severity } from "../../core/types";
import { whenText } from "../figures-text";
import { plainMessage, providerWording, type Reader } from "../plain-words";
import { severityTone, useToneStyles } from "../tones";
import { Details } from "./Details";

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
const names: Record<Severity, [string, string]> = {
  error: ["Error", "Errors"],
  query: ["Query", "Queries"],
  info: ["Note", "Notes"],
};
const icon: Record<Severity, React.FC<{ className?: string }>> = {
  error: ErrorCircleRegular,
  query: WarningRegular,
  info: InfoRegular,
};

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
  item: {
    borderInlineStartWidth: tokens.strokeWidthThicker,
    borderInlineStartStyle: "solid",
    borderInlineStartColor: tokens.colorNeutralStroke2,
    paddingInlineStart: tokens.spacingHorizontalS,
    marginBlockEnd: tokens.spacingVerticalM,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    // Under forced colours every border is one colour: the dashes tell queries and notes from errors.
    "@media (forced-colors: active)": { borderInlineStartColor: "CanvasText" },
  },
  query: { "@media (forced-colors: active)": { borderInlineStartStyle: "dashed" } },
  info: { "@media (forced-colors: active)": { borderInlineStartStyle: "dotted" } },
  message: {
    textAlign: "start",
    justifyContent: "flex-start",
    alignItems: "flex-start",
    fontWeight: tokens.fontWeightRegular,
    height: "auto",
    minWidth: 0,
    paddingInline: 0,
    overflowWrap: "anywhere",
  },
  severity: { fontWeight: tokens.fontWeightSemibold },
  meta: { display: "block", color: tokens.colorNeutralForeground2 },
  explained: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
});

function countText(n: number, severity: Severity): string {
  return `${n} ${names[severity][n === 1 ? 0 : 1].toLowerCase()}`;
}

function overrideOf(f: Finding, overrides: readonly Override[]): Override | undefined {
  const subject = f.kpiId ?? f.lineId ?? "";
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
        .map((s) => {
          const Icon = icon[s];
          return (
            <div key={s} className={styles.group}>
              <Subtitle2 as="h4" id={findingsHeadingId(s)} tabIndex={-1} className={styles.heading}>
                {`${names[s][1]} (${bySeverity(s).length})`}
              </Subtitle2>
              <ul className={styles.list}>
                {bySeverity(s).map((f, i) => {
                  const override = f.explainedBy === "override" ? overrideOf(f, overrides) : undefined;
                  const provider = reader === "officer" ? providerWording(f) : null;
                  return (
                    <li
                      key={`${f.ruleId}-${f.kpiId ?? f.lineId ?? ""}-${i}`}
                      className={mergeClasses(
                        styles.item,
                        tones[`${severityTone[s]}Border`],
                        s === "query" && styles.query,
                        s === "info" && styles.info,
                      )}
                    >
                      <Button
                        appearance="transparent"
                        className={styles.message}
                        icon={<Icon className={tones[`${severityTone[s]}Text`]} />}
                        onClick={() => onGoTo(f.location)}
                      >
                        <span>
                          <span className={styles.severity}>{names[s][0]}:</span> {plainMessage(f, reader)}
                          <span className={styles.hidden}> (select its cell)</span>
                        </span>
                      </Button>
                      {f.explainedBy === "commentary" && (
                        <Caption1 className={styles.meta}>
                          Explained in the provider&apos;s commentary.
                        </Caption1>
                      )}
                      {f.explainedBy === "override" && (
                        <div className={styles.explained}>
                          <Caption1 className={styles.meta}>
                            {override
                              ? `Accepted by ${override.by} on ${whenText(override.at)}: “${override.reason}”`
                              : "Accepted by an officer."}
                          </Caption1>
                          {onWithdraw && override && (
                            <Button
                              size="small"
                              appearance="subtle"
                              disabledFocusable={disabled}
                              aria-label={`Withdraw the override${subjectOf ? ` of ${subjectOf(f)}` : ""}`}
                              onClick={() => onWithdraw(f)}
                            >
                              Withdraw
                            </Button>
                          )}
                        </div>
                      )}
                      <Details>
                        <p>Check: {f.ruleId}</p>
                        {provider && <p>The provider reads: {provider}</p>}
                      </Details>
                      {s === "query" && !f.explainedBy && renderResponse?.(f)}
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
    </div>
  );
};
