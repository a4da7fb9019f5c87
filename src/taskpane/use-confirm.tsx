/**
 * Asking before a binding step: `ask()` opens the confirmation dialog (its code loads on first use, keeping it out of
 * the pane's first script). Cancelling puts focus back on the control that asked; confirming puts it there too (the
 * control stays focusable while busy) and then runs the step, so focus never falls to the page itself.
 */
import * as React from "react";
import { Suspense, lazy, useCallback, useState } from "react";
import { useKeepFocusManager } from "./focus-manager";

const ConfirmDialog = lazy(() => import(/* webpackChunkName: "confirm" */ "./components/ConfirmDialog"));

export interface ConfirmRequest {
  readonly title: string;
  /** What will happen, in words. */
  readonly body: React.ReactNode;
  /** The confirming button's label, e.g. "Approve". */
  readonly confirm: string;
  run(): void;
}

export interface Confirm {
  ask(request: ConfirmRequest): void;
  /** Render this somewhere in the view. */
  readonly dialog: React.ReactNode;
}

/** Puts focus back on an element once the dialog has gone, if the element is still in the page. */
function refocus(el: HTMLElement | null): void {
  setTimeout(() => {
    if (el?.isConnected) el.focus();
  }, 0);
}

export function useConfirm(): Confirm {
  const [open, setOpen] = useState<{ request: ConfirmRequest; from: HTMLElement | null } | null>(null);
  const keep = useKeepFocusManager();
  const ask = useCallback(
    (request: ConfirmRequest) => {
      const from = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      keep();
      setOpen({ request, from });
    },
    [keep],
  );
  const dialog = open ? (
    <Suspense fallback={null}>
      <ConfirmDialog
        title={open.request.title}
        confirm={open.request.confirm}
        onCancel={() => {
          setOpen(null);
          refocus(open.from);
        }}
        onConfirm={() => {
          setOpen(null);
          refocus(open.from);
          open.request.run();
        }}
      >
        {open.request.body}
      </ConfirmDialog>
    </Suspense>
  ) : null;
  return { ask, dialog };
}
