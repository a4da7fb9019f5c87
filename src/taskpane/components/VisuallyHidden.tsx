/** Words for screen readers only: the full sentence behind a compact figure or a badge. */
import * as React from "react";
import { makeStyles } from "@fluentui/react-components";

const useStyles = makeStyles({
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
});

export const VisuallyHidden: React.FC<{ children: React.ReactNode }> = ({ children }) => (
  <span className={useStyles().hidden}>{children}</span>
);
