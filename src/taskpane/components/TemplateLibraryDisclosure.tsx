/**
 * The template library, folded under the New view: officers open it now and then, so it takes no tab of its own
 * (four short tabs fit a 270 px pane; five do not). Its code loads, and the library is read, only when it is opened;
 * closing and opening it again reads it afresh.
 */
import * as React from "react";
import { Suspense, lazy, useState } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { Loading } from "./Loading";
import type { TemplateLibraryViewProps } from "./TemplateLibraryView";

const TemplateLibraryView = lazy(
  () => import(/* webpackChunkName: "template-library" */ "./TemplateLibraryView"),
);

const useStyles = makeStyles({
  details: {
    marginBlockStart: tokens.spacingVerticalL,
    paddingBlockStart: tokens.spacingVerticalM,
    borderBlockStartWidth: tokens.strokeWidthThin,
    borderBlockStartStyle: "solid",
    borderBlockStartColor: tokens.colorNeutralStroke2,
  },
  summary: {
    cursor: "pointer",
    width: "fit-content",
    fontWeight: tokens.fontWeightSemibold,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  body: { paddingBlockStart: tokens.spacingVerticalS },
});

export const TemplateLibraryDisclosure: React.FC<TemplateLibraryViewProps> = (props) => {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <details className={styles.details} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className={styles.summary}>Template library</summary>
      {open && (
        <div className={styles.body}>
          {/* The first screen's own ring: Fluent's Spinner would bring its code into the first script for this alone. */}
          <Suspense fallback={<Loading label="Opening the library…" />}>
            <TemplateLibraryView {...props} />
          </Suspense>
        </div>
      )}
    </details>
  );
};
