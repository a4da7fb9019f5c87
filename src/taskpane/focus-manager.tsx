/**
 * Fluent's focus manager (tabster) for the pane's dialogs, held for the page's life from the first confirmation on.
 * Fluent disposes tabster when the last component using it unmounts, and a confirmation dialog is the pane's only
 * user: disposing it as the dialog closes cancels tabster's pending update that un-hides the rest of the pane, which
 * then stays aria-hidden to screen readers. Tabster is not on the pane's first screen, so what holds it loads with the
 * dialog (the same chunk), when a view first asks.
 */
import * as React from "react";
import { Suspense, createContext, lazy, useCallback, useContext, useState } from "react";

const Hold = lazy(() => import(/* webpackChunkName: "confirm" */ "./components/FocusManagerHold"));

const Keep = createContext<() => void>(() => undefined);

/** The pane's frame: from the first call of `useKeepFocusManager()`'s function on, it holds the focus manager. */
export const FocusManagerKeeper: React.FC<{ children: React.ReactNode }> = ({ children }) => {
  const [held, setHeld] = useState(false);
  const keep = useCallback(() => setHeld(true), []);
  return (
    <Keep.Provider value={keep}>
      {children}
      {held && (
        <Suspense fallback={null}>
          <Hold />
        </Suspense>
      )}
    </Keep.Provider>
  );
};

/** What a view calls before it opens a dialog (outside the frame, e.g. a view alone in a test, it does nothing). */
export const useKeepFocusManager = (): (() => void) => useContext(Keep);
