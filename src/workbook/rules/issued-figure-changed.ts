/** ISSUED-FIGURE-CHANGED: a target, prior figure or award issued with the return no longer holds what was issued. */
import type { BudgetEntry, KpiEntry, ParsedValue } from "../../core/types";
import { describeInput, numberOf } from "../../core/values";
import { cellFinding, defineWorkbookRule, where } from "./rule";

function sameNumber(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The issued field's value as already parsed for the Return, so each cell is parsed once. */
function issuedValue(entry: KpiEntry | BudgetEntry, field: string): ParsedValue | null {
  if ("kpiId" in entry) {
    return field === "target"
      ? entry.target
      : field === "previous"
        ? entry.previous
        : field === "lastYear"
          ? entry.lastYear
          : null;
  }
  return field === "awarded" ? entry.awarded : null;
}

export const issuedFigureChangedRule = defineWorkbookRule({
  id: "ISSUED-FIGURE-CHANGED",
  severity: "error",
  description: "A target, prior-quarter figure or award issued with the return has been changed.",
  examples: {
    fires: [
      {
        change: { table: "BudgetReturn", edits: [{ set: { row: 0, column: "Awarded", value: 1 } }] },
        column: "Awarded",
      },
    ],
    // The provider's own cells are theirs to change.
    quiet: [{ table: "BudgetReturn", edits: [{ set: { row: 0, column: "Spent to date", value: 1 } }] }],
  },
  check(ctx, out) {
    for (const read of ctx.tables) {
      const { table, spec, issued } = read;
      if (!issued) continue;
      for (const body of read.rows) {
        if (body.kind !== "template") continue;
        const figures = issued[body.id];
        if (!figures) continue;
        for (const [field, header] of Object.entries(spec.issuedColumns)) {
          const value = issuedValue(body.entry, field);
          if (!(field in figures) || value === null || table.headers.indexOf(header) < 0) continue;
          const now = numberOf(value);
          const was = figures[field];
          if (sameNumber(now, was)) continue;
          out.push(
            cellFinding(
              this,
              read,
              { row: body.row, column: header, id: body.id },
              `"${body.id}": ${header} was issued as ${was === null ? "blank" : was} but ${where(table, body.row, header)} now holds ` +
                `${now === null ? describeInput(value) : now}. Only the yellow cells are yours to change; please put it back.`,
            ),
          );
        }
      }
    }
  },
});
