/**
 * The add-in's cell notes. Each starts with NOTE_MARKER and the cell it was written on ("KPI Returns: KPIs!G7"), so
 * re-validating can find and remove the add-in's notes (Excel's notes API gives a note's text without a second round
 * trip, but not its cell) while a provider's own notes stay.
 */
import { parseRange } from "./a1";
import { NOTE_MARKER } from "./contract";

/** The cell a note of ours was written on, from its first line ("KPI Returns: KPIs!G7"). */
export function noteCell(content: string): { sheet: string; row: number; column: number } | null {
  if (!content.startsWith(NOTE_MARKER)) return null;
  const first = content.slice(NOTE_MARKER.length).split("\n")[0].trim();
  const bang = first.lastIndexOf("!");
  if (bang < 0) return null;
  const sheet = first.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
  const range = parseRange(first.slice(bang + 1));
  return range ? { sheet, row: range.top, column: range.left } : null;
}

/** A note's text as office.ts writes it: the marker and the cell, then the plan's text. */
export function noteContent(sheet: string, cell: string, text: string): string {
  const body = text.startsWith(NOTE_MARKER) ? text.slice(NOTE_MARKER.length).replace(/^\s+/, "") : text;
  return `${NOTE_MARKER} ${sheet}!${cell}\n${body}`;
}
