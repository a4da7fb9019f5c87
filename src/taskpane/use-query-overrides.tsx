/**
 * An officer's decisions on a provider's query, each asked first: accept it with a reason (recorded as the officer's,
 * with name and time, never written into the provider's commentary), or withdraw that acceptance.
 */
import * as React from "react";
import type { Finding, Return } from "../core/types";
import { subjectLabel } from "./figures-text";
import type { ReturnCheck, ReturnsHost } from "./host";
import { useConfirm } from "./use-confirm";

/** Runs a step that yields a fresh check: `busyText` while it runs, `next` if it fails. */
export type CheckStep = (busyText: string, op: () => Promise<ReturnCheck>, next: string) => Promise<void>;

export interface QueryOverrides {
  override(finding: Finding, reason: string): void;
  withdraw(finding: Finding): void;
  /** Render this somewhere in the view. */
  readonly dialog: React.ReactNode;
}

export function useQueryOverrides(host: ReturnsHost, ret: Return | null, step: CheckStep): QueryOverrides {
  const confirm = useConfirm();
  const override = (f: Finding, reason: string): void =>
    confirm.ask({
      title: `Accept the query on ${subjectLabel(ret, f)}?`,
      body: (
        <p>
          It will count as explained, recorded as your decision with your name and the time, and this reason:
          “{reason}
          ”. The provider&apos;s commentary is not changed. You can withdraw it until the return is approved.
        </p>
      ),
      confirm: "Override",
      run: () =>
        void step(
          "Recording the override…",
          () => host.overrideQuery(f, reason),
          "Validate again, then retry the override.",
        ),
    });
  const withdraw = (f: Finding): void =>
    confirm.ask({
      title: `Withdraw the override of ${subjectLabel(ret, f)}?`,
      body: <p>The query will need an explanation or an override again before the return can be approved.</p>,
      confirm: "Withdraw",
      run: () =>
        void step("Withdrawing the override…", () => host.withdrawOverride(f), "Validate again, then retry."),
    });
  return { override, withdraw, dialog: confirm.dialog };
}
