/** A "Details" disclosure: technical detail (a check's id, the provider's wording) kept out of the way until asked for. */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";

export interface DetailsProps {
  /** The disclosure's label; "Details" unless told. */
  summary?: string;
  children: React.ReactNode;
}

const useStyles = makeStyles({
  details: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  summary: {
    cursor: "pointer",
    width: "fit-content",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  body: { margin: 0, marginBlockStart: tokens.spacingVerticalXXS, overflowWrap: "anywhere" },
});

export const Details: React.FC<DetailsProps> = ({ summary = "Details", children }) => {
  const styles = useStyles();
  return (
    <details className={styles.details}>
      <summary className={styles.summary}>{summary}</summary>
      <div className={styles.body}>{children}</div>
    </details>
  );
};
