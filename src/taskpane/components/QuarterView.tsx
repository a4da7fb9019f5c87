/**
 * The Quarter view, for officers: the Return Register's returns for a period, one compact card each, with the one
 * open in this workbook marked, and a "needs me" filter (returns received and waiting for an officer's check, approved
 * ones not yet synced, and overdue ones to chase). Read with the officer's own sign-in; loaded only when its tab is
 * opened. Rows come from core's quarterRows, the same as `kpi-returns status`.
 */
import * as React from "react";
import { useEffect, useState } from "react";
import { Subtitle2, Text, makeStyles, tokens, useId } from "@fluentui/react-components";
import { quarterSummary } from "../../core/quarter";
import type { Account, ReturnsHost } from "../host";
import type { QuarterReturns } from "../host-quarter";
import { useHostAction } from "../use-host-action";
import { Notice } from "./Notice";
import { PeriodField, PeriodForm, periodProblem } from "./PeriodForm";
import { PrimaryAction } from "./PrimaryAction";
import { QuarterCard } from "./QuarterCard";
import { StackedList } from "./StackedList";

export interface QuarterViewProps {
  host: ReturnsHost;
  account: Account;
  defaultPeriod: string;
  /**
   * The register key (provider|template|period) of the return open in this workbook, if any: its card is marked.
   * Worked out by the pane's frame, which has the register's code already, so this view's chunk does not reach into
   * it (a module shared with a chunk loaded later is kept apart in the first script, and the first script grows).
   */
  openKey: string | null;
}

const useStyles = makeStyles({
  heading: { margin: 0, paddingBlockStart: tokens.spacingVerticalM },
  item: { minWidth: 0 },
  filter: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, cursor: "pointer" },
  box: { margin: 0, inlineSize: "20px", blockSize: "20px", accentColor: tokens.colorBrandBackground },
  results: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

/** What the filter leaves, and the plain sentence for an empty list. */
function shownRows(quarter: QuarterReturns, needsMe: boolean) {
  const rows = needsMe ? quarter.rows.filter((r) => r.needsOfficer) : quarter.rows;
  const empty =
    quarter.rows.length === 0
      ? `No returns have been issued for ${quarter.period} yet, so there is nothing to show.`
      : `Nothing needs you for ${quarter.period}: every return is with its provider in good time, or done.`;
  return { rows, empty: rows.length === 0 ? empty : null };
}

const QuarterResults: React.FC<{ quarter: QuarterReturns; openKey: string | null }> = ({
  quarter,
  openKey,
}) => {
  const styles = useStyles();
  const [needsMe, setNeedsMe] = useState(false);
  const waiting = quarter.rows.filter((r) => r.needsOfficer).length;
  const { rows, empty } = shownRows(quarter, needsMe);
  return (
    <div className={styles.results}>
      <Text role="status">{quarterSummary(quarter.rows)}</Text>
      {quarter.rows.length > 0 && (
        // A native switch: its Fluent counterpart would be the only one in the pane and weigh on the first script.
        <label className={styles.filter}>
          <input
            type="checkbox"
            role="switch"
            className={styles.box}
            checked={needsMe}
            onChange={(e) => setNeedsMe(e.target.checked)}
          />
          <Text>Only those that need me ({waiting})</Text>
        </label>
      )}
      {empty ? (
        <Notice intent="info">{empty}</Notice>
      ) : (
        <StackedList label={`Returns for ${quarter.period}`}>
          {rows.map((r) => (
            <li key={r.returnKey} className={styles.item}>
              <QuarterCard row={r} open={r.returnKey === openKey} />
            </li>
          ))}
        </StackedList>
      )}
    </div>
  );
};

export const QuarterView: React.FC<QuarterViewProps> = ({ host, account, defaultPeriod, openKey }) => {
  const styles = useStyles();
  const load = useHostAction();
  const [period, setPeriod] = useState(defaultPeriod);
  const [tried, setTried] = useState(false);
  const [quarter, setQuarter] = useState<QuarterReturns | null>(null);
  const signedIn = account.mode === "emulator" || account.signedInAs !== null;
  const read = host.quarterReturns?.bind(host);

  const show = async (which: string): Promise<void> => {
    setTried(true);
    if (!read || periodProblem(which)) return;
    await load.runAndUse(
      "Reading the Return Register…",
      () => read(which.trim()),
      "Choose Show returns to try again.",
      setQuarter,
    );
  };

  useEffect(() => {
    // The quarter the pane is in, as soon as the officer can read the register.
    if (signedIn) void show(defaultPeriod);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on opening, and again once signed in
  }, [signedIn]);

  const headingId = useId("quarter");
  return (
    <section aria-labelledby={headingId}>
      <Subtitle2 as="h2" id={headingId} className={styles.heading}>
        The quarter&apos;s returns
      </Subtitle2>
      <PeriodForm label="Which quarter" onSubmit={() => void show(period)}>
        <PeriodField value={period} onChange={setPeriod} hint="e.g. 2022-23 Q2" tried={tried} />
        {!read && <Text>This pane has no Return Register to read.</Text>}
        {read && !signedIn && (
          <Text>
            Sign in first (at the top of the pane): the Return Register is read with your own account.
          </Text>
        )}
        <PrimaryAction
          label="Show returns"
          type="submit"
          busy={load.busy}
          error={load.error}
          disabled={!read || !signedIn}
        />
      </PeriodForm>
      {quarter && !load.busy && <QuarterResults quarter={quarter} openKey={openKey} />}
    </section>
  );
};

export default QuarterView;
