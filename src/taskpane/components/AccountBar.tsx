/**
 * Where sync goes and who is signed in; the only place interactive sign-in starts (from a click). It is on the pane's
 * first screen, so it draws its "Local emulator" tag itself rather than bringing in Fluent's Badge for a developer's
 * label (the views, loaded later, use Badge).
 */
import * as React from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { Account } from "../host";

export interface AccountBarProps {
  account: Account;
  onSignIn(): void;
  busy?: boolean;
}

const useStyles = makeStyles({
  bar: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  tag: {
    paddingInline: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase300,
  },
});

export const AccountBar: React.FC<AccountBarProps> = ({ account, onSignIn, busy }) => {
  const styles = useStyles();
  if (account.mode === "emulator") {
    return (
      <div className={styles.bar}>
        <span className={styles.tag}>Local emulator</span>
        <Caption1>Sync goes to the local Graph emulator, not to SharePoint.</Caption1>
      </div>
    );
  }
  return (
    <div className={styles.bar}>
      {account.signedInAs ? (
        <Caption1>Signed in as {account.signedInAs}</Caption1>
      ) : (
        <Button size="small" onClick={onSignIn} disabled={busy}>
          Sign in to SharePoint
        </Button>
      )}
    </div>
  );
};
