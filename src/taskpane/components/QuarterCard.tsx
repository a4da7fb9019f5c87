/**
 * One return of the quarter as a compact card (not a table row, so it fits a 270 px pane): the provider as a heading,
 * the service, then status, due date, the last check's errors and queries, who approved and what the officer does
 * next, each in words with its label, so nothing is told by colour alone.
 */
import * as React from "react";
import { Badge, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { QuarterRow } from "../../core/quarter";

export interface QuarterCardProps {
  row: QuarterRow;
  /** This is the return open in the workbook. */
  open: boolean;
}

const useStyles = makeStyles({
  card: {
    minWidth: 0,
    overflowWrap: "anywhere",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0 },
  // The badge is as wide as its words, not the card.
  badge: { alignSelf: "flex-start" },
  facts: {
    display: "grid",
    gridTemplateColumns: "auto minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  detail: { margin: 0, minWidth: 0 },
});

const day = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "14 Oct 2022" for a yyyy-mm-dd date; the text as it is when it is not one. */
export function shownDay(date: string): string {
  const t = Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t) ? date : day.format(new Date(t));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "2 errors, 1 query" at the last check; before any check, says so. */
export function checkText(row: QuarterRow): string {
  if (row.errors === null || row.queries === null) return "Not checked yet";
  const queries = row.queries === 1 ? "1 query" : `${row.queries} queries`;
  return `${plural(row.errors, "error")}, ${queries}`;
}

export const QuarterCard: React.FC<QuarterCardProps> = ({ row, open }) => {
  const styles = useStyles();
  const facts: [string, string][] = [
    ["Status", row.statusText],
    [
      "Due",
      row.daysOverdue > 0
        ? `${shownDay(row.dueDate)} (${plural(row.daysOverdue, "day")} late)`
        : shownDay(row.dueDate),
    ],
    ["Checked", checkText(row)],
    ...(row.approvedBy ? ([["Approved by", row.approvedBy]] as [string, string][]) : []),
    ...(row.nextStep ? ([["Next", row.nextStep]] as [string, string][]) : []),
  ];
  return (
    <article className={styles.card} aria-current={open ? "true" : undefined}>
      <Subtitle2 as="h3" className={styles.heading}>
        {row.provider}
      </Subtitle2>
      <Text size={200}>{row.service}</Text>
      {open && (
        <Badge appearance="outline" color="brand" className={styles.badge}>
          Open in this workbook
        </Badge>
      )}
      <dl className={styles.facts}>
        {facts.map(([term, detail]) => (
          <React.Fragment key={term}>
            <dt className={styles.term}>
              <Text size={200}>{term}</Text>
            </dt>
            <dd className={styles.detail}>
              <Text size={200}>{detail}</Text>
            </dd>
          </React.Fragment>
        ))}
      </dl>
    </article>
  );
};
