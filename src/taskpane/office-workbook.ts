/** The workbook port in Excel: the workbook layer's office-js executor, plus the quarterly summary sheet writer. */
import { applyPlan, readSnapshot, selectCell } from "../workbook/office";
import type { WorkbookPort } from "./excel-host";
import { writeSummarySheet } from "./summary-sheet";

export const officeWorkbook: WorkbookPort = {
  readSnapshot,
  applyPlan,
  selectCell,
  writeSummary: writeSummarySheet,
};
