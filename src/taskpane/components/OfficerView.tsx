/**
 * The commissioning officer's view: the verdict at the top (state, what blocks the next step, the next action), then
 * validate, the findings (go to the cell, override a query with a reason or withdraw an override), the KPI summary and
 * budget utilisation, approve / return / reopen, and sync approved figures to SharePoint. Binding steps ask first;
 * what is running shows beside the control that started it; after a step focus goes to the verdict (or, for a
 * query, to the queries' heading), never to the page itself.
 */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { effectiveStatus } from "../../core/lifecycle";
import type { Finding, ReturnStatus } from "../../core/types";
import { subjectOf } from "../figures-text";
import type { ReturnCheck, ReturnsHost } from "../host";
import { useConfirm } from "../use-confirm";
import { useHostAction } from "../use-host-action";
import { officerVerdict } from "../verdict";
import { ApprovalPanel } from "./ApprovalPanel";
import { BudgetUtilisation } from "./BudgetUtilisation";
import { FindingsSection } from "./FindingsSection";
import { findingsHeadingId } from "./FindingsPanel";
import { KpiSummary } from "./KpiSummary";
import { Notice } from "./Notice";
import { PrimaryAction } from "./PrimaryAction";
import { ReturnHeader } from "./ReturnHeader";
import { Section } from "./Section";
import { SyncPanel } from "./SyncPanel";
import { Verdict, focusVerdict } from "./Verdict";

export interface OfficerViewProps {
  host: ReturnsHost;
  check: ReturnCheck | null;
  onCheck(check: ReturnCheck): void;
}

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

const VALIDATE_NEXT = "Make sure the return's sheet is open, then choose Validate again.";
const syncable: readonly ReturnStatus[] = ["approved", "synced"];

/** Focuses an element by id once the view has re-rendered, falling back to the verdict. */
function focusById(id: string): void {
  setTimeout(() => {
    const el = document.getElementById(id);
    if (el) el.focus();
    else focusVerdict();
  }, 0);
}

export const OfficerView: React.FC<OfficerViewProps> = ({ host, check, onCheck }) => {
  const styles = useStyles();
  // One action per place in the view, so each shows its progress beside its own buttons; one at a time overall.
  const validate = useHostAction();
  const query = useHostAction();
  const approval = useHostAction();
  const confirm = useConfirm();
  const busy = !!(validate.busy || query.busy || approval.busy);
  const ret = check?.ret ?? null;
  const validation = check?.validation ?? null;
  const verdict = officerVerdict(check);

  const step =
    (action: typeof approval, focus: () => void) =>
    async (busyText: string, op: () => Promise<ReturnCheck>, next: string): Promise<void> => {
      if (busy) return;
      await action.runAndUse(busyText, op, next, (c) => {
        onCheck(c);
        focus();
      });
    };
  const onQuery = step(query, () => focusById(findingsHeadingId("query")));
  const onApproval = step(approval, focusVerdict);

  const override = (f: Finding, reason: string): void =>
    confirm.ask({
      title: `Accept the query on ${subjectOf(ret, f)}?`,
      body: (
        <p>
          It will count as explained, recorded as your decision with your name and the time, and this reason:
          “{reason}
          ”. The provider&apos;s commentary is not changed. You can withdraw it until the return is approved.
        </p>
      ),
      confirm: "Override",
      run: () =>
        void onQuery(
          "Recording the override…",
          () => host.overrideQuery(f, reason),
          "Validate again, then retry the override.",
        ),
    });
  const withdraw = (f: Finding): void =>
    confirm.ask({
      title: `Withdraw the override of ${subjectOf(ret, f)}?`,
      body: <p>The query will need an explanation or an override again before the return can be approved.</p>,
      confirm: "Withdraw",
      run: () =>
        void onQuery(
          "Withdrawing the override…",
          () => host.withdrawOverride(f),
          "Validate again, then retry.",
        ),
    });

  return (
    <div className={styles.view}>
      <ReturnHeader ret={ret} template={check?.template ?? null} />
      {verdict && <Verdict verdict={verdict} />}
      <PrimaryAction
        label="Validate"
        busy={validate.busy}
        error={validate.error}
        disabled={busy && !validate.busy}
        onClick={() =>
          void (busy
            ? undefined
            : validate.runAndUse("Validating…", () => host.checkReturn(), VALIDATE_NEXT, onCheck))
        }
      />
      {check && (
        <FindingsSection
          check={check}
          reader="officer"
          onGoTo={(loc) => void query.run("Going to the cell…", () => host.goTo(loc), VALIDATE_NEXT)}
          onOverride={override}
          onWithdraw={withdraw}
          disabled={busy}
          busy={query.busy}
        />
      )}
      {query.error && <Notice intent="error">{query.error}</Notice>}
      {validation && check?.template && validation.figures.length > 0 && (
        <Section title="KPI summary">
          <KpiSummary figures={validation.figures} percentScale={check.template.percentScale} />
        </Section>
      )}
      {validation && ret && validation.budget.length > 0 && (
        <Section title="Budget utilisation">
          <BudgetUtilisation budget={validation.budget} period={ret.period} />
        </Section>
      )}
      {validation && ret && (
        <Section title={ret.status === "returned" ? "Sent back" : "Approve or return"}>
          <ApprovalPanel
            ret={ret}
            validation={validation}
            findings={check?.findings}
            disabled={busy}
            busy={approval.busy}
            onApprove={(comment) =>
              void onApproval("Approving…", () => host.approve(comment), "Validate again, then approve.")
            }
            onReturn={(reasons) =>
              void onApproval(
                "Returning to the provider…",
                () => host.returnToProvider(reasons),
                "Validate again, then return it.",
              )
            }
            onReopen={() =>
              void onApproval("Reopening…", () => host.reopen(), "Validate again, then reopen it.")
            }
          />
          {approval.error && <Notice intent="error">{approval.error}</Notice>}
        </Section>
      )}
      {ret && (
        <Section title="Sync to SharePoint">
          <SyncPanel
            what={`${ret.provider}'s ${ret.period} return`}
            blockedBecause={
              // A void approval (figures changed since) reads as validated, so its sync stays blocked.
              syncable.includes(effectiveStatus(ret))
                ? null
                : "Approve the return first: only approved figures are synced."
            }
            preview={() => host.previewSync()}
            sync={(progress) => host.syncReturn(progress)}
            onSynced={() => void host.checkReturn().then(onCheck, () => undefined)}
          />
        </Section>
      )}
      {confirm.dialog}
    </div>
  );
};
