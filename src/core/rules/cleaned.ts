/** CLEANED: a figure typed as text ("£135, 640", "1,883", "95.83%") was read as a number; says how it was read. */
import { formatCount, formatCurrency, formatPercent } from "../format";
import type { ParsedValue, Unit } from "../types";
import { wasCleaned } from "../values";
import { budgetFinding, BUDGET_COLUMNS, kpiFinding, defineRule } from "./rule";

export const cleanedRule = defineRule({
  id: "CLEANED",
  severity: "info",
  description:
    "A figure was typed as text (with £, spaces, commas or a % sign) and has been read as a number; the message says how it was read so the provider can check it. Excel keeps such cells as text, so typing the plain number is better.",
  examples: {
    fires: [{ change: { actual: { referrals: " 100 " } }, column: "Actual" }],
    quiet: [{ actual: { referrals: 100 } }],
  },
  check(ctx, out) {
    for (const { def, entry } of ctx.kpis) {
      if (!wasCleaned(entry.actual)) continue;
      out.push(kpiFinding(this, def.id, entry.row, say(def.label, entry.actual, def.unit)));
    }
    for (const { def, entry } of ctx.budget) {
      if (wasCleaned(entry.spentToDate)) {
        out.push(
          budgetFinding(
            this,
            def.id,
            entry.row,
            say(`Spent to date on ${def.label}`, entry.spentToDate, "currency"),
          ),
        );
      }
      if (wasCleaned(entry.awarded)) {
        out.push(
          budgetFinding(
            this,
            def.id,
            entry.row,
            say(`The award for ${def.label}`, entry.awarded, "currency"),
            BUDGET_COLUMNS.awarded,
          ),
        );
      }
    }
  },
});

function say(what: string, v: ParsedValue & { kind: "number" }, unit: Unit): string {
  const shown =
    unit === "currency"
      ? formatCurrency(v.value)
      : v.percentSign
        ? `${formatPercent(v.value, 2)} (${formatCount(v.value, 6)})`
        : formatCount(v.value, 6);
  return `${what} was typed as text, "${String(v.raw).trim()}", and has been read as ${shown}. If that is right, nothing needs doing; typing the plain number keeps the sheet's sums working.`;
}
