/**
 * Findings shown in the sheet: each finding's cell gets a fill by severity and a note naming the rule and the
 * message. Every annotation plan first puts the tables back to their plain look and removes the add-in's old notes,
 * so re-validating clears what no longer applies.
 */
import type { Finding, Severity } from "../core/types";
import { parseRange, rangeAddress } from "./a1";
import {
  BUDGET_COMPUTED_COLUMNS,
  BUDGET_INPUT_COLUMNS,
  COLOURS,
  KPI_COMPUTED_COLUMNS,
  KPI_INPUT_COLUMNS,
  KPI_TABLE,
  NOTE_MARKER,
} from "./contract";
import { columnLooks } from "./looks";
import { emptyPlan, type FormatStep, type NoteStep, type WorkbookPlan } from "./plan";
import { cellLocator } from "./locate";
import type { WorkbookSnapshot } from "./snapshot";

const RANK: Record<Severity, number> = { error: 3, query: 2, info: 1 };
const FILL: Record<Severity, string> = { error: COLOURS.error, query: COLOURS.query, info: COLOURS.info };

/** The note text for the findings on one cell: one line per finding, rule id first. */
function noteFor(findings: readonly Finding[]): string {
  const lines = findings.map((f) => {
    const explained = f.explainedBy
      ? ` (explained by ${f.explainedBy === "override" ? "an override" : "the commentary"})`
      : "";
    return `[${f.ruleId}, ${f.severity}] ${f.message}${explained}`;
  });
  return `${NOTE_MARKER}\n${lines.join("\n")}`;
}

/** Highlights and notes for `findings`, replacing any the add-in made before. */
export function planAnnotations(snapshot: WorkbookSnapshot, findings: readonly Finding[]): WorkbookPlan {
  const formats: FormatStep[] = [];
  const clearNotes: WorkbookPlan["clearNotes"][number][] = [];
  for (const table of snapshot.tables) {
    const range = parseRange(table.address);
    if (!range) continue;
    clearNotes.push({ sheet: table.sheet, address: table.address });
    const isKpi = table.name.toLowerCase() === KPI_TABLE.toLowerCase();
    const looks = columnLooks(
      table.headers,
      isKpi ? KPI_INPUT_COLUMNS : BUDGET_INPUT_COLUMNS,
      isKpi ? KPI_COMPUTED_COLUMNS : BUDGET_COMPUTED_COLUMNS,
    );
    // The header row takes its look from the table style again.
    formats.push({
      sheet: table.sheet,
      address: rangeAddress(range.top, range.left, range.top, range.right),
      fill: null,
    });
    if (range.bottom > range.top) {
      looks.forEach((look, i) => {
        formats.push({
          sheet: table.sheet,
          address: rangeAddress(range.top + 1, range.left + i, range.bottom, range.left + i),
          fill: look.fill,
        });
      });
    }
  }
  const byCell = new Map<string, { sheet: string; cell: string; findings: Finding[] }>();
  const cellOf = cellLocator(snapshot);
  for (const f of findings) {
    const target = cellOf(f.location);
    if (!target) continue;
    const key = `${target.sheet}!${target.cell}`;
    const entry = byCell.get(key) ?? { ...target, findings: [] };
    entry.findings.push(f);
    byCell.set(key, entry);
  }
  const notes: NoteStep[] = [];
  for (const { sheet, cell, findings: here } of byCell.values()) {
    const worst = here.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a));
    formats.push({ sheet, address: cell, fill: FILL[worst.severity] });
    notes.push({ sheet, cell, text: noteFor(here) });
  }
  return { ...emptyPlan(), formats, clearNotes, notes };
}
