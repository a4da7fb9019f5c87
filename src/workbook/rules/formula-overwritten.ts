/**
 * FORMULA-OVERWRITTEN: a computed cell not holding the formula the return was made with: a typed value, or a
 * different formula (a RAG of ="Green" on a red KPI). With the template known the formula itself is compared;
 * without it only "is it a formula" can be. Rows that are not the template's are reported as such, not here: a row
 * inserted by LibreOffice has empty computed cells, and its one finding is ROW-ADDED.
 */
import { cellFinding, defineWorkbookRule, isFormula, shortFormula, trimmedCellText, where } from "./rule";

/** A formula's text compared as Excel compares it: case and spaces outside quoted text do not matter. */
function formulaKey(formula: string): string {
  return formula
    .split('"')
    .map((part, i) => (i % 2 === 0 ? part.replace(/\s+/g, "").toUpperCase() : part))
    .join('"');
}

export const formulaOverwrittenRule = defineWorkbookRule({
  id: "FORMULA-OVERWRITTEN",
  severity: "error",
  description: "A computed cell's formula has been replaced by a typed value or by a different formula.",
  examples: {
    fires: [
      {
        change: { table: "BudgetReturn", edits: [{ set: { row: 0, column: "Utilisation", value: 0.5 } }] },
        column: "Utilisation",
      },
      {
        change: { table: "KpiReturn", edits: [{ set: { row: 0, column: "RAG", value: '="Green"' } }] },
        column: "RAG",
      },
    ],
    // An added row's empty computed cells are ROW-ADDED's alone.
    quiet: [{ table: "KpiReturn", edits: [{ addRow: { "KPI ID": "made-up", Actual: 5 } }] }],
  },
  check(ctx, out) {
    for (const read of ctx.tables) {
      const { table, spec, formulasOf } = read;
      for (const header of spec.computed) {
        const column = table.headers.indexOf(header);
        if (column < 0) continue;
        for (const body of read.rows) {
          if (body.kind !== "template") continue;
          const cell = table.formulas[body.row]?.[column] ?? null;
          const wanted = formulasOf?.(body.id)?.[header];
          const key = isFormula(cell) ? formulaKey(String(cell)) : null;
          if (key !== null && (wanted === undefined || wanted.some((w) => formulaKey(w) === key))) continue;
          const shown = isFormula(cell)
            ? `the formula ${shortFormula(String(cell))}`
            : trimmedCellText(cell) === ""
              ? "nothing"
              : `"${trimmedCellText(cell)}"`;
          out.push(
            cellFinding(
              this,
              read,
              { row: body.row, column: header, id: body.id },
              `"${body.id}": the ${header} cell ${where(table, body.row, header)} holds ${shown} instead of its formula. ` +
                `Please undo the change, or copy the formula from a neighbouring row.`,
            ),
          );
        }
      }
    }
  },
});
