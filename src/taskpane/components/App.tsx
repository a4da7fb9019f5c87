/**
 * The task pane: a tab for each job (provider's check, officer's review, new return, the quarter), with labels
 * short enough for four tabs in one row at 270 px, themed to match Office (light, dark or high contrast). Host
 * operations arrive as the `host` prop. Each view's code loads on demand (while the workbook is read), so the pane's
 * first script holds only this frame; until the workbook has been read the pane says so rather than showing a view.
 */
import * as React from "react";
import { Suspense, lazy, useEffect, useState } from "react";
import {
  FluentProvider,
  Spinner,
  Tab,
  TabList,
  Title3,
  makeStyles,
  tokens,
  type Theme,
} from "@fluentui/react-components";
import { formatPeriod, periodContaining } from "../../core/period";
import type { ReturnStatus } from "../../core/types";
import type { Account, ReturnCheck, ReturnsHost } from "../host";
import { useHostAction } from "../use-host-action";
import { useLiveCheck } from "../use-live-check";
import { AccountBar } from "./AccountBar";
import { Notice } from "./Notice";
import { TemplateLibraryDisclosure } from "./TemplateLibraryDisclosure";

const ProviderView = lazy(() =>
  import(/* webpackChunkName: "provider" */ "./ProviderView").then((m) => ({ default: m.ProviderView })),
);
const OfficerView = lazy(() =>
  import(/* webpackChunkName: "officer" */ "./OfficerView").then((m) => ({ default: m.OfficerView })),
);
const NewReturnView = lazy(() =>
  import(/* webpackChunkName: "new-return" */ "./NewReturnView").then((m) => ({ default: m.NewReturnView })),
);
const QuarterlySummaryView = lazy(() =>
  import(/* webpackChunkName: "summary" */ "./QuarterlySummaryView").then((m) => ({
    default: m.QuarterlySummaryView,
  })),
);

/** The pane's four views: four short tabs fit in one row at 270 px (the template library is folded under New). */
export type View = "provider" | "officer" | "new" | "quarter";

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
  header: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalM,
    paddingBlockStart: tokens.spacingVerticalM,
  },
  title: { margin: 0 },
  // Four short labels fit one row at 270 px (the browser test checks it); at 200% zoom they wrap rather than run off
  // the edge.
  tabs: { flexWrap: "wrap" },
  loading: { paddingBlock: tokens.spacingVerticalL },
  main: { paddingInline: tokens.spacingHorizontalM, paddingBlockEnd: tokens.spacingVerticalXXL },
});

/** The view a return in this state is most likely opened for. */
function viewFor(status: ReturnStatus | undefined): View {
  if (status === undefined) return "new";
  return status === "draft" || status === "returned" ? "provider" : "officer";
}

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
  const reread = (): void => void host.checkReturn().then(setCheck, () => undefined);
  const period = check?.ret?.period ?? formatPeriod(periodContaining(today ?? new Date()));
  const shown = view;
  const loading = (label: string) => (
    <div className={styles.loading}>
      <Spinner size="small" labelPosition="after" label={label} />
    </div>
  );

  return (
    <FluentProvider theme={theme} className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1" className={styles.title}>
          KPI Returns
        </Title3>
        <AccountBar account={account} onSignIn={onSignIn} busy={!!signIn.busy} />
        {signIn.error && <Notice intent="error">{signIn.error}</Notice>}
        <TabList
          className={styles.tabs}
          selectedValue={shown ?? "none"}
          onTabSelect={(_, d) => setView(d.value as View)}
          aria-label="Views"
          size="small"
        >
          <Tab value="provider">Provider</Tab>
          <Tab value="officer">Officer</Tab>
          <Tab value="new">New</Tab>
          <Tab value="quarter">Quarter</Tab>
        </TabList>
      </header>
      <main className={styles.main}>
        {shown === null && loading("Reading the workbook…")}
        {first.error && !check && (shown === "provider" || shown === "officer") && (
          <Notice intent="warning">{first.error}</Notice>
        )}
        {liveProblem && (shown === "provider" || shown === "officer") && (
          <Notice intent="warning">{liveProblem}</Notice>
        )}
        <Suspense fallback={loading("Opening the view…")}>
          {shown === "provider" && <ProviderView host={host} check={check} onCheck={setCheck} />}
          {shown === "officer" && <OfficerView host={host} check={check} onCheck={setCheck} />}
          {shown === "new" && (
            <>
              <NewReturnView host={host} account={account} defaultPeriod={period} onCreated={reread} />
              {host.templateLibrary && (
                <TemplateLibraryDisclosure host={host} defaultPeriod={period} onCreated={reread} />
              )}
            </>
          )}
          {shown === "quarter" && (
            <QuarterlySummaryView host={host} account={account} defaultPeriod={period} />
          )}
        </Suspense>
      </main>
    </FluentProvider>
  );
};
