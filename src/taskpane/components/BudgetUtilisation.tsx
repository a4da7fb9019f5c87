/** Budget lines as bars: how much of the award is spent, with a marker where the spending profile expects it to be. */
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

export const BudgetUtilisation: React.FC<BudgetUtilisationProps> = ({ budget, period }) => {
  const styles = useStyles();
  const tones = useToneStyles();
  const quarter = period.slice(-2);
  return (
    <ul className={styles.list} aria-label="Budget utilisation against profile">
      {budget.map((b) => {
        const spent = b.spentToDate === null ? "–" : formatCurrency(b.spentToDate);
        const awarded = b.awarded === null ? "–" : formatCurrency(b.awarded);
        const used = b.utilisation === null ? "not known" : formatPercent(b.utilisation);
        const expected = b.expectedUtilisation === null ? null : formatPercent(b.expectedUtilisation);
        const words = `${b.label}: ${spent} of ${awarded} spent, ${used}${expected ? `; expected ${expected} by ${quarter}` : ""}`;
        return (
          <li key={b.lineId} className={styles.line}>
            <div className={styles.heading}>
              <Text weight="semibold">{b.label}</Text>
              <RagBadge rag={b.rag} />
            </div>
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
              {b.awarded === null && b.spentToDate === null
                ? "No award or spend reported"
                : `${spent} of ${awarded} · ${used}`}
              {expected ? ` (expected ${expected} by ${quarter})` : ""}
              {b.forecastVariance !== null && b.forecastVariance !== 0
                ? ` · forecast ${b.forecastVariance > 0 ? "overspend" : "underspend"} ${formatCurrency(Math.abs(b.forecastVariance))}`
                : ""}
            </Caption1>
          </li>
        );
      })}
    </ul>
  );
};
