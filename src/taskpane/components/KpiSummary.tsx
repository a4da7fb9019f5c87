/**
 * The officer's KPI summary: one card per KPI, so it fits the narrowest task pane (270 px) and 200% zoom with nothing
 * off to the side: actual against target, the variance, the change on last year in words, and RAG, each labelled.
 */
import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { KpiFigure, KpiTemplate } from "../../core/types";
import { compact, lastYearChange, valueText, varianceWithPct } from "../figures-text";
import { RagBadge } from "./RagBadge";
import { TrendArrow } from "./TrendArrow";
import { VisuallyHidden } from "./VisuallyHidden";

export interface KpiSummaryProps {
  figures: readonly KpiFigure[];
  percentScale: KpiTemplate["percentScale"];
}

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  card: {
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  top: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "flex-start",
    columnGap: tokens.spacingHorizontalS,
  },
  label: { minWidth: 0, overflowWrap: "anywhere" },
  figures: {
    margin: 0,
    display: "grid",
    gridTemplateColumns: "max-content minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: "anywhere" },
});

export const KpiSummary: React.FC<KpiSummaryProps> = ({ figures, percentScale }) => {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="KPI summary">
      {figures.map((f) => {
        const change = lastYearChange(f);
        const variance = varianceWithPct(f, percentScale);
        return (
          <li key={f.kpiId} className={styles.card}>
            <div className={styles.top}>
              <Text weight="semibold" className={styles.label}>
                {f.label}
              </Text>
              <RagBadge rag={f.rag} />
            </div>
            <dl className={styles.figures}>
              <dt className={styles.term}>Actual</dt>
              <dd className={styles.value}>
                {f.actual === null ? "Not reported" : valueText(f.actual, f.unit, percentScale)}
              </dd>
              <dt className={styles.term}>Target</dt>
              <dd className={styles.value}>
                {f.target === null ? "No target set" : valueText(f.target, f.unit, percentScale)}
              </dd>
              {f.variance !== null && (
                <>
                  <dt className={styles.term}>Variance</dt>
                  <dd className={styles.value}>
                    <span aria-hidden>{compact(variance)}</span>
                    <VisuallyHidden>{variance}</VisuallyHidden>
                  </dd>
                </>
              )}
              <dt className={styles.term}>Last year</dt>
              <dd className={styles.value}>
                <TrendArrow change={change.text} movement={change.movement} direction={f.direction} />
              </dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
};
