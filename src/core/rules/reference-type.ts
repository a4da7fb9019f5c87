/** REFERENCE-TYPE: the officer's columns (target, previous quarter, last year) must be numbers when filled in. */
import type { Finding } from "../types";
import { AMEND, kpiFinding, KPI_COLUMNS, defineRule, type RuleName } from "./rule";

function finding(
  rule: RuleName,
  kpiId: string,
  label: string,
  row: number,
  raw: string,
  what: string,
  column: string,
): Finding {
  const message = `The ${what} for ${label} is "${raw}", which is not a number. ${AMEND}`;
  return kpiFinding(rule, kpiId, row, message, column);
}

export const referenceTypeRule = defineRule({
  id: "REFERENCE-TYPE",
  severity: "error",
  description:
    "A KPI's Target, Previous quarter or Same quarter last year holds text that cannot be read as a number, so variance and change cannot be worked out.",
  examples: {
    fires: [{ change: { target: { referrals: "abc" } }, column: "Target" }],
    quiet: [{ target: { referrals: null } }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      const { target, previous, lastYear } = entry;
      // Checked kind by kind without building a list per row: this runs for every KPI of every return.
      if (target.kind === "text")
        out.push(finding(this, def.id, def.label, entry.row, target.raw, "target", KPI_COLUMNS.target));
      if (previous.kind === "text") {
        out.push(
          finding(
            this,
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
            this,
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
});
