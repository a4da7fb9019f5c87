/**
 * The pane's header: its name, where sync goes and who is signed in, and four tabs with labels short enough for one
 * row at 270 px (the browser test checks it; at 200% zoom they wrap rather than run off the edge). Five did not fit,
 * so the template library is folded under New.
 */
import * as React from "react";
import { Tab, TabList, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { Account } from "../host";
import { AccountBar } from "./AccountBar";
import { Notice } from "./Notice";
import type { View } from "./PaneViews";

export interface PaneHeaderProps {
  account: Account;
  onSignIn(): void;
  signingIn: boolean;
  signInError: string | null;
  /** The view shown, or null while the workbook is first read. */
  view: View | null;
  onView(view: View): void;
}

const useStyles = makeStyles({
  header: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalM,
    paddingBlockStart: tokens.spacingVerticalM,
  },
  title: { margin: 0 },
  tabs: { flexWrap: "wrap" },
});

export const PaneHeader: React.FC<PaneHeaderProps> = (p) => {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <Title3 as="h1" className={styles.title}>
        KPI Returns
      </Title3>
      <AccountBar account={p.account} onSignIn={p.onSignIn} busy={p.signingIn} />
      {p.signInError && <Notice intent="error">{p.signInError}</Notice>}
      <TabList
        className={styles.tabs}
        selectedValue={p.view ?? "none"}
        onTabSelect={(_, d) => p.onView(d.value as View)}
        aria-label="Views"
        size="small"
      >
        <Tab value="provider">Provider</Tab>
        <Tab value="officer">Officer</Tab>
        <Tab value="new">New</Tab>
        <Tab value="quarter">Quarter</Tab>
      </TabList>
    </header>
  );
};
