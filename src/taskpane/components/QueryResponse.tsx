/**
 * Answers one query with a reason: the provider's "Explain" (written to the Commentary cell) or the officer's
 * "Override" (recorded with the officer's name and the time). The view asks for confirmation before an override.
 */
import * as React from "react";
import { Button, Field, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../../core/types";
import { useRequiredText } from "../use-required-text";
import { BusyNote } from "./BusyNote";

export interface QueryResponseProps {
  finding: Finding;
  /** What the query is about, as the sheet labels it ("Referrals"). */
  subject: string;
  /** Write the reason as the KPI's commentary. */
  onExplain?(finding: Finding, commentary: string): void;
  /** Record an officer's override with the reason. */
  onOverride?(finding: Finding, reason: string): void;
  disabled?: boolean;
  busy?: string | null;
}

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    marginBlock: tokens.spacingVerticalXS,
  },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
});

export const QueryResponse: React.FC<QueryResponseProps> = ({
  finding,
  subject,
  onExplain,
  onOverride,
  disabled,
  busy,
}) => {
  const styles = useStyles();
  const reason = useRequiredText("Write a reason first: it is recorded with the return.");
  const [started, setStarted] = React.useState(false);
  React.useEffect(() => {
    if (!busy) setStarted(false);
  }, [busy]);

  const act = (action?: (f: Finding, text: string) => void) => () => {
    const text = reason.attempt();
    if (text !== null && action) {
      setStarted(true);
      action(finding, text);
    }
  };

  return (
    <div className={styles.form}>
      <Field
        label={onOverride ? `Reason for accepting ${subject}` : `Reason for ${subject}`}
        size="small"
        {...reason.field}
      >
        <Textarea {...reason.input} resize="vertical" disabled={disabled} />
      </Field>
      <div className={styles.actions}>
        {onExplain && (
          <Button size="small" onClick={act(onExplain)} disabledFocusable={disabled}>
            Explain
          </Button>
        )}
        {onOverride && (
          <Button size="small" onClick={act(onOverride)} disabledFocusable={disabled}>
            Override
          </Button>
        )}
        {/* Always there, so screen readers hear it fill; only the query acted on shows what is running. */}
        <BusyNote busy={started ? (busy ?? null) : null} />
      </div>
    </div>
  );
};
