/** The officer's KPI summary: actual against target, variance, direction against last year, and RAG. */
import * as React from "react";
import {
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { KpiFigure, KpiTemplate } from "../../core/types";
import { compact, lastYearChange, valueText, varianceText } from "../figures-text";
import { RagBadge } from "./RagBadge";
import { TrendArrow } from "./TrendArrow";

export interface KpiSummaryProps {
  figures: readonly KpiFigure[];
  percentScale: KpiTemplate["percentScale"];
}

const useStyles = makeStyles({
  // A wide table scrolls inside the pane rather than widening it.
  scroll: { overflowX: "auto" },
  table: { tableLayout: "auto" },
  number: { textAlign: "end", whiteSpace: "nowrap" },
  // Read out, not shown: the full words behind a compact cell.
  spoken: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
  target: { display: "block", color: tokens.colorNeutralForeground3 },
});

export const KpiSummary: React.FC<KpiSummaryProps> = ({ figures, percentScale }) => {
  const styles = useStyles();
  return (
    <div className={styles.scroll}>
      <Table size="extra-small" className={styles.table} aria-label="KPI summary">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>KPI</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Actual</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Variance</TableHeaderCell>
            <TableHeaderCell>Last year</TableHeaderCell>
            <TableHeaderCell>RAG</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {figures.map((f) => {
            const change = lastYearChange(f);
            return (
              <TableRow key={f.kpiId}>
                <TableCell>{f.label}</TableCell>
                <TableCell className={styles.number}>
                  {valueText(f.actual, f.unit, percentScale)}
                  {f.target !== null && (
                    <Caption1 className={styles.target}>
                      target {valueText(f.target, f.unit, percentScale)}
                    </Caption1>
                  )}
                </TableCell>
                <TableCell className={styles.number}>
                  <span aria-hidden>{compact(varianceText(f, percentScale))}</span>
                  <span className={styles.spoken}>{varianceText(f, percentScale)}</span>
                </TableCell>
                <TableCell>
                  <TrendArrow change={change.text} movement={change.movement} direction={f.direction} />
                </TableCell>
                <TableCell>
                  <RagBadge rag={f.rag} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
};
