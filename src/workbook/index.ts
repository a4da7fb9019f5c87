/**
 * The return workbook: its contract (table and column names), plans for writing it, reading a snapshot into core's
 * Return, and the office-js executor. The Node .xlsx executor lives in ./xlsx (kept out of the task pane's bundle).
 */
export * from "./contract";
export type {
  WorkbookPlan,
  PlanValue,
  SheetStep,
  TableStep,
  CellsStep,
  FormatStep,
  ValidationStep,
  ValidationRule,
  WidthStep,
  NoteStep,
  ClearNotesStep,
  ProtectionStep,
  FreezeStep,
} from "./plan";
export { emptyPlan, combinePlans } from "./plan";
export type { WorkbookSnapshot, TableSnapshot } from "./snapshot";
export { tableOf } from "./snapshot";
export { issuedFigures, type ReturnSetup } from "./return-setup";
export { planNewReturn } from "./new-return";
export { planProviderInput, type ProviderInput } from "./provider-input";
export { readReturn, workbookRuleCatalogue, type ReadResult } from "./read";
export { cellOf } from "./locate";
export { planAnnotations } from "./annotate";
export { planReturnState, statusText } from "./state";
export { LiveCheck, mergeRows, type ReturnEdit, type RowRead, type LiveCheckOptions } from "./live";
export { readSnapshot, applyPlan, selectCell, watchReturnEdits, readTableRows } from "./office";
