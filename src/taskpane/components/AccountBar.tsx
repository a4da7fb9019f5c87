/** Where sync goes and who is signed in; the only place interactive sign-in starts (from a click). */
import * as React from "react";
import { Badge, Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { Account } from "../host";

export interface AccountBarProps {
  account: Account;
  onSignIn(): void;
  busy?: boolean;
}

const useStyles = makeStyles({
  bar: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export const AccountBar: React.FC<AccountBarProps> = ({ account, onSignIn, busy }) => {
  const styles = useStyles();
  if (account.mode === "emulator") {
    return (
      <div className={styles.bar}>
        <Badge appearance="tint" color="informative">
          Local emulator
        </Badge>
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
