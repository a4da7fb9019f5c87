/** Answers one query: a reason, then either "Explain" (the provider's commentary) or "Override" (an officer's). */
import * as React from "react";
import { Button, Field, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../../core/types";
import { useRequiredText } from "../use-required-text";

export interface QueryResponseProps {
  finding: Finding;
  /** What the query is about, as the sheet labels it ("Referrals"). */
  subject: string;
  /** Write the reason as the KPI's commentary. */
  onExplain?(finding: Finding, commentary: string): void;
  /** Record an officer's override with the reason. */
  onOverride?(finding: Finding, reason: string): void;
  disabled?: boolean;
}

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    marginBlock: tokens.spacingVerticalXS,
  },
  actions: { display: "flex", columnGap: tokens.spacingHorizontalS },
});

export const QueryResponse: React.FC<QueryResponseProps> = ({
  finding,
  subject,
  onExplain,
  onOverride,
  disabled,
}) => {
  const styles = useStyles();
  const reason = useRequiredText("Write a reason first: it is recorded with the return.");

  const act = (action?: (f: Finding, text: string) => void) => () => {
    const text = reason.attempt();
    if (text !== null && action) action(finding, text);
  };

  return (
    <div className={styles.form}>
      <Field label={`Reason for ${subject}`} size="small" {...reason.field}>
        <Textarea {...reason.input} resize="vertical" disabled={disabled} />
      </Field>
      <div className={styles.actions}>
        {onExplain && (
          <Button size="small" onClick={act(onExplain)} disabled={disabled}>
            Explain
          </Button>
        )}
        {onOverride && (
          <Button size="small" onClick={act(onOverride)} disabled={disabled}>
            Override
          </Button>
        )}
      </div>
    </div>
  );
};
