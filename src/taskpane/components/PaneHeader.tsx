/**
 * The pane's header: its name, where sync goes and who is signed in, and four tabs with labels short enough for one
 * row at 270 px (the browser test checks it; at 200% zoom they wrap rather than run off the edge). Five did not fit,
 * so the template library is folded under New.
 */
import * as React from "react";
import { Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { Account } from "../host";
import { AccountBar } from "./AccountBar";
import { Notice } from "./Notice";
import { PaneTabs, type PaneTab } from "./PaneTabs";
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

const TABS: readonly PaneTab<View>[] = [
  { value: "provider", label: "Provider" },
  { value: "officer", label: "Officer" },
  { value: "new", label: "New" },
  { value: "quarter", label: "Quarter" },
];

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
      <PaneTabs className={styles.tabs} label="Views" tabs={TABS} selected={p.view} onSelect={p.onView} />
    </header>
  );
};
