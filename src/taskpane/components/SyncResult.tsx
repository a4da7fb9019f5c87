/**
 * What a sync wrote (and what it left alone because someone edited the list), with links to the lists; focusable, so
 * the view can move focus to it when it arrives.
 */
import * as React from "react";
import { Link, makeStyles, tokens } from "@fluentui/react-components";
import type { SyncOutcome } from "../host";
import { Details } from "./Details";
import { Notice } from "./Notice";
import { SyncCountsTable } from "./SyncCountsTable";

export interface SyncResultProps {
  outcome: SyncOutcome;
}

const useStyles = makeStyles({
  links: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  result: { ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
});

/**
 * What a conflicting item is about, from its list key (provider|template|period|KPI or line): the last part, the KPI
 * or budget line. The whole key, the list's own, stays behind "Details".
 */
export function conflictSubject(key: string): string {
  return key.split("|").pop()?.trim() || key;
}

export const SyncResult = React.forwardRef<HTMLDivElement, SyncResultProps>(({ outcome }, ref) => {
  const styles = useStyles();
  return (
    <div ref={ref} tabIndex={-1} className={styles.result}>
      <Notice intent={outcome.counts.conflict > 0 ? "warning" : "success"} title="Sync finished">
        <SyncCountsTable counts={outcome.counts} caption="What sync wrote" />
        {outcome.conflicts.length > 0 && (
          <ul>
            {outcome.conflicts.map((c) => (
              <li key={c.key}>
                {conflictSubject(c.key)}: {c.reason}
                <Details>
                  <p>List key: {c.key}</p>
                </Details>
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
    </div>
  );
});
SyncResult.displayName = "SyncResult";
