/** REFERENCE-TYPE: the officer's columns (target, previous quarter, last year) must be numbers when filled in. */
import type { Finding } from "../types";
import { AMEND, kpiFinding, KPI_COLUMNS, type Rule } from "./rule";

function finding(
  kpiId: string,
  label: string,
  row: number,
  raw: string,
  what: string,
  column: string,
): Finding {
  const message = `The ${what} for ${label} is "${raw}", which is not a number. ${AMEND}`;
  return kpiFinding({ id: "REFERENCE-TYPE", severity: "error" }, kpiId, row, message, column);
}

export const referenceTypeRule: Rule = {
  id: "REFERENCE-TYPE",
  severity: "error",
  description:
    "A KPI's Target, Previous quarter or Same quarter last year holds text that cannot be read as a number, so variance and change cannot be worked out.",
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      const { target, previous, lastYear } = entry;
      // Checked kind by kind without building a list per row: this runs for every KPI of every return.
      if (target.kind === "text")
        out.push(finding(def.id, def.label, entry.row, target.raw, "target", KPI_COLUMNS.target));
      if (previous.kind === "text") {
        out.push(
          finding(
            def.id,
            def.label,
            entry.row,
            previous.raw,
            "previous quarter's figure",
            KPI_COLUMNS.previous,
          ),
        );
      }
      if (lastYear.kind === "text") {
        out.push(
          finding(
            def.id,
            def.label,
            entry.row,
            lastYear.raw,
            "figure for the same quarter last year",
            KPI_COLUMNS.lastYear,
          ),
        );
      }
    }
  },
};
