/** Answers one query: a reason, then either "Explain" (the provider's commentary) or "Override" (an officer's). */
import * as React from "react";
import { useState } from "react";
import { Button, Field, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../../core/types";

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
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const missing = tried && reason.trim() === "";

  const act = (action?: (f: Finding, text: string) => void) => () => {
    setTried(true);
    if (reason.trim() !== "" && action) action(finding, reason.trim());
  };

  return (
    <div className={styles.form}>
      <Field
        label={`Reason for ${subject}`}
        size="small"
        validationState={missing ? "error" : "none"}
        validationMessage={missing ? "Write a reason first: it is recorded with the return." : undefined}
      >
        <Textarea
          value={reason}
          onChange={(_, d) => setReason(d.value)}
          resize="vertical"
          disabled={disabled}
        />
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
