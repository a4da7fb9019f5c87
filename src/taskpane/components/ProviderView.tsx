/**
 * The provider's view: which return this is, guidance for each KPI, "Check my return" with its findings,
 * commentary for queries, and submit.
 */
import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding, Return } from "../../core/types";
import type { ReturnCheck, ReturnsHost } from "../host";
import { useHostAction } from "../use-host-action";
import { FindingsSection } from "./FindingsSection";
import { findingsHeadingId } from "./FindingsPanel";
import { KpiGuidance } from "./KpiGuidance";
import { Notice } from "./Notice";
import { PrimaryAction } from "./PrimaryAction";
import { ReturnHeader } from "./ReturnHeader";
import { Section } from "./Section";
import { SubmitSection } from "./SubmitSection";

export interface ProviderViewProps {
  host: ReturnsHost;
  check: ReturnCheck | null;
  onCheck(check: ReturnCheck): void;
}

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

/** What the view says while no return is open (none read yet, or the workbook is not one). */
const NO_RETURN = "Open the return workbook the commissioning team sent you, then choose Check my return.";

const CHECK_NEXT = "Make sure the return's sheet is open, then choose Check my return again.";

/** What the commissioning team asked for when they sent the return back. */
const ReturnedReasons: React.FC<{ ret: Return | null }> = ({ ret }) =>
  ret?.status === "returned" && (ret.returnedReasons?.length ?? 0) > 0 ? (
    <Notice intent="warning" title="Returned by the commissioning team">
      <ul>
        {ret.returnedReasons?.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </Notice>
  ) : null;

export const ProviderView: React.FC<ProviderViewProps> = ({ host, check, onCheck }) => {
  const styles = useStyles();
  const action = useHostAction();
  const checking = useHostAction();
  const sending = useHostAction();
  const ret = check?.ret ?? null;

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

  return (
    <div className={styles.view}>
      <ReturnHeader ret={ret} template={check?.template ?? null} />
      {!ret && <Text as="p">{NO_RETURN}</Text>}
      <ReturnedReasons ret={ret} />
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
        <SubmitSection
          check={check}
          sending={sending}
          disabled={!!action.busy}
          submit={() => host.submit()}
          onCheck={onCheck}
        />
      )}
    </div>
  );
};
