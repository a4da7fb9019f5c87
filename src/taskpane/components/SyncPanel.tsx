/**
 * Sync the approved return to the SharePoint lists: first a preview (new, changed, unchanged, conflicting items),
 * then the sync with a progress bar, then the result with links to the lists.
 */
import * as React from "react";
import { useState } from "react";
import { Button, Field, Link, ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import { formatCount } from "../../core/format";
import type { SyncOutcome, SyncPreview, SyncProgress } from "../host";
import { useHostAction } from "../use-host-action";
import { Notice } from "./Notice";
import { SyncCountsTable } from "./SyncCountsTable";

export interface SyncPanelProps {
  /** Null when sync is possible; otherwise why not ("Approve the return first"). */
  blockedBecause: string | null;
  preview(): Promise<SyncPreview>;
  sync(onProgress: SyncProgress): Promise<SyncOutcome>;
  /** Told after a sync, so the pane can re-read the return's status. */
  onSynced?(outcome: SyncOutcome): void;
}

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  actions: { display: "flex", columnGap: tokens.spacingHorizontalS },
  links: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
});

export const SyncPanel: React.FC<SyncPanelProps> = ({ blockedBecause, preview, sync, onSynced }) => {
  const styles = useStyles();
  const action = useHostAction();
  const [plan, setPlan] = useState<SyncPreview | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<SyncOutcome | null>(null);
  const blocked = blockedBecause ?? plan?.refused ?? null;

  const runPreview = async (): Promise<void> => {
    setOutcome(null);
    const p = await action.run(
      "Reading the lists…",
      preview,
      "Check your connection, then choose Preview again.",
    );
    if (p) setPlan(p);
  };
  const runSync = async (): Promise<void> => {
    setProgress({ done: 0, total: 0 });
    const result = await action.run(
      "Syncing…",
      () => sync((done, total) => setProgress({ done, total })),
      "Nothing is lost: choose Sync again to finish the job.",
    );
    setProgress(null);
    if (result) {
      setOutcome(result);
      setPlan(null);
      onSynced?.(result);
    }
  };

  return (
    <section className={styles.panel} aria-label="Sync to SharePoint">
      {blockedBecause && <Text role="status">{blockedBecause}</Text>}
      <div className={styles.actions}>
        <Button onClick={runPreview} disabled={!!blockedBecause || !!action.busy}>
          Preview sync
        </Button>
        <Button appearance="primary" onClick={runSync} disabled={!plan || !!blocked || !!action.busy}>
          Sync now
        </Button>
      </div>
      {plan && !outcome && (
        <>
          <SyncCountsTable counts={plan.counts} caption="What sync would write" />
          {plan.refused && <Notice intent="warning">{plan.refused}</Notice>}
        </>
      )}
      {progress && (
        <Field
          label="Sync progress"
          validationState="none"
          validationMessage={
            progress.total > 0
              ? `${formatCount(progress.done)} of ${formatCount(progress.total)} items written`
              : "Starting…"
          }
        >
          <ProgressBar value={progress.total > 0 ? progress.done / progress.total : undefined} max={1} />
        </Field>
      )}
      {action.error && <Notice intent="error">{action.error}</Notice>}
      {outcome && (
        <Notice intent={outcome.counts.conflict > 0 ? "warning" : "success"} title="Sync finished">
          <SyncCountsTable counts={outcome.counts} caption="What sync wrote" />
          {outcome.conflicts.length > 0 && (
            <ul>
              {outcome.conflicts.map((c) => (
                <li key={c.key}>
                  {c.key}: {c.reason}
                </li>
              ))}
            </ul>
          )}
          <div className={styles.links}>
            {outcome.lists.map((l) => (
              <Link key={l.url} href={l.url} target="_blank" rel="noopener noreferrer">
                Open the {l.label} list
              </Link>
            ))}
          </div>
        </Notice>
      )}
    </section>
  );
};
