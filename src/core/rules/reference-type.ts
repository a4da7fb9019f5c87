/** REFERENCE-TYPE: the officer's columns (target, previous quarter, last year) must be numbers when filled in. */
import { AMEND, kpiFinding, KPI_COLUMNS, defineRule } from "./rule";

/** The officer's columns of a KPI row (field, words, column), made once: the check runs for every KPI of every return. */
const REFERENCES = [
  ["target", "target", KPI_COLUMNS.target],
  ["previous", "previous quarter's figure", KPI_COLUMNS.previous],
  ["lastYear", "figure for the same quarter last year", KPI_COLUMNS.lastYear],
] as const;

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
      for (const [field, what, column] of REFERENCES) {
        const value = entry[field];
        if (value.kind !== "text") continue;
        const message = `The ${what} for ${def.label} is "${value.raw}", which is not a number. ${AMEND}`;
        out.push(kpiFinding(this, def.id, entry.row, message, column));
      }
    }
  },
});
