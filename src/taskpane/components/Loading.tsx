/**
 * A loading state in words beside a small turning ring: what the pane is waiting for, announced politely. It is on the
 * pane's first screen, so the ring is drawn here with the theme's tokens rather than bringing in Fluent's Spinner (the
 * views, loaded later, use Spinner beside their buttons). Under reduced motion the ring stands still.
 */
import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  loading: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalL,
  },
  ring: {
    flexShrink: 0,
    width: "16px",
    height: "16px",
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke2}`,
    borderTopColor: tokens.colorBrandStroke1,
    animationName: { from: { transform: "rotate(0deg)" }, to: { transform: "rotate(360deg)" } },
    animationDuration: "1s",
    animationIterationCount: "infinite",
    animationTimingFunction: "linear",
    "@media (prefers-reduced-motion: reduce)": { animationPlayState: "paused" },
    "@media (forced-colors: active)": {
      borderTopColor: "Highlight",
      borderRightColor: "CanvasText",
      borderBottomColor: "CanvasText",
      borderLeftColor: "CanvasText",
    },
  },
});

export const Loading: React.FC<{ label: string }> = ({ label }) => {
  const styles = useStyles();
  return (
    <div className={styles.loading} role="status" aria-busy="true">
      <span className={styles.ring} aria-hidden />
      <Text>{label}</Text>
    </div>
  );
};
