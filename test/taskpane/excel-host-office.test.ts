/**
 * The task pane's host on the office-js executor, against the workbook layer's fake Excel (which counts
 * context.sync calls and refuses reads of unloaded properties): each pane operation costs a fixed number of Excel
 * round trips, however many KPI rows the return has.
 */
import { EMULATOR_TOKEN, resolveGraphTarget } from "../../src/auth/config";
import { startEmulator } from "../../src/emulator";
import { findSeedReturn, seedSetup } from "../../src/seed/q2-2022-23";
import { createGraphClient, createRegisterEntries, provisionLists } from "../../src/sharepoint";
import { createExcelHost } from "../../src/taskpane/excel-host";
import type { ReturnCheck } from "../../src/taskpane/host";
import { COLOURS, KPI_SHEET } from "../../src/workbook";
import { cellsOf } from "../support/fake-excel";
import { officeWorkbook } from "../../src/taskpane/office-workbook";
import { kpiSheetRow, submittedIdvaReturn, widenedIdva } from "../support/excel-office";
import { setupEntry } from "../support/register";
import type { KpiTemplate } from "../../src/core/types";

/** An emulator whose Return Register has the IDVA return issued with this template: approvals go there first. */
async function registerFor(template: KpiTemplate) {
  const emulator = await startEmulator({ port: 0 });
  const search = `?emulator=${encodeURIComponent(emulator.url)}`;
  const { target } = resolveGraphTarget(search);
  const client = createGraphClient(target, { getToken: async () => EMULATOR_TOKEN });
  await provisionLists(client, target);
  await createRegisterEntries(client, target, [
    setupEntry({ ...seedSetup(findSeedReturn("idva")!), template }),
  ]);
  return { emulator, search };
}

describe("Excel host on office-js (fake Excel)", () => {
  it.each([10, 1000])(
    "checks, goes to a cell and approves a %i-row return in a fixed number of syncs",
    async (rows) => {
      const template = widenedIdva(rows);
      const wb = await submittedIdvaReturn(template);
      const { emulator, search } = await registerFor(template);
      const uninstall = wb.install();
      try {
        const host = createExcelHost({ workbook: officeWorkbook, search, templates: [template] });
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
        // Read (2) and stamp the register's approval (2), then the re-check the pane shows (4).
        expect(wb.syncs).toBe(8);
      } finally {
        uninstall();
        await emulator.stop();
      }
    },
  );

  it.each([10, 1000])(
    "live-checks a local edit of a %i-row return from the touched rows: 1 sync, 3 when highlights change",
    async (rows) => {
      const template = widenedIdva(rows);
      const wb = await submittedIdvaReturn(template);
      const uninstall = wb.install();
      try {
        const host = createExcelHost({
          workbook: officeWorkbook,
          search: "",
          templates: [template],
          liveCheckDelayMs: 20,
        });
        await host.checkReturn();
        const checks: ReturnCheck[] = [];
        const failures: unknown[] = [];
        const stop = await host.watchReturn(
          (c) => checks.push(c),
          (err) => failures.push(err),
        );
        const cell = (kpiId: string, column: "G" | "H") => `${column}${kpiSheetRow(wb, kpiId)}`;

        // Commentary on a KPI with no finding: the row is re-read (1 sync) and the highlights stand as they are.
        wb.resetCounts();
        await wb.editTable("KpiReturn", cell("yp-declined", "H"), [["One young person moved away."]]);
        await until(() => checks.length === 1);
        expect(wb.syncs).toBe(1);
        expect(checks[0].ret?.kpis.find((k) => k.kpiId === "yp-declined")?.commentary).toBe(
          "One young person moved away.",
        );

        // YPIDVA referrals cleared: a new error, so the row is re-read (1) and the highlights rewritten (2).
        wb.resetCounts();
        await wb.editTable("KpiReturn", cell("ypidva-referrals", "G"), [[""]]);
        await until(() => checks.length === 2);
        expect(wb.syncs).toBe(3);
        const required = checks[1].findings.find((f) => f.kpiId === "ypidva-referrals");
        expect(required).toMatchObject({ severity: "error", location: { column: "Actual" } });
        const [[highlighted]] = cellsOf(wb, KPI_SHEET, cell("ypidva-referrals", "G"));
        expect(highlighted.fill).toBe(COLOURS.error);
        expect(wb.notes.some((n) => n.content.includes(required?.ruleId ?? "?"))).toBe(true);

        stop();
        await until(() => wb.table("KpiReturn")?.handlers.size === 0);
        await wb.editTable("KpiReturn", cell("ypidva-referrals", "G"), [[26]]);
        await new Promise((r) => setTimeout(r, 60));
        expect(checks).toHaveLength(2);
        expect(failures).toEqual([]);
      } finally {
        uninstall();
      }
    },
  );
});

async function until(done: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 5));
  }
}
