/** Direction of travel against the same quarter last year: an arrow for the change, coloured for better or worse. */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDownRegular, ArrowRightRegular, ArrowUpRegular } from "@fluentui/react-icons";
import type { Direction } from "../../core/types";
import { compact } from "../figures-text";
import { directionTone, useToneStyles } from "../tones";

export interface TrendArrowProps {
  /** Signed change against the same quarter last year, already formatted ("+5.8%", "−2.0 percentage points"). */
  change: string | null;
  /** Whether the figure went up, down or stayed. */
  movement: "up" | "down" | "flat" | null;
  direction: Direction | null;
}

const useStyles = makeStyles({
  trend: { display: "inline-flex", alignItems: "center", columnGap: tokens.spacingHorizontalXXS },
});

export const TrendArrow: React.FC<TrendArrowProps> = ({ change, movement, direction }) => {
  const styles = useStyles();
  const tones = useToneStyles();
  if (!change || !movement) return <span aria-label="No figure for the same quarter last year">–</span>;
  const Arrow =
    movement === "up" ? ArrowUpRegular : movement === "down" ? ArrowDownRegular : ArrowRightRegular;
  const words = `${change} on the same quarter last year${direction ? `, ${direction}` : ""}`;
  return (
    <span className={styles.trend} role="img" aria-label={words} title={words}>
      <Arrow className={direction ? tones[`${directionTone[direction]}Text`] : undefined} aria-hidden />
      {compact(change)}
    </span>
  );
};
