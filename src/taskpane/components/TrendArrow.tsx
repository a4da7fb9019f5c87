/**
 * Direction of travel against the same quarter last year: an arrow for the change, coloured for better or worse, and
 * the words ("better", "worse", "steady") beside it, so neither the arrow nor its colour is the only signal.
 */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDownRegular, ArrowRightRegular, ArrowUpRegular } from "@fluentui/react-icons";
import type { Direction } from "../../core/types";
import { compact } from "../figures-text";
import { directionTone, useToneStyles } from "../tones";
import { VisuallyHidden } from "./VisuallyHidden";

export interface TrendArrowProps {
  /** Signed change against the same quarter last year, already formatted ("+5.8%", "−2.0 percentage points"). */
  change: string | null;
  /** Whether the figure went up, down or stayed. */
  movement: "up" | "down" | "flat" | null;
  direction: Direction | null;
}

const words: Record<Direction, string> = { improving: "better", worsening: "worse", steady: "steady" };

const useStyles = makeStyles({
  trend: {
    display: "inline-flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalXXS,
  },
});

export const TrendArrow: React.FC<TrendArrowProps> = ({ change, movement, direction }) => {
  const styles = useStyles();
  const tones = useToneStyles();
  if (!change || !movement) return <span>No figure for last year</span>;
  const Arrow =
    movement === "up" ? ArrowUpRegular : movement === "down" ? ArrowDownRegular : ArrowRightRegular;
  return (
    <span className={styles.trend}>
      <Arrow className={direction ? tones[`${directionTone[direction]}Text`] : undefined} aria-hidden />
      <span aria-hidden>{compact(change)}</span>
      <VisuallyHidden>{change} on the same quarter last year</VisuallyHidden>
      {direction && <span>, {words[direction]}</span>}
    </span>
  );
};
