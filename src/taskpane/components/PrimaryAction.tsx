/** A view's main button with what is running beside it, and the last failure below it as a plain message. */
import * as React from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { BusyNote } from "./BusyNote";
import { Notice } from "./Notice";

export interface PrimaryActionProps {
  label: string;
  /** What is running, in words; the button stays focusable but inert meanwhile (focus never falls to the page). */
  busy: string | null;
  error?: string | null;
  /** "submit" inside a form (Enter submits it); otherwise give onClick. */
  type?: "submit" | "button";
  onClick?(): void;
  disabled?: boolean;
}

const useStyles = makeStyles({
  actions: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: "center",
  },
});

export const PrimaryAction: React.FC<PrimaryActionProps> = ({
  label,
  busy,
  error,
  type = "button",
  onClick,
  disabled,
}) => {
  const styles = useStyles();
  return (
    <>
      <div className={styles.actions}>
        <Button appearance="primary" type={type} onClick={onClick} disabledFocusable={!!busy || disabled}>
          {label}
        </Button>
        <BusyNote busy={busy} />
      </div>
      {error && <Notice intent="error">{error}</Notice>}
    </>
  );
};
