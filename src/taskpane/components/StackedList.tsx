/** A plain list stacked down the pane (no bullets, a small gap between entries), named for a screen reader. */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    paddingInlineStart: 0,
    margin: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
});

export const StackedList: React.FC<{ label: string; children: React.ReactNode }> = ({ label, children }) => {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {children}
    </ul>
  );
};
