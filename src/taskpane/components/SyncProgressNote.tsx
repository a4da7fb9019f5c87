/**
 * A sync's progress counted in items as they are written, with a bar, inside a live region so screen readers hear
 * the count; before the first write, that the lists are being read.
 */
import * as React from "react";
import { ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import { formatCount } from "../../core/format";

export interface SyncProgressNoteProps {
  /** Items written so far of the total; total 0 while the lists are still being read. Null when not syncing. */
  progress: { done: number; total: number } | null;
}

const useStyles = makeStyles({
  progress: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
});

export function itemsText(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "item" : "items"}`;
}

export const SyncProgressNote: React.FC<SyncProgressNoteProps> = ({ progress }) => {
  const styles = useStyles();
  const counted = progress !== null && progress.total > 0;
  const text = progress
    ? counted
      ? `${formatCount(progress.done)} of ${itemsText(progress.total)} written`
      : "Reading the lists before writing…"
    : null;
  return (
    <div className={styles.progress} aria-live="polite">
      {progress && (
        <>
          <Text>{text}</Text>
          <ProgressBar
            aria-label="Sync progress"
            value={counted ? progress.done / progress.total : undefined}
            max={1}
          />
        </>
      )}
    </div>
  );
};
