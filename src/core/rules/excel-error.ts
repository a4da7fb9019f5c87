/** EXCEL-ERROR: a cell shows an Excel error (#DIV/0!, #REF!, #N/A, #VALUE!…) instead of a value. */
import type { ParsedValue } from "../types";
import { AMEND, budgetFinding, BUDGET_COLUMNS, kpiFinding, KPI_COLUMNS, type Rule } from "./rule";

export const excelErrorRule: Rule = {
  id: "EXCEL-ERROR",
  severity: "error",
  description:
    "A cell of the return shows an Excel error value (#DIV/0!, #REF!, #N/A, #VALUE!, #NAME?, #NUM!, #NULL!).",
  check(ctx, out) {
    const rule = { id: this.id, severity: "error" } as const;
    const say = (what: string, v: ParsedValue & { kind: "excel-error" }): string =>
      `${what} shows the Excel error ${v.code}, not a figure. ${AMEND}`;
    for (const { def, entry } of ctx.kpis) {
      const cells: [ParsedValue, string, string][] = [
        [entry.actual, KPI_COLUMNS.actual, def.label],
        [entry.target, KPI_COLUMNS.target, `The target for ${def.label}`],
        [entry.previous, KPI_COLUMNS.previous, `The previous quarter's figure for ${def.label}`],
        [entry.lastYear, KPI_COLUMNS.lastYear, `Last year's figure for ${def.label}`],
      ];
      for (const [v, column, what] of cells) {
        if (v.kind === "excel-error") out.push(kpiFinding(rule, def.id, entry.row, say(what, v), column));
      }
    }
    for (const { def, entry } of ctx.budget) {
      if (entry.awarded.kind === "excel-error") {
        out.push(
          budgetFinding(
            rule,
            def.id,
            entry.row,
            say(`The award for ${def.label}`, entry.awarded),
            BUDGET_COLUMNS.awarded,
          ),
        );
      }
      if (entry.spentToDate.kind === "excel-error") {
        out.push(
          budgetFinding(rule, def.id, entry.row, say(`Spent to date on ${def.label}`, entry.spentToDate)),
        );
      }
    }
  },
};
