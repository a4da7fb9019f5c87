/**
 * Runs one host operation for a view: tracks what is in progress and turns any failure into a plain message that
 * says what to do next (the task pane's one place for that, see src/core/errors.ts). A UserError already says it, in
 * the reader's words (failure-words.ts rewords those written for an installer or in Graph's terms); anything else is
 * shown as a generic sentence with the caller's next step, its raw text kept for the console.
 */
import { useCallback, useRef, useState } from "react";
import { failureText } from "./failure-words";

export interface HostAction {
  /** What is running, in words ("Checking the return…"), or null. */
  readonly busy: string | null;
  readonly error: string | null;
  run<T>(busyText: string, operation: () => Promise<T>, nextStep: string): Promise<T | undefined>;
  /** Runs the operation and hands its result to `use`; a failure is shown as `error` instead. */
  runAndUse<T>(
    busyText: string,
    operation: () => Promise<T>,
    nextStep: string,
    use: (result: T) => void,
  ): Promise<void>;
}

export function useHostAction(): HostAction {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const run = useCallback(
    async <T>(busyText: string, operation: () => Promise<T>, nextStep: string): Promise<T | undefined> => {
      if (running.current) return undefined; // one operation at a time: a double click must not approve twice
      running.current = true;
      setBusy(busyText);
      setError(null);
      try {
        return await operation();
      } catch (err) {
        setError(failureText(err, nextStep));
        return undefined;
      } finally {
        running.current = false;
        setBusy(null);
      }
    },
    [],
  );
  const runAndUse = useCallback(
    async <T>(busyText: string, operation: () => Promise<T>, nextStep: string, use: (result: T) => void) => {
      const result = await run(busyText, operation, nextStep);
      if (result !== undefined) use(result);
    },
    [run],
  );
  return { busy, error, run, runAndUse };
}
