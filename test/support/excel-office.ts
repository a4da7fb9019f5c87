/**
 * Seed returns in the fake Excel, written by the real office-js executor: what the task pane's host tests open.
 * The IDVA template can be widened to any number of KPI rows, so round-trip counts can be compared across sizes.
 */
import { submit } from "../../src/core/lifecycle";
import type { KpiTemplate } from "../../src/core/types";
import { findSeedReturn, seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import { findTemplate } from "../../src/templates";
import { planNewReturn, planProviderInput, planReturnState, readReturn } from "../../src/workbook";
import { applyPlan, readSnapshot } from "../../src/workbook/office";
import { FakeWorkbook } from "./fake-excel";

/** A template like the IDVA one, with `rows` KPIs (at least its own six), so the return's size can grow. */
export function widenedIdva(rows: number): KpiTemplate {
  const base = findTemplate("idva") as KpiTemplate;
  const extra = Array.from({ length: Math.max(0, rows - base.kpis.length) }, (_, i) => ({
    ...base.kpis[0],
    id: `extra-${i + 1}`,
    label: `Extra referrals ${i + 1}`,
    required: false,
  }));
  return { ...base, kpis: [...base.kpis, ...extra] };
}

/** The seed's IDVA return, filled in by the provider and submitted, in a fresh fake Excel (not installed). */
export async function submittedIdvaReturn(template: KpiTemplate = widenedIdva(6)): Promise<FakeWorkbook> {
  const entry = findSeedReturn("idva");
  if (!entry) throw new Error("test setup: no IDVA seed return");
  const wb = new FakeWorkbook();
  const uninstall = wb.install();
  try {
    await applyPlan(planNewReturn({ ...seedSetup(entry), template }));
    await applyPlan(planProviderInput(await readSnapshot(), seedInput(entry)));
    const { ret } = readReturn(await readSnapshot(), [template]);
    if (!ret) throw new Error("test setup: no return read back");
    await applyPlan(planReturnState(submit(ret, { by: entry.provider, at: "2022-10-10T09:00:00Z" })));
  } finally {
    uninstall();
  }
  return wb;
}

/** The sheet row of a KPI in the fake workbook's KpiReturn table (found by its KPI ID in the first column). */
export function kpiSheetRow(wb: FakeWorkbook, kpiId: string): number {
  const table = wb.table("KpiReturn");
  if (!table) throw new Error("test setup: no KpiReturn table");
  for (let r = table.top + 1; r <= table.bottom; r++)
    if (table.sheet.peek(r, table.left)?.value === kpiId) return r;
  throw new Error(`test setup: no row for ${kpiId}`);
}
