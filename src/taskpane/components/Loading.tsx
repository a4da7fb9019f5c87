/** A loading state in words beside a small spinner: what the pane is waiting for. */
import * as React from "react";
import { Spinner, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  loading: { paddingBlock: tokens.spacingVerticalL },
});

export const Loading: React.FC<{ label: string }> = ({ label }) => (
  <div className={useStyles().loading}>
    <Spinner size="small" labelPosition="after" label={label} />
  </div>
);
