/**
 * FORMULA-TYPED: a cell that is not computed (the provider's inputs, ids, labels and issued figures) holding a
 * formula. Its cached result is never used: the figure read is the formula text, so it is never validated, hashed
 * or synced as a number. A formula reaching outside the workbook says so.
 */
import { cellFinding, defineWorkbookRule, isFormula, shortFormula, trimmedCellText, where } from "./rule";

/** What a typed formula reaches, when it reaches outside the workbook: named in its finding. */
function formulaReach(formula: string): string | null {
  if (/\bWEBSERVICE\s*\(|\bFILTERXML\s*\(/i.test(formula))
    return "fetches data from the internet (WEBSERVICE)";
  if (/\bDDE\s*\(|[A-Za-z0-9_.]+\|'?[^'!]*'?!/.test(formula))
    return "is a DDE link that runs another program";
  if (/\[[^\]]*\][^!]*!|\[\d+\]/.test(formula) && !/\[\[?#/.test(formula)) return "links to another workbook";
  return null;
}

export const formulaTypedRule = defineWorkbookRule({
  id: "FORMULA-TYPED",
  severity: "error",
  description:
    "A cell the provider types (or one issued with the return) holds a formula: its last result is never used. " +
    "A link to another workbook, a DDE link or WEBSERVICE is named.",
  examples: {
    fires: [
      {
        change: { table: "KpiReturn", edits: [{ set: { row: 0, column: "Actual", value: "=1+1" } }] },
        column: "Actual",
      },
      {
        change: {
          table: "KpiReturn",
          edits: [{ set: { row: 1, column: "Actual", value: "=[Other.xlsx]Sheet1!A1" } }],
        },
        column: "Actual",
      },
    ],
    quiet: [{ table: "KpiReturn", edits: [{ set: { row: 0, column: "Actual", value: "1+1" } }] }],
  },
  check(ctx, out) {
    for (const read of ctx.tables) {
      const { table, spec } = read;
      const idColumn = table.headers.indexOf(spec.idHeader);
      table.formulas.forEach((row, r) => {
        row.forEach((cell, column) => {
          const header = table.headers[column] ?? "";
          if (!isFormula(cell) || spec.computed.includes(header.trim())) return;
          const formula = String(cell);
          const id = idColumn >= 0 && idColumn !== column ? trimmedCellText(table.values[r]?.[idColumn]) : "";
          const reach = formulaReach(formula);
          out.push(
            cellFinding(
              this,
              read,
              { row: r, column: header, id },
              `${id ? `"${id}": the` : "The"} ${header || "unnamed"} cell ${where(table, r, header)} holds the formula ` +
                `${shortFormula(formula)}${reach ? `, which ${reach}` : ""}, not a typed figure; its result is not used. ` +
                `Please type the figure itself.`,
            ),
          );
        });
      });
    }
  },
});
