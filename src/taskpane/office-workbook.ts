/**
 * The workbook port in Excel: the workbook layer's office-js executor (including table change events for live
 * checking), plus the quarterly summary sheet writer.
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
import { writeSummarySheet } from "./summary-sheet";

export const officeWorkbook: WorkbookPort = {
  readSnapshot,
  applyPlan,
  applyHighlights,
  selectCell,
  writeSummary: writeSummarySheet,
  watchEdits: watchReturnEdits,
  readRows: readTableRows,
};
