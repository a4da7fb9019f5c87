/**
 * One finding in the list: its severity in words, icon and colour (and, under forced colours, a border style), its
 * message in the reader's words as a button that selects its cell, who explained it (the provider's commentary, or an
 * officer's override with name, time and reason, which an officer can withdraw), and the check's id behind "Details".
 */
import * as React from "react";
import { Button, Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ErrorCircleRegular, InfoRegular, WarningRegular } from "@fluentui/react-icons";
import type { Finding, Override, Severity } from "../../core/types";
import { whenText } from "../figures-text";
import { findingMessage, providerWording, type Reader } from "../plain-words";
import { severityTone, useToneStyles } from "../tones";
import { Details } from "./Details";
import { VisuallyHidden } from "./VisuallyHidden";

/** Each severity's name, one and many. */
export const severityNames: Record<Severity, [string, string]> = {
  error: ["Error", "Errors"],
  query: ["Query", "Queries"],
  info: ["Note", "Notes"],
};
const icon: Record<Severity, React.FC<{ className?: string }>> = {
  error: ErrorCircleRegular,
  query: WarningRegular,
  info: InfoRegular,
};

export interface FindingItemProps {
  finding: Finding;
  reader: Reader;
  /** The officer's override that explains it, when there is one. */
  override?: Override;
  onGoTo(finding: Finding): void;
  onWithdraw?(finding: Finding): void;
  /** What the finding is about, in the sheet's words, to tell its buttons apart. */
  subject?: string;
  /** Rendered under the finding: the answer form of a query that still needs an explanation. */
  response?: React.ReactNode;
  disabled?: boolean;
}

const useStyles = makeStyles({
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
});

/** Who explained a query, and (for an officer's override) the button to withdraw it. */
const Explained: React.FC<Omit<FindingItemProps, "onGoTo" | "response">> = (p) => {
  const styles = useStyles();
  const { finding: f, override } = p;
  if (f.explainedBy === "commentary")
    return (
      <Caption1 className={styles.meta}>
        {p.reader === "provider" ? "Explained in your commentary." : "Explained in the provider's commentary."}
      </Caption1>
    );
  if (f.explainedBy !== "override") return null;
  return (
    <div className={styles.explained}>
      <Caption1 className={styles.meta}>
        {override
          ? `Accepted by ${override.by} on ${whenText(override.at)}: “${override.reason}”`
          : "Accepted by an officer."}
      </Caption1>
      {p.onWithdraw && override && (
        <Button
          size="small"
          appearance="subtle"
          disabledFocusable={p.disabled}
          aria-label={`Withdraw the override${p.subject ? ` of ${p.subject}` : ""}`}
          onClick={() => p.onWithdraw?.(f)}
        >
          Withdraw
        </Button>
      )}
    </div>
  );
};

export const FindingItem: React.FC<FindingItemProps> = (props) => {
  const { finding: f, reader, onGoTo, response } = props;
  const styles = useStyles();
  const tones = useToneStyles();
  const s = f.severity;
  const Icon = icon[s];
  const provider = reader === "officer" ? providerWording(f) : null;
  return (
    <li
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
        onClick={() => onGoTo(f)}
      >
        <span>
          <span className={styles.severity}>{severityNames[s][0]}:</span> {findingMessage(f, reader)}
          <VisuallyHidden> (select its cell)</VisuallyHidden>
        </span>
      </Button>
      <Explained {...props} />
      <Details>
        <p>Check: {f.ruleId}</p>
        {provider && <p>The provider reads: {provider}</p>}
      </Details>
      {response}
    </li>
  );
};
