/** What the pane is doing right now, shown beside a spinner and read out by screen readers. */
import * as React from "react";
import { Spinner } from "@fluentui/react-components";

export interface BusyNoteProps {
  busy: string | null;
}

export const BusyNote: React.FC<BusyNoteProps> = ({ busy }) => (
  <div aria-live="polite">{busy && <Spinner size="tiny" labelPosition="after" label={busy} />}</div>
);
