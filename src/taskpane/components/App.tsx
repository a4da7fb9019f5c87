/**
 * The task pane: a tab for each job (provider's check, officer's review, new return, quarterly summary), themed to
 * match Office (light, dark or high contrast). Host operations arrive as the `host` prop.
 */
import * as React from "react";
import { useEffect, useState } from "react";
import {
  FluentProvider,
  Tab,
  TabList,
  Title3,
  makeStyles,
  teamsHighContrastTheme,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import { formatPeriod, periodContaining } from "../../core/period";
import type { ReturnStatus } from "../../core/types";
import type { Account, ReturnCheck, ReturnsHost } from "../host";
import { useHostAction } from "../use-host-action";
import { useLiveCheck } from "../use-live-check";
import { AccountBar } from "./AccountBar";
import { Notice } from "./Notice";
import { NewReturnView } from "./NewReturnView";
import { OfficerView } from "./OfficerView";
import { ProviderView } from "./ProviderView";
import { QuarterlySummaryView } from "./QuarterlySummaryView";

export type PaneTheme = "light" | "dark" | "highContrast";
export type View = "provider" | "officer" | "new" | "summary" | "templates";

/** The template library is for officers now and then: its code loads only when its tab is opened. */
const TemplateLibraryView = React.lazy(
  () => import(/* webpackChunkName: "template-library" */ "./TemplateLibraryView"),
);

export interface AppProps {
  host: ReturnsHost;
  theme: PaneTheme;
  /** Today, for the suggested period of a new return. */
  today?: Date;
}

const themes = { light: webLightTheme, dark: webDarkTheme, highContrast: teamsHighContrastTheme };

const useStyles = makeStyles({
  root: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground1 },
  header: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalM,
    paddingBlockStart: tokens.spacingVerticalM,
  },
  title: { margin: 0 },
  // Task panes are narrow (about 320 px): the tabs wrap rather than run off the edge.
  tabs: { flexWrap: "wrap" },
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
  const period = check?.ret?.period ?? formatPeriod(periodContaining(today ?? new Date()));
  const shown = view ?? "officer";

  return (
    <FluentProvider theme={themes[theme]} className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1" className={styles.title}>
          KPI Returns
        </Title3>
        <AccountBar account={account} onSignIn={onSignIn} busy={!!signIn.busy} />
        {signIn.error && <Notice intent="error">{signIn.error}</Notice>}
        <TabList
          className={styles.tabs}
          selectedValue={shown}
          onTabSelect={(_, d) => setView(d.value as View)}
          aria-label="Views"
          size="small"
        >
          <Tab value="provider">Provider</Tab>
          <Tab value="officer">Officer</Tab>
          <Tab value="new">New return</Tab>
          <Tab value="summary">Quarterly summary</Tab>
          {host.templateLibrary && <Tab value="templates">Templates</Tab>}
        </TabList>
      </header>
      <main className={styles.main}>
        {first.busy && !check && <Notice intent="info">Reading the workbook…</Notice>}
        {first.error && !check && shown !== "new" && shown !== "summary" && shown !== "templates" && (
          <Notice intent="warning">{first.error}</Notice>
        )}
        {liveProblem && shown !== "new" && shown !== "summary" && (
          <Notice intent="warning">{liveProblem}</Notice>
        )}
        {shown === "provider" && <ProviderView host={host} check={check} onCheck={setCheck} />}
        {shown === "officer" && <OfficerView host={host} check={check} onCheck={setCheck} />}
        {shown === "new" && (
          <NewReturnView
            host={host}
            account={account}
            defaultPeriod={period}
            onCreated={() => void host.checkReturn().then(setCheck, () => undefined)}
          />
        )}
        {shown === "summary" && <QuarterlySummaryView host={host} account={account} defaultPeriod={period} />}
        {shown === "templates" && (
          <React.Suspense fallback={<Notice intent="info">Opening the template library…</Notice>}>
            <TemplateLibraryView
              host={host}
              defaultPeriod={period}
              onCreated={() => void host.checkReturn().then(setCheck, () => undefined)}
            />
          </React.Suspense>
        )}
      </main>
    </FluentProvider>
  );
};
