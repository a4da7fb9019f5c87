/** How many list items a sync creates, updates, leaves unchanged, or leaves alone because finance edited them. */
import * as React from "react";
import { Table, TableBody, TableCell, TableRow, makeStyles } from "@fluentui/react-components";
import { formatCount } from "../../core/format";
import type { SyncTableCounts } from "../host";

export interface SyncCountsTableProps {
  counts: SyncTableCounts;
  caption: string;
}

const rows: readonly [keyof SyncTableCounts, string][] = [
  ["create", "New"],
  ["update", "Changed"],
  ["unchanged", "Unchanged"],
  ["conflict", "Conflicts (edited in the list; left alone)"],
];

const useStyles = makeStyles({ number: { textAlign: "end" } });

export const SyncCountsTable: React.FC<SyncCountsTableProps> = ({ counts, caption }) => {
  const styles = useStyles();
  return (
    <Table size="extra-small" aria-label={caption}>
      <TableBody>
        {rows.map(([key, label]) => (
          <TableRow key={key}>
            <TableCell>{label}</TableCell>
            <TableCell className={styles.number}>{formatCount(counts[key])}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
