/**
 * Sync the approved return to the SharePoint lists: first a preview (new, changed, unchanged, conflicting items),
 * then, once confirmed, the sync with its progress counted in items beside the buttons (and read out), then the result
 * with links to the lists. Focus moves to the result when it arrives.
 */
import * as React from "react";
import { useRef, useState } from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { SyncOutcome, SyncPreview, SyncProgress } from "../host";
import { useConfirm } from "../use-confirm";
import { useHostAction } from "../use-host-action";
import { BusyNote } from "./BusyNote";
import { Notice } from "./Notice";
import { SyncCountsTable } from "./SyncCountsTable";
import { SyncProgressNote, itemsText } from "./SyncProgressNote";
import { SyncResult } from "./SyncResult";

export interface SyncPanelProps {
  /** Null when sync is possible; otherwise why not ("Approve the return first"). */
  blockedBecause: string | null;
  /** Names the return in the confirmation ("Victim Advice Line's 2022-23 Q2 return"). */
  what: string;
  preview(): Promise<SyncPreview>;
  sync(onProgress: SyncProgress): Promise<SyncOutcome>;
  /** Told after a sync, so the pane can re-read the return's status. */
  onSynced?(outcome: SyncOutcome): void;
}

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
});

/** What a sync would do, as a sentence for the confirmation. */
function planText(plan: SyncPreview): string {
  const { create, update, unchanged, conflict } = plan.counts;
  const parts = [
    create > 0 ? `add ${itemsText(create)}` : "",
    update > 0 ? `update ${itemsText(update)}` : "",
  ].filter(Boolean);
  const writes = parts.length > 0 ? `It will ${parts.join(" and ")}` : "It will write nothing new";
  const rest = [
    unchanged > 0 ? `leave ${itemsText(unchanged)} unchanged` : "",
    conflict > 0 ? `leave alone ${itemsText(conflict)} that someone edited in the list` : "",
  ].filter(Boolean);
  return `${writes}${rest.length > 0 ? `, and ${rest.join(" and ")}` : ""}.`;
}

/** The preview in a sentence above its counts; an empty one says so rather than showing a table of noughts alone. */
export function previewText(plan: SyncPreview): string {
  const { create, update, unchanged, conflict } = plan.counts;
  if (create + update + unchanged + conflict === 0) return "This return has no figures to sync.";
  if (create + update === 0) return "Nothing new to write: the lists already hold these figures.";
  return `Sync would write ${itemsText(create + update)}.`;
}

export const SyncPanel: React.FC<SyncPanelProps> = ({ blockedBecause, what, preview, sync, onSynced }) => {
  const styles = useStyles();
  const action = useHostAction();
  const confirm = useConfirm();
  const [plan, setPlan] = useState<SyncPreview | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<SyncOutcome | null>(null);
  const result = useRef<HTMLDivElement>(null);
  const blocked = blockedBecause ?? plan?.refused ?? null;

  const runPreview = async (): Promise<void> => {
    setOutcome(null);
    const p = await action.run(
      "Reading the lists…",
      preview,
      "Check your connection, then choose Preview sync again.",
    );
    if (p) setPlan(p);
  };
  const runSync = async (): Promise<void> => {
    setProgress({ done: 0, total: 0 });
    const done = await action.run(
      "Syncing…",
      () => sync((n, total) => setProgress({ done: n, total })),
      "Nothing is lost: choose Sync now again to finish the job.",
    );
    setProgress(null);
    if (done) {
      setOutcome(done);
      setPlan(null);
      onSynced?.(done);
      setTimeout(() => result.current?.focus(), 0);
    }
  };
  const askSync = () => {
    if (!plan) return;
    confirm.ask({
      title: `Sync ${what} to SharePoint?`,
      body: <p>{planText(plan)} Finance reads these lists for the quarterly report.</p>,
      confirm: "Sync now",
      run: () => void runSync(),
    });
  };

  return (
    <div className={styles.panel}>
      {blockedBecause && <Text>{blockedBecause}</Text>}
      <div className={styles.actions}>
        <Button onClick={() => void runPreview()} disabledFocusable={!!blockedBecause || !!action.busy}>
          Preview sync
        </Button>
        <Button
          appearance="primary"
          onClick={askSync}
          disabledFocusable={!plan || !!blocked || !!action.busy}
        >
          Sync now
        </Button>
        {/* While syncing, the count below says more than a spinner would. */}
        <BusyNote busy={progress ? null : action.busy} />
      </div>
      <SyncProgressNote progress={progress} />
      {plan && !outcome && (
        <>
          <Text>{previewText(plan)}</Text>
          <SyncCountsTable counts={plan.counts} caption="What sync would write" />
          {plan.refused && <Notice intent="warning">{plan.refused}</Notice>}
        </>
      )}
      {action.error && <Notice intent="error">{action.error}</Notice>}
      {outcome && <SyncResult ref={result} outcome={outcome} />}
      {confirm.dialog}
    </div>
  );
};
