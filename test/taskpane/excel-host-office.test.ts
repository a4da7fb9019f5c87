/**
 * The task pane's host on the office-js executor, against the workbook layer's fake Excel (which counts
 * context.sync calls and refuses reads of unloaded properties): each pane operation costs a fixed number of Excel
 * round trips, however many KPI rows the return has.
 */
import { submit } from "../../src/core/lifecycle";
import type { KpiTemplate } from "../../src/core/types";
import { findSeedReturn, seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import { createExcelHost } from "../../src/taskpane/excel-host";
import { officeWorkbook } from "../../src/taskpane/office-workbook";
import { findTemplate } from "../../src/templates";
import { planNewReturn, planProviderInput, planReturnState, readReturn } from "../../src/workbook";
import { applyPlan, readSnapshot } from "../../src/workbook/office";
import { FakeWorkbook } from "../support/fake-excel";

/** A template like the IDVA one, with `rows` KPIs, so the return's size can grow. */
function widened(rows: number): KpiTemplate {
  const base = findTemplate("idva") as KpiTemplate;
  const extra = Array.from({ length: rows - base.kpis.length }, (_, i) => ({
    ...base.kpis[0],
    id: `extra-${i + 1}`,
    label: `Extra referrals ${i + 1}`,
    required: false,
  }));
  return { ...base, kpis: [...base.kpis, ...extra] };
}

async function submittedReturn(template: KpiTemplate): Promise<FakeWorkbook> {
  const entry = findSeedReturn("idva");
  if (!entry) throw new Error("no IDVA seed return");
  const wb = new FakeWorkbook();
  const uninstall = wb.install();
  try {
    await applyPlan(planNewReturn({ ...seedSetup(entry), template }));
    await applyPlan(planProviderInput(await readSnapshot(), seedInput(entry)));
    const { ret } = readReturn(await readSnapshot(), [template]);
    if (!ret) throw new Error("no return read back");
    await applyPlan(planReturnState(submit(ret, { by: entry.provider, at: "2022-10-10T09:00:00Z" })));
  } catch (err) {
    uninstall();
    throw err;
  }
  uninstall();
  return wb;
}

describe("Excel host on office-js (fake Excel)", () => {
  it.each([10, 1000])(
    "checks, goes to a cell and approves a %i-row return in a fixed number of syncs",
    async (rows) => {
      const template = widened(rows);
      const wb = await submittedReturn(template);
      const uninstall = wb.install();
      try {
        const host = createExcelHost({ workbook: officeWorkbook, search: "", templates: [template] });
        wb.resetCounts();
        const check = await host.checkReturn();
        expect(check.ret?.kpis).toHaveLength(rows);
        // Read the snapshot (2), write the highlights and notes (2).
        expect(wb.syncs).toBe(4);
        expect(wb.calculationSuspended.at(-1)).toBe(true); // the write, with calculation suspended

        const first = check.findings.find((f) => f.kpiId !== undefined && f.location.row !== undefined);
        if (first) {
          wb.resetCounts();
          await host.goTo(first.location);
          expect(wb.syncs).toBe(1);
          expect(wb.selection).not.toBeNull();
        }

        wb.resetCounts();
        const approved = await host.approve("Checked.");
        expect(approved.ret?.status).toBe("approved");
        // Read (2) and record the approval (2), then the re-check the pane shows (4).
        expect(wb.syncs).toBe(8);
      } finally {
        uninstall();
      }
    },
  );
});
