/** @jest-environment jsdom */
/**
 * Live checking in the pane: the real Excel host on the fake Excel, behind a workbook port that counts its reads.
 * Edits are checked once they pause (600 ms), a local edit re-reads only its rows, an inserted row re-reads the
 * whole return, what the pane shows follows, and closing the pane stops watching.
 */
import "@testing-library/jest-dom";
import { render, screen, waitFor, within } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/components/App";
import { createExcelHost, LIVE_CHECK_DELAY_MS, type WorkbookPort } from "../../src/taskpane/excel-host";
import { officeWorkbook } from "../../src/taskpane/office-workbook";
import { kpiSheetRow, submittedIdvaReturn } from "../support/excel-office";
import type { FakeWorkbook } from "../support/fake-excel";

/** The office-js port, every operation counted. */
function countingPort() {
  return {
    readSnapshot: jest.fn(officeWorkbook.readSnapshot),
    applyPlan: jest.fn(officeWorkbook.applyPlan),
    selectCell: jest.fn(officeWorkbook.selectCell),
    writeSummary: jest.fn(officeWorkbook.writeSummary),
    watchEdits: jest.fn(officeWorkbook.watchEdits),
    readRows: jest.fn(officeWorkbook.readRows),
  } satisfies WorkbookPort;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let wb: FakeWorkbook;
let uninstall: () => void;
beforeEach(async () => {
  wb = await submittedIdvaReturn();
  uninstall = wb.install();
});
afterEach(() => uninstall());

/** Views load on demand: give the first one time to arrive on a busy machine. */
const arriving = { timeout: 15_000 };

test("edits are checked once they pause, re-reading only the touched rows; the findings and KPI summary follow", async () => {
  const port = countingPort();
  const host = createExcelHost({ workbook: port, search: "" });
  const { unmount } = render(<App host={host} theme={webLightTheme} />);
  const summary = await screen.findByRole("list", { name: "KPI summary" }, arriving);
  const ypidva = () => within(summary).getByText("YPIDVA referrals").closest("li") as HTMLElement;
  expect(ypidva()).toHaveTextContent("26");
  expect(screen.queryByRole("heading", { name: "Errors (1)" })).not.toBeInTheDocument();
  await waitFor(() => expect(port.watchEdits).toHaveBeenCalledTimes(1));
  expect(port.readSnapshot).toHaveBeenCalledTimes(1); // the pane's first look

  // The provider clears YPIDVA referrals, then types a commentary two rows down, well inside the pause.
  await wb.editTable("KpiReturn", `G${kpiSheetRow(wb, "ypidva-referrals")}`, [[""]]);
  await pause((LIVE_CHECK_DELAY_MS * 2) / 3);
  await wb.editTable("KpiReturn", `H${kpiSheetRow(wb, "yp-declined")}`, [["One young person moved away."]]);
  await pause((LIVE_CHECK_DELAY_MS * 2) / 3);
  // Longer than the pause since the first edit, but the second restarted it: nothing read yet.
  expect(port.readRows).not.toHaveBeenCalled();

  await waitFor(() => expect(port.readRows).toHaveBeenCalledTimes(1));
  // One read of the two touched body rows (3 and 5), and no full read of the workbook.
  expect(port.readRows.mock.calls[0][1]).toEqual([3, 5]);
  expect(port.readSnapshot).toHaveBeenCalledTimes(1);
  const errors = (await screen.findByRole("heading", { name: "Errors (1)" })).parentElement as HTMLElement;
  expect(errors).toHaveTextContent(/YPIDVA referrals/);
  expect(screen.getByText(/^1 error, /)).toBeInTheDocument();
  expect(ypidva()).not.toHaveTextContent("26");
  expect(screen.getByRole("button", { name: "Approve" })).toHaveAttribute("aria-disabled", "true");

  unmount();
  await waitFor(() => expect(wb.table("KpiReturn")?.handlers.size).toBe(0));
});

test("an inserted row makes a full re-read", async () => {
  const port = countingPort();
  const host = createExcelHost({ workbook: port, search: "" });
  const { unmount } = render(<App host={host} theme={webLightTheme} />);
  await screen.findByRole("list", { name: "KPI summary" }, arriving);
  await waitFor(() => expect(port.watchEdits).toHaveBeenCalledTimes(1));

  wb.insertTableRow("KpiReturn", 2);
  const table = wb.table("KpiReturn");
  const inserted = (table?.top ?? 0) + 3;
  await wb.editTable("KpiReturn", `A${inserted}:M${inserted}`, undefined, "RowInserted");
  await wb.editTable("KpiReturn", `A${inserted}:B${inserted}`, [["new-kpi", "A KPI the template lacks"]]);

  await waitFor(() => expect(port.readSnapshot).toHaveBeenCalledTimes(2), { timeout: 3000 });
  expect(port.readRows).not.toHaveBeenCalled();
  // The added row is reported by the workbook reader, which only a full snapshot can show.
  expect(await screen.findAllByText(/^Check: ROW-ADDED$/)).not.toHaveLength(0);
  unmount();
});

test("a failed live check says so plainly and the next edit tries again", async () => {
  const consoleError = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const port = countingPort();
  const failing = { ...port, readRows: jest.fn().mockRejectedValueOnce(new Error("Excel is busy.\n  at x")) };
  failing.readRows.mockImplementation(officeWorkbook.readRows);
  const host = createExcelHost({ workbook: failing, search: "" });
  const { unmount } = render(<App host={host} theme={webLightTheme} />);
  await screen.findByRole("list", { name: "KPI summary" }, arriving);
  await waitFor(() => expect(port.watchEdits).toHaveBeenCalledTimes(1));

  await wb.editTable("KpiReturn", `G${kpiSheetRow(wb, "ypidva-referrals")}`, [[""]]);
  expect(
    // A failure nobody worded: the generic sentence and the live check's next step, never the raw text.
    await screen.findByText(/did not expect\. Your edits are not being checked as you type/, undefined, {
      timeout: 3000,
    }),
  ).toBeInTheDocument();
  expect(screen.queryByText(/Excel is busy/)).not.toBeInTheDocument();
  expect(consoleError).toHaveBeenCalledWith(expect.any(String), expect.stringContaining("Excel is busy."));
  await wb.editTable("KpiReturn", `G${kpiSheetRow(wb, "ypidva-referrals")}`, [[""]]);
  expect(await screen.findByRole("heading", { name: "Errors (1)" }, { timeout: 3000 })).toBeInTheDocument();
  expect(screen.queryByText(/Your edits are not being checked/)).not.toBeInTheDocument();
  consoleError.mockRestore();
  unmount();
});
