/** Build the "Quarterly summary" sheet, with charts, from the SharePoint lists' items for a quarter. */
import * as React from "react";
import { useState } from "react";
import { Text } from "@fluentui/react-components";
import type { Account, ReturnsHost, SummaryOutcome } from "../host";
import { useHostAction } from "../use-host-action";
import { Notice } from "./Notice";
import { PeriodField, PeriodForm, periodProblem } from "./PeriodForm";
import { PrimaryAction } from "./PrimaryAction";

export interface QuarterlySummaryViewProps {
  host: ReturnsHost;
  account: Account;
  defaultPeriod: string;
}

export const QuarterlySummaryView: React.FC<QuarterlySummaryViewProps> = ({
  host,
  account,
  defaultPeriod,
}) => {
  const action = useHostAction();
  const [period, setPeriod] = useState(defaultPeriod);
  const [tried, setTried] = useState(false);
  const [built, setBuilt] = useState<SummaryOutcome | null>(null);
  const signedIn = account.mode === "emulator" || account.signedInAs !== null;

  const build = async (): Promise<void> => {
    setTried(true);
    setBuilt(null);
    if (periodProblem(period)) return;
    await action.runAndUse(
      "Building the summary sheet…",
      () => host.buildQuarterlySummary(period.trim()),
      "Check that the lists hold approved returns for this quarter, then choose Build again.",
      setBuilt,
    );
  };

  return (
    <PeriodForm label="Quarterly summary" onSubmit={() => void build()}>
      <Text>
        Reads the approved figures synced to SharePoint for a quarter and writes a summary sheet: funding
        utilisation by area and CSP, and KPI trends, with charts.
      </Text>
      <PeriodField value={period} onChange={setPeriod} hint="e.g. 2022-23 Q2" tried={tried} />
      {!signedIn && <Text>Sign in first: the summary is built from the SharePoint lists.</Text>}
      <PrimaryAction
        label="Build summary sheet"
        type="submit"
        busy={action.busy}
        error={action.error}
        disabled={!signedIn}
      />
      {built && (
        <Notice intent="success" title="Summary built">
          The sheet “{built.sheet}” summarises {built.returns} {built.returns === 1 ? "return" : "returns"}{" "}
          with {built.charts} {built.charts === 1 ? "chart" : "charts"}.
        </Notice>
      )}
    </PeriodForm>
  );
};
