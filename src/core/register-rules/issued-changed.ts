/**
 * REGISTER-ISSUED-CHANGED: a figure the team issued (a KPI's target, previous or last year's figure; a budget line's
 * award, or last quarter's spend to date) differs in the workbook from what the register says was issued. Only the
 * yellow cells are the provider's to change.
 */
import { BUDGET_COLUMNS, KPI_COLUMNS } from "../columns";
import type { RegisterEntry } from "../register";
import { finding, type RuleName } from "../rules/rule";
import type { Finding, Return } from "../types";
import { numberOf } from "../values";
import { defineRegisterRule } from "./rule";

function sameFigure(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function shown(n: number | null): string {
  return n === null ? "blank" : String(n);
}

const PUT_IT_BACK = "Only the yellow cells are the provider's to change; ask them to put it back.";

/** Each KPI's target, previous and last year's figure as issued. */
function kpiChanges(rule: RuleName, ret: Return, entry: RegisterEntry, out: Finding[]): void {
  for (const k of ret.kpis) {
    const issued = entry.issued.kpis[k.kpiId];
    if (!issued) continue;
    const cells = [
      ["target", KPI_COLUMNS.target, k.target],
      ["previous", KPI_COLUMNS.previous, k.previous],
      ["lastYear", KPI_COLUMNS.lastYear, k.lastYear],
    ] as const;
    for (const [field, column, value] of cells) {
      const now = numberOf(value);
      if (sameFigure(now, issued[field])) continue;
      out.push(
        finding(
          rule,
          `"${k.kpiId}": ${column} was issued as ${shown(issued[field])} (Return Register) but the workbook holds ${now === null ? "something else" : now}. ${PUT_IT_BACK}`,
          { table: "KpiReturn", row: k.row, column },
          { kpiId: k.kpiId },
        ),
      );
    }
  }
}

/** Each budget line's award, and last quarter's spend to date, as issued. */
function budgetChanges(rule: RuleName, ret: Return, entry: RegisterEntry, out: Finding[]): void {
  for (const b of ret.budget) {
    const issued = entry.issued.budget[b.lineId];
    if (!issued) continue;
    const now = numberOf(b.awarded);
    if (!sameFigure(now, issued.awarded)) {
      out.push(
        finding(
          rule,
          `"${b.lineId}": ${BUDGET_COLUMNS.awarded} was issued as ${shown(issued.awarded)} (Return Register) but the workbook holds ${now === null ? "something else" : now}. ${PUT_IT_BACK}`,
          { table: "BudgetReturn", row: b.row, column: BUDGET_COLUMNS.awarded },
          { lineId: b.lineId },
        ),
      );
    }
    const spent = entry.issued.previousSpent[b.lineId] ?? null;
    if (!sameFigure(b.previousSpent, spent)) {
      out.push(
        finding(
          rule,
          `"${b.lineId}": last quarter's spend to date was issued as ${shown(spent)} (Return Register) but the workbook's own record says ${shown(b.previousSpent)}; the register's figure is used.`,
          { table: "Metadata", column: "previousSpent" },
          { lineId: b.lineId },
        ),
      );
    }
  }
}

export const registerIssuedChangedRule = defineRegisterRule({
  id: "REGISTER-ISSUED-CHANGED",
  severity: "error",
  description:
    "A target, prior figure, award or last quarter's spend in the workbook differs from what the register says was issued.",
  examples: {
    fires: [
      { change: { workbook: { target: { referrals: 90 } } }, column: KPI_COLUMNS.target },
      { change: { workbook: { previous: { rate: 0.7 } } }, column: KPI_COLUMNS.previous },
      { change: { workbook: { lastYear: { referrals: null } } }, column: KPI_COLUMNS.lastYear },
      { change: { workbook: { awarded: 900 } }, column: BUDGET_COLUMNS.awarded },
      { change: { workbook: { previousSpent: 150 } }, column: "previousSpent" },
    ],
    // The provider's own cells, and an issued figure that differs only by rounding.
    quiet: [
      { workbook: { actual: { referrals: 120 }, spent: 600 } },
      { workbook: { target: { referrals: 100.00000001 } } },
    ],
  },
  check({ ret, entry }, out) {
    if (!entry) return;
    kpiChanges(this, ret, entry, out);
    budgetChanges(this, ret, entry, out);
  },
});
