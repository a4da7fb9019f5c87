/** A titled part of a view; its heading labels it for screen readers' landmark navigation. */
import * as React from "react";
import { Subtitle2, makeStyles, tokens, useId } from "@fluentui/react-components";

export interface SectionProps {
  title: string;
  children: React.ReactNode;
}

const useStyles = makeStyles({
  section: {
    paddingBlock: tokens.spacingVerticalM,
    borderBlockStartWidth: tokens.strokeWidthThin,
    borderBlockStartStyle: "solid",
    borderBlockStartColor: tokens.colorNeutralStroke2,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  heading: { margin: 0 },
});

export const Section: React.FC<SectionProps> = ({ title, children }) => {
  const styles = useStyles();
  const id = useId("section");
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Subtitle2 as="h3" id={id} className={styles.heading}>
        {title}
      </Subtitle2>
      {children}
    </section>
  );
};
