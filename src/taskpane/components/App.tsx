/**
 * The task pane: a tab for each job (provider's check, officer's review, new return, the quarter), themed to
 * match Office (light, dark or high contrast). Host operations arrive as the `host` prop. The open return is read once
 * on opening, to pick the likely view; until then the pane says so rather than showing a view.
 */
import * as React from "react";
import { useEffect, useState } from "react";
import { FluentProvider, makeStyles, tokens, type Theme } from "@fluentui/react-components";
import { formatPeriod, periodContaining } from "../../core/period";
import type { ReturnStatus } from "../../core/types";
import { FocusManagerKeeper } from "../focus-manager";
import type { Account, ReturnCheck, ReturnsHost } from "../host";
import { useHostAction } from "../use-host-action";
import { useLiveCheck } from "../use-live-check";
import { Loading } from "./Loading";
import { Notice } from "./Notice";
import { PaneHeader } from "./PaneHeader";
import { PaneViews, type View } from "./PaneViews";

export type { View } from "./PaneViews";

export interface AppProps {
  host: ReturnsHost;
  /** Fluent's theme for what Office shows (see themes.ts). */
  theme: Theme;
  /** Today, for the suggested period of a new return. */
  today?: Date;
}

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground1,
    // A field's one column is `1fr`, which never narrows below its control's natural width (a 20-character input):
    // at 200% zoom (160 px) that pushed every form off the side. The column may shrink to the pane instead.
    "& .fui-Field": { gridTemplateColumns: "minmax(0, 1fr)" },
    "& .fui-Textarea__textarea": { minWidth: 0 },
  },
  main: { paddingInline: tokens.spacingHorizontalM, paddingBlockEnd: tokens.spacingVerticalXXL },
});

/** The view a return in this state is most likely opened for. */
function viewFor(status: ReturnStatus | undefined): View {
  if (status === undefined) return "new";
  return status === "draft" || status === "returned" ? "provider" : "officer";
}

/** Views about the open return: where a failure to read it, or live checking's trouble, is worth saying. */
const aboutTheReturn = (view: View | null): boolean => view === "provider" || view === "officer";

export const App: React.FC<AppProps> = ({ host, theme, today }) => {
  const styles = useStyles();
  const [check, setCheck] = useState<ReturnCheck | null>(null);
  const [view, setView] = useState<View | null>(null);
  const [account, setAccount] = useState<Account>(() => host.account());
  const first = useHostAction();
  const signIn = useHostAction();
  const liveProblem = useLiveCheck(host, !!check?.ret, setCheck);

  useEffect(() => {
    // Read the open return once, to show what it is and pick the likely view; later checks are the user's.
    void first
      .run(
        "Reading the workbook…",
        () => host.checkReturn(),
        "Open a return workbook, or start a new return.",
      )
      .then((c) => {
        if (c) setCheck(c);
        setView((v) => v ?? viewFor(c?.ret?.status));
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening the pane
  }, [host]);

  const onSignIn = (): Promise<void> =>
    signIn.runAndUse(
      "Signing in…",
      () => host.signIn(),
      "Allow the sign-in window, then choose Sign in again.",
      setAccount,
    );
  const period = check?.ret?.period ?? formatPeriod(periodContaining(today ?? new Date()));

  return (
    <FluentProvider theme={theme} className={styles.root}>
      <FocusManagerKeeper>
        <PaneHeader
          account={account}
          onSignIn={() => void onSignIn()}
          signingIn={!!signIn.busy}
          signInError={signIn.error}
          view={view}
          onView={setView}
        />
        <main className={styles.main}>
          {view === null && <Loading label="Reading the workbook…" />}
          {first.error && !check && (view === null || aboutTheReturn(view)) && (
            <Notice intent="warning">{first.error}</Notice>
          )}
          {liveProblem && aboutTheReturn(view) && <Notice intent="warning">{liveProblem}</Notice>}
          {view !== null && (
            <PaneViews
              view={view}
              host={host}
              check={check}
              onCheck={setCheck}
              account={account}
              period={period}
            />
          )}
        </main>
      </FocusManagerKeeper>
    </FluentProvider>
  );
};
