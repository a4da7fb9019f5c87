/**
 * The commissioning officer's view: validate, work through findings (go to the cell, explain or override queries),
 * read the KPI summary and budget utilisation, approve or return, and sync approved figures to SharePoint.
 */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { effectiveStatus } from "../../core/lifecycle";
import type { Finding, ReturnStatus } from "../../core/types";
import type { ReturnCheck, ReturnsHost } from "../host";
import { useHostAction } from "../use-host-action";
import { ApprovalPanel } from "./ApprovalPanel";
import { BudgetUtilisation } from "./BudgetUtilisation";
import { FindingsSection } from "./FindingsSection";
import { KpiSummary } from "./KpiSummary";
import { PrimaryAction } from "./PrimaryAction";
import { ReturnHeader } from "./ReturnHeader";
import { Section } from "./Section";
import { SyncPanel } from "./SyncPanel";

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

export const OfficerView: React.FC<OfficerViewProps> = ({ host, check, onCheck }) => {
  const styles = useStyles();
  const action = useHostAction();
  const ret = check?.ret ?? null;
  const validation = check?.validation ?? null;

  const update = (busy: string, op: () => Promise<ReturnCheck>, next: string): Promise<void> =>
    action.runAndUse(busy, op, next, onCheck);
  const explain = (f: Finding, commentary: string): Promise<void> =>
    update(
      "Saving the commentary…",
      () => host.saveCommentary([{ kpiId: f.kpiId, lineId: f.lineId, commentary }]),
      "Type it into the Commentary cell instead, then validate again.",
    );
  const override = (f: Finding, reason: string): Promise<void> =>
    update(
      "Recording the override…",
      () => host.overrideQuery(f, reason),
      "Validate again, then retry the override.",
    );

  return (
    <div className={styles.view}>
      <ReturnHeader ret={ret} template={check?.template ?? null} />
      <PrimaryAction
        label="Validate"
        busy={action.busy}
        error={action.error}
        onClick={() => void update("Validating…", () => host.checkReturn(), VALIDATE_NEXT)}
      />
      {check && (
        <FindingsSection
          check={check}
          onGoTo={(loc) => void action.run("Going to the cell…", () => host.goTo(loc), VALIDATE_NEXT)}
          onExplain={explain}
          onOverride={override}
          disabled={!!action.busy}
        />
      )}
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
        <Section title="Approve or return">
          <ApprovalPanel
            ret={ret}
            validation={validation}
            findings={check?.findings}
            disabled={!!action.busy}
            onApprove={(comment) =>
              void update("Approving…", () => host.approve(comment), "Validate again, then approve.")
            }
            onReturn={(reasons) =>
              void update(
                "Returning to the provider…",
                () => host.returnToProvider(reasons),
                "Validate again, then return it.",
              )
            }
          />
        </Section>
      )}
      {ret && (
        <Section title="Sync to SharePoint">
          <SyncPanel
            blockedBecause={
              // A void approval (figures changed since) reads as validated, so its sync stays blocked.
              syncable.includes(effectiveStatus(ret))
                ? null
                : "Approve the return first: only approved figures are synced."
            }
            preview={() => host.previewSync()}
            sync={(progress) => host.syncReturn(progress)}
            onSynced={() => void update("Reading the return…", () => host.checkReturn(), VALIDATE_NEXT)}
          />
        </Section>
      )}
    </div>
  );
};
