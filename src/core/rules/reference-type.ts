/** REFERENCE-TYPE: the officer's columns (target, previous quarter, last year) must be numbers when filled in. */
import type { ParsedValue } from "../types";
import { AMEND, kpiFinding, KPI_COLUMNS, type Rule } from "./rule";

export const referenceTypeRule: Rule = {
  id: "REFERENCE-TYPE",
  severity: "error",
  description:
    "A KPI's Target, Previous quarter or Same quarter last year holds text that cannot be read as a number, so variance and change cannot be worked out.",
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      const cells: [ParsedValue, string, string][] = [
        [entry.target, KPI_COLUMNS.target, "target"],
        [entry.previous, KPI_COLUMNS.previous, "previous quarter's figure"],
        [entry.lastYear, KPI_COLUMNS.lastYear, "figure for the same quarter last year"],
      ];
      for (const [v, column, what] of cells) {
        if (v.kind !== "text") continue;
        out.push(
          kpiFinding(
            { id: this.id, severity: "error" },
            def.id,
            entry.row,
            `The ${what} for ${def.label} is "${v.raw}", which is not a number. ${AMEND}`,
            column,
          ),
        );
      }
    }
  },
};
