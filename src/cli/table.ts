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

/**
 * Wraps text at word boundaries into lines of at most `width` characters (a word longer than that keeps its own line,
 * whole), so a long message is read in full on an 80–120 column terminal instead of being cut off.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
