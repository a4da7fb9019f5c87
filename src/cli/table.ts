/**
 * Compact text tables for the terminal (findings, list items): columns padded to their widest cell, numbers right-aligned.
 */
export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  readonly align?: "left" | "right";
  /** Cells longer than this are cut with an ellipsis so a table stays readable in an 120-column terminal. */
  readonly max?: number;
}

function fit(text: string, max: number | undefined): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return max !== undefined && flat.length > max ? flat.slice(0, max - 1) + "…" : flat;
}

export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((c) => fit(c.value(row), c.max)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i].align === "right" ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.map(line),
  ].join("\n");
}
