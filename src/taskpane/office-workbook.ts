/**
 * The workbook port in Excel: the workbook layer's office-js executor (including table change events for live
 * checking), plus the quarterly summary sheet writer. The writer (and the report narrative it draws on) is loaded
 * only when a summary is written, so it stays out of the pane's first script.
 */
import {
  applyHighlights,
  applyPlan,
  readSnapshot,
  readTableRows,
  selectCell,
  watchReturnEdits,
} from "../workbook/office";
import type { WorkbookPort } from "./host-workbook";

export const officeWorkbook: WorkbookPort = {
  readSnapshot,
  applyPlan,
  applyHighlights,
  selectCell,
  writeSummary: async (layout) => {
    const { writeSummarySheet } = await import(/* webpackChunkName: "summary-report" */ "./summary-sheet");
    return writeSummarySheet(layout);
  },
  watchEdits: watchReturnEdits,
  readRows: readTableRows,
};
