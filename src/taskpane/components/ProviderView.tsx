/**
 * The provider's view: which return this is, guidance for each KPI, "Check my return" with its findings,
 * commentary for queries, and submit.
 */
import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding, ReturnStatus } from "../../core/types";
import type { ReturnCheck, ReturnsHost } from "../host";
import { useConfirm } from "../use-confirm";
import { useHostAction } from "../use-host-action";
import { BusyNote } from "./BusyNote";
import { FindingsSection } from "./FindingsSection";
import { findingsHeadingId } from "./FindingsPanel";
import { KpiGuidance } from "./KpiGuidance";
import { Notice } from "./Notice";
import { PrimaryAction } from "./PrimaryAction";
import { ReturnHeader } from "./ReturnHeader";
import { Section } from "./Section";

export interface ProviderViewProps {
  host: ReturnsHost;
  check: ReturnCheck | null;
  onCheck(check: ReturnCheck): void;
}

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: "center",
  },
});

const CHECK_NEXT = "Make sure the return's sheet is open, then choose Check my return again.";

/** Why the provider cannot submit yet; null when they can. */
function submitBlocker(check: ReturnCheck | null): string | null {
  if (!check?.ret || !check.validation) return "Check your return first.";
  const sent: Partial<Record<ReturnStatus, string>> = {
    submitted: "This return has been submitted: the commissioning team is checking it.",
    validated: "This return has been submitted: the commissioning team is checking it.",
    approved: "This return has been approved.",
    synced: "This return has been approved and sent to finance.",
  };
  const already = sent[check.ret.status];
  if (already) return already;
  const { error, unexplained } = check.validation.counts;
  if (error > 0) return `Fix ${error === 1 ? "the error" : `the ${error} errors`} first, then check again.`;
  if (unexplained > 0)
    return `Explain ${unexplained === 1 ? "the query" : `the ${unexplained} queries`} first.`;
  return null;
}

export const ProviderView: React.FC<ProviderViewProps> = ({ host, check, onCheck }) => {
  const styles = useStyles();
  const action = useHostAction();
  const checking = useHostAction();
  const sending = useHostAction();
  const confirm = useConfirm();
  const ret = check?.ret ?? null;
  const blocker = submitBlocker(check);

  const runCheck = (): Promise<void> =>
    checking.runAndUse("Checking your return…", () => host.checkReturn(), CHECK_NEXT, onCheck);
  const explain = (f: Finding, commentary: string): Promise<void> =>
    action.runAndUse(
      "Saving your commentary…",
      () => host.saveCommentary([{ kpiId: f.kpiId, lineId: f.lineId, commentary }]),
      "Type the commentary into the Commentary cell instead, then check again.",
      (c) => {
        onCheck(c);
        // The answered query's form is gone: focus goes to the queries' heading, not to the page.
        setTimeout(() => document.getElementById(findingsHeadingId("query"))?.focus(), 0);
      },
    );
  const submit = (): void =>
    confirm.ask({
      title: "Submit your return?",
      body: (
        <p>
          It goes to the commissioning team to check. You cannot change it afterwards unless they send it back
          to you.
        </p>
      ),
      confirm: "Submit return",
      run: () =>
        void sending.runAndUse(
          "Submitting…",
          () => host.submit(),
          "Save the workbook, then choose Submit again.",
          onCheck,
        ),
    });

  return (
    <div className={styles.view}>
      {confirm.dialog}
      <ReturnHeader ret={ret} template={check?.template ?? null} />
      {ret?.status === "returned" && (ret.returnedReasons?.length ?? 0) > 0 && (
        <Notice intent="warning" title="Returned by the commissioning team">
          <ul>
            {ret.returnedReasons?.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Notice>
      )}
      <PrimaryAction
        label="Check my return"
        busy={checking.busy}
        error={checking.error}
        disabled={!!action.busy || !!sending.busy}
        onClick={() => void runCheck()}
      />
      {check && (
        <FindingsSection
          check={check}
          onGoTo={(loc) => void action.run("Going to the cell…", () => host.goTo(loc), CHECK_NEXT)}
          reader="provider"
          onExplain={(f, text) => void explain(f, text)}
          disabled={!!action.busy || !!sending.busy || !!checking.busy}
          busy={action.busy}
        />
      )}
      {action.error && <Notice intent="error">{action.error}</Notice>}
      {check?.template && (
        <Section title="Guidance">
          <KpiGuidance kpis={check.template.kpis} />
        </Section>
      )}
      {ret && (
        <Section title="Submit">
          {blocker && <Text>{blocker}</Text>}
          <div className={styles.actions}>
            <Button
              appearance="primary"
              onClick={submit}
              disabledFocusable={blocker !== null || !!action.busy || !!sending.busy}
            >
              Submit return
            </Button>
            <BusyNote busy={sending.busy} />
          </div>
          {sending.error && <Notice intent="error">{sending.error}</Notice>}
        </Section>
      )}
    </div>
  );
};
