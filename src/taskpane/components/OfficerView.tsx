/**
 * The commissioning officer's view: the verdict at the top (state, what blocks the next step, the next action), then
 * validate, the findings (go to the cell, override a query with a reason or withdraw an override), the KPI summary and
 * budget utilisation, approve / return / reopen, and sync approved figures to SharePoint. Binding steps ask first;
 * what is running shows beside the control that started it; after a step focus goes to the verdict (or, for a
 * query, to the queries' heading), never to the page itself.
 */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { ReturnCheck, ReturnsHost } from "../host";
import { useHostAction, type HostAction } from "../use-host-action";
import { useQueryOverrides, type CheckStep } from "../use-query-overrides";
import { officerVerdict } from "../verdict";
import { ApprovalSection } from "./ApprovalSection";
import { BudgetUtilisation } from "./BudgetUtilisation";
import { FindingsSection } from "./FindingsSection";
import { findingsHeadingId } from "./FindingsPanel";
import { KpiSummary } from "./KpiSummary";
import { Notice } from "./Notice";
import { PrimaryAction } from "./PrimaryAction";
import { ReturnHeader } from "./ReturnHeader";
import { Section } from "./Section";
import { SyncSection } from "./SyncSection";
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

/** Focuses an element by id once the view has re-rendered, falling back to the verdict. */
function focusById(id: string): void {
  setTimeout(() => {
    const el = document.getElementById(id);
    if (el) el.focus();
    else focusVerdict();
  }, 0);
}

/** The KPI summary and budget utilisation of a validated return, each only when it has something to show. */
const Figures: React.FC<{ check: ReturnCheck }> = ({ check }) => {
  const { ret, validation, template } = check;
  if (!validation) return null;
  return (
    <>
      {template && validation.figures.length > 0 && (
        <Section title="KPI summary">
          <KpiSummary figures={validation.figures} percentScale={template.percentScale} />
        </Section>
      )}
      {ret && validation.budget.length > 0 && (
        <Section title="Budget utilisation">
          <BudgetUtilisation budget={validation.budget} period={ret.period} />
        </Section>
      )}
    </>
  );
};

export const OfficerView: React.FC<OfficerViewProps> = ({ host, check, onCheck }) => {
  const styles = useStyles();
  // One action per place in the view, so each shows its progress beside its own buttons; one at a time overall.
  const validate = useHostAction();
  const query = useHostAction();
  const approval = useHostAction();
  const busy = !!(validate.busy || query.busy || approval.busy);
  const ret = check?.ret ?? null;
  const verdict = officerVerdict(check);

  const step =
    (action: HostAction, focus: () => void): CheckStep =>
    async (busyText, op, next) => {
      if (busy) return;
      await action.runAndUse(busyText, op, next, (c) => {
        onCheck(c);
        focus();
      });
    };
  const queries = useQueryOverrides(
    host,
    ret,
    step(query, () => focusById(findingsHeadingId("query"))),
  );

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
          onOverride={queries.override}
          onWithdraw={queries.withdraw}
          disabled={busy}
          busy={query.busy}
        />
      )}
      {query.error && <Notice intent="error">{query.error}</Notice>}
      {check && <Figures check={check} />}
      {check && (
        <ApprovalSection
          host={host}
          check={check}
          approval={approval}
          step={step(approval, focusVerdict)}
          disabled={busy}
        />
      )}
      {ret && <SyncSection host={host} ret={ret} onCheck={onCheck} />}
      {queries.dialog}
    </div>
  );
};
