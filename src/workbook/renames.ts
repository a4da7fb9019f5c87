/**
 * Renamed contract columns: which of a table's contract columns a provider renamed, and to what. The reader still
 * reads a renamed column as the column it was (so a rename loses no figure), the cell locator points at it under its
 * new header, and COLUMN-RENAMED reports it once.
 */
import { BUDGET_HEADERS, BUDGET_TABLE, KPI_HEADERS, KPI_TABLE } from "./contract";

/**
 * Contract column → the header now in its place: a missing contract column whose place is taken by a header the
 * contract does not know (or the only unknown header).
 */
export function columnRenames(headers: readonly string[], contract: readonly string[]): Map<string, string> {
  const present = new Set(headers.map((h) => h.trim()));
  const unknown = headers.filter((h) => !contract.includes(h.trim()));
  const renames = new Map<string, string>();
  const taken = new Set<string>();
  contract.forEach((header, position) => {
    if (present.has(header)) return;
    // A renamed column keeps its place: the unknown header at the contract's position (or the only unknown one).
    const inPlace = headers[position];
    const candidate =
      inPlace !== undefined && !contract.includes(inPlace.trim())
        ? inPlace
        : unknown.length === 1
          ? unknown[0]
          : undefined;
    if (candidate !== undefined && !taken.has(candidate)) {
      taken.add(candidate);
      renames.set(header, candidate);
    }
  });
  return renames;
}

/** The contract each return table is read against, by lower-cased table name. */
export const CONTRACT_OF: Readonly<Record<string, readonly string[]>> = {
  [KPI_TABLE.toLowerCase()]: KPI_HEADERS,
  [BUDGET_TABLE.toLowerCase()]: BUDGET_HEADERS,
};
