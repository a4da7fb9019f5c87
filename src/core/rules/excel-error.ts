/** EXCEL-ERROR: a cell shows an Excel error (#DIV/0!, #REF!, #N/A, #VALUE!…) instead of a value. */
import type { ParsedValue } from "../types";
import { AMEND, budgetFinding, BUDGET_COLUMNS, kpiFinding, KPI_COLUMNS, defineRule } from "./rule";

function say(what: string, v: ParsedValue & { kind: "excel-error" }): string {
  return `${what} shows the Excel error ${v.code}, not a figure. ${AMEND}`;
}

export const excelErrorRule = defineRule({
  id: "EXCEL-ERROR",
  severity: "error",
  description:
    "A cell of the return shows an Excel error value (#DIV/0!, #REF!, #N/A, #VALUE!, #NAME?, #NUM!, #NULL!).",
  examples: {
    fires: [{ change: { actual: { referrals: "#DIV/0!" } }, column: "Actual" }],
    quiet: [{ actual: { referrals: "N/A" } }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      const { actual, target, previous, lastYear } = entry;
      if (actual.kind === "excel-error")
        out.push(kpiFinding(this, def.id, entry.row, say(def.label, actual)));
      if (target.kind === "excel-error") {
        out.push(
          kpiFinding(this, def.id, entry.row, say(`The target for ${def.label}`, target), KPI_COLUMNS.target),
        );
      }
      if (previous.kind === "excel-error") {
        const what = `The previous quarter's figure for ${def.label}`;
        out.push(kpiFinding(this, def.id, entry.row, say(what, previous), KPI_COLUMNS.previous));
      }
      if (lastYear.kind === "excel-error") {
        const what = `Last year's figure for ${def.label}`;
        out.push(kpiFinding(this, def.id, entry.row, say(what, lastYear), KPI_COLUMNS.lastYear));
      }
    }
    for (const { def, entry } of ctx.budget) {
      if (entry.awarded.kind === "excel-error") {
        out.push(
          budgetFinding(
            this,
            def.id,
            entry.row,
            say(`The award for ${def.label}`, entry.awarded),
            BUDGET_COLUMNS.awarded,
          ),
        );
      }
      if (entry.spentToDate.kind === "excel-error") {
        out.push(
          budgetFinding(this, def.id, entry.row, say(`Spent to date on ${def.label}`, entry.spentToDate)),
        );
      }
    }
  },
});
