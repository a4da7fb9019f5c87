/**
 * A1 cell addresses: column letters, cell and range addresses. Both executors and the pure layout speak A1,
 * the one address form that office-js, ExcelJS and LibreOffice all accept.
 */

/** 1 → "A", 27 → "AA". */
export function columnLetter(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" → 1, "AA" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** "B3:D7" (or a single cell, "B3") from corners; a 1×1 range is written as a single cell. */
export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const first = cellAddress(top, left);
  return top === bottom && left === right ? first : `${first}:${cellAddress(bottom, right)}`;
}

/** Reads "A4", "$A$4", "Sheet!A4:M14" or "'My sheet'!A4" into corners (sheet name dropped). Null when not A1. */
export function parseRange(
  address: string,
): { top: number; left: number; bottom: number; right: number } | null {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(bare.trim());
  if (!match) return null;
  const left = columnNumber(match[1]);
  const top = Number(match[2]);
  const right = match[3] ? columnNumber(match[3]) : left;
  const bottom = match[4] ? Number(match[4]) : top;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

/** A sheet-qualified address as office-js and Excel formulas want it: `'KPIs'!A5`. */
export function qualified(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}
