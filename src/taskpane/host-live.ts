/**
 * Live checking in the task pane: while the return is open, edits inside its tables re-check it once they pause,
 * re-reading only the touched rows where the edit is local. The register's entry is the one last read (a Validate
 * reads it afresh), so typing costs no Graph request.
 */
import { LiveCheck } from "../workbook";
import type { ReturnCheck, ReturnsHost } from "./host";
import type { Checker } from "./host-check";
import type { OpenWorkbook } from "./host-workbook";

/** How long edits must pause before live checking re-checks (typing across a row makes one check). */
export const LIVE_CHECK_DELAY_MS = 600;

export function createWatch(
  book: OpenWorkbook,
  checker: Checker,
  delayMs: number = LIVE_CHECK_DELAY_MS,
): ReturnsHost["watchReturn"] {
  return async (onCheck: (check: ReturnCheck) => void, onError: (err: unknown) => void) => {
    const { watchEdits, readRows } = book.port;
    if (!watchEdits || !readRows) return () => undefined; // e.g. an .xlsx file: nothing is edited under us
    let stopped = false;
    let basis = 0; // the full read this check builds on
    const halt = () => new Error("Live checking has stopped.");
    const live = new LiveCheck({
      delayMs,
      readSnapshot: () => {
        if (stopped) throw halt();
        basis = book.reads() + 1;
        return book.readAll();
      },
      readRows: (table, rows) => {
        if (stopped) throw halt();
        basis = book.reads();
        return readRows(table, rows);
      },
      onSnapshot: async (snapshot, edits) => {
        // A full read since (Validate, an approval…) has seen these edits too, and its check is the one shown.
        if (stopped || basis !== book.reads()) return;
        // A co-author's edits are checked and shown here, but highlighted by their own pane: two panes writing
        // highlights over each other's typing would fight.
        const { check } = await checker.evaluate(snapshot, edits.local ? "live" : "never", "cached");
        if (!stopped) onCheck(check);
      },
      onError: (err) => {
        if (!stopped) onError(err);
      },
    });
    live.start(book.latest());
    book.watchers.add(live);
    const unwatch = await watchEdits((edit) => live.notify(edit));
    return () => {
      stopped = true;
      book.watchers.delete(live);
      // The pane is closing or moving on; a failure to unregister leaves a handler whose checks are ignored.
      unwatch().catch(() => undefined);
    };
  };
}
