/**
 * Live checking in the pane: while a return is open, the host re-checks it as its tables are edited (debounced, and
 * re-reading only the touched rows where it can) and each new check replaces the one shown. Stops on unmount.
 */
import { useEffect, useRef, useState } from "react";
import type { ReturnCheck, ReturnsHost } from "./host";
import { failureText } from "./failure-words";

const LIVE_NEXT = "Your edits are not being checked as you type: choose Validate to check the return.";

/** Watches the open return while `open`; returns a plain message when live checking failed, else null. */
export function useLiveCheck(
  host: ReturnsHost,
  open: boolean,
  onCheck: (check: ReturnCheck) => void,
): string | null {
  const [problem, setProblem] = useState<string | null>(null);
  // The newest callback, without re-subscribing to Excel's events every render.
  const deliver = useRef(onCheck);
  deliver.current = onCheck;

  useEffect(() => {
    if (!open) return undefined;
    let stop: (() => void) | null = null;
    let closed = false;
    host
      .watchReturn(
        (check) => {
          setProblem(null);
          deliver.current(check);
        },
        (err) => setProblem(failureText(err, LIVE_NEXT)),
      )
      .then(
        (s) => {
          if (closed) s();
          else stop = s;
        },
        (err: unknown) => {
          if (!closed) setProblem(failureText(err, LIVE_NEXT));
        },
      );
    return () => {
      closed = true;
      stop?.();
    };
  }, [host, open]);

  return problem;
}
