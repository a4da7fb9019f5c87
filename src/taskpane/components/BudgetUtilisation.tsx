/**
 * Budget lines as bars: how much of the award is spent, with a marker where the spending profile expects it to be. A
 * line with no award has nothing to measure spending against, so it gets a sentence saying so, not an empty bar.
 */
import * as React from "react";
import { Caption1, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { formatCurrency, formatPercent } from "../../core/format";
import type { BudgetFigure } from "../../core/types";
import { ragTone, useToneStyles } from "../tones";
import { RagBadge } from "./RagBadge";

export interface BudgetUtilisationProps {
  budget: readonly BudgetFigure[];
  /** e.g. "2022-23 Q2", for "expected by" wording. */
  period: string;
}

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0 },
  line: { marginBlockEnd: tokens.spacingVerticalM },
  heading: { display: "flex", justifyContent: "space-between", alignItems: "center" },
  track: {
    position: "relative",
    height: "10px",
    marginBlock: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground5,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    overflow: "visible",
  },
  fill: {
    height: "100%",
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorBrandBackground,
    // Forced colours drop backgrounds: draw the bar in the system's highlight colour instead.
    "@media (forced-colors: active)": { forcedColorAdjust: "none", backgroundColor: "Highlight" },
  },
  marker: {
    position: "absolute",
    top: "-4px",
    bottom: "-4px",
    width: tokens.strokeWidthThicker,
    backgroundColor: tokens.colorNeutralForeground1,
    "@media (forced-colors: active)": { forcedColorAdjust: "none", backgroundColor: "CanvasText" },
  },
  caption: { color: tokens.colorNeutralForeground2 },
});

function pct(fraction: number): string {
  return `${Math.max(0, Math.min(100, fraction * 100))}%`;
}

/** What a line with no award says instead of a bar. */
export function noAwardText(b: BudgetFigure): string {
  return b.spentToDate === null || b.spentToDate === 0
    ? "No award and no spending recorded for this line."
    : `${formatCurrency(b.spentToDate)} spent, but no award is recorded for this line, so there is nothing to measure it against.`;
}

const BudgetBar: React.FC<{ b: BudgetFigure; awarded: number; quarter: string }> = ({
  b,
  awarded,
  quarter,
}) => {
  const styles = useStyles();
  const tones = useToneStyles();
  const spent = b.spentToDate === null ? "nothing reported" : formatCurrency(b.spentToDate);
  const used = b.utilisation === null ? "utilisation not known" : formatPercent(b.utilisation);
  const expected = b.expectedUtilisation === null ? null : formatPercent(b.expectedUtilisation);
  const words = `${b.label}: ${spent} of ${formatCurrency(awarded)} spent, ${used}${expected ? `; expected ${expected} by ${quarter}` : ""}`;
  return (
    <>
      <div className={styles.track} role="img" aria-label={words}>
        {b.utilisation !== null && (
          <div
            className={mergeClasses(styles.fill, b.rag ? tones[`${ragTone[b.rag]}Fill`] : undefined)}
            style={{ width: pct(b.utilisation) }}
          />
        )}
        {b.expectedUtilisation !== null && (
          <div className={styles.marker} style={{ left: pct(b.expectedUtilisation) }} />
        )}
      </div>
      <Caption1 className={styles.caption} aria-hidden>
        {`${spent} of ${formatCurrency(awarded)} · ${used}`}
        {expected ? ` (expected ${expected} by ${quarter})` : ""}
        {b.forecastVariance !== null && b.forecastVariance !== 0
          ? ` · forecast ${b.forecastVariance > 0 ? "overspend" : "underspend"} ${formatCurrency(Math.abs(b.forecastVariance))}`
          : ""}
      </Caption1>
    </>
  );
};

export const BudgetUtilisation: React.FC<BudgetUtilisationProps> = ({ budget, period }) => {
  const styles = useStyles();
  const quarter = period.slice(-2);
  return (
    <ul className={styles.list} aria-label="Budget utilisation against profile">
      {budget.map((b) => (
        <li key={b.lineId} className={styles.line}>
          <div className={styles.heading}>
            <Text weight="semibold">{b.label}</Text>
            <RagBadge rag={b.rag} />
          </div>
          {b.awarded !== null && b.awarded > 0 ? (
            <BudgetBar b={b} awarded={b.awarded} quarter={quarter} />
          ) : (
            <Text as="p" className={styles.caption}>
              {noAwardText(b)}
            </Text>
          )}
        </li>
      ))}
    </ul>
  );
};
