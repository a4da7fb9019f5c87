/** Build the "Quarterly summary" sheet, with charts, from the SharePoint lists' items for a quarter. */
import * as React from "react";
import { useState } from "react";
import { Button, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import { parsePeriod } from "../../core/period";
import { describeError } from "../../core/errors";
import type { Account, ReturnsHost, SummaryOutcome } from "../host";
import { useHostAction } from "../use-host-action";
import { BusyNote } from "./BusyNote";
import { Notice } from "./Notice";

export interface QuarterlySummaryViewProps {
  host: ReturnsHost;
  account: Account;
  defaultPeriod: string;
}

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    paddingBlock: tokens.spacingVerticalM,
  },
  actions: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center" },
});

export const QuarterlySummaryView: React.FC<QuarterlySummaryViewProps> = ({
  host,
  account,
  defaultPeriod,
}) => {
  const styles = useStyles();
  const action = useHostAction();
  const [period, setPeriod] = useState(defaultPeriod);
  const [tried, setTried] = useState(false);
  const [built, setBuilt] = useState<SummaryOutcome | null>(null);
  let periodProblem: string | null = null;
  try {
    parsePeriod(period.trim());
  } catch (err) {
    periodProblem = describeError(err);
  }
  const signedIn = account.mode === "emulator" || account.signedInAs !== null;

  const build = async (): Promise<void> => {
    setTried(true);
    setBuilt(null);
    if (periodProblem) return;
    const outcome = await action.run(
      "Building the summary sheet…",
      () => host.buildQuarterlySummary(period.trim()),
      "Check that the lists hold approved returns for this quarter, then choose Build again.",
    );
    if (outcome) setBuilt(outcome);
  };

  return (
    <form
      noValidate // our own messages say what is wrong, in words, instead of the browser's tooltip
      className={styles.form}
      aria-label="Quarterly summary"
      onSubmit={(e) => {
        e.preventDefault();
        void build();
      }}
    >
      <Text>
        Reads the approved figures synced to SharePoint for a quarter and writes a summary sheet: funding
        utilisation by area and CSP, and KPI trends, with charts.
      </Text>
      <Field
        label="Period"
        hint="e.g. 2022-23 Q2"
        required
        validationState={tried && periodProblem ? "error" : "none"}
        validationMessage={tried ? (periodProblem ?? undefined) : undefined}
      >
        <Input value={period} onChange={(_, d) => setPeriod(d.value)} />
      </Field>
      {!signedIn && <Text>Sign in first: the summary is built from the SharePoint lists.</Text>}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={!!action.busy || !signedIn}>
          Build summary sheet
        </Button>
        <BusyNote busy={action.busy} />
      </div>
      {action.error && <Notice intent="error">{action.error}</Notice>}
      {built && (
        <Notice intent="success" title="Summary built">
          The sheet “{built.sheet}” summarises {built.returns} {built.returns === 1 ? "return" : "returns"}{" "}
          with {built.charts} {built.charts === 1 ? "chart" : "charts"}.
        </Notice>
      )}
    </form>
  );
};
