/**
 * SharePoint through Microsoft Graph: the public surface the task pane, the command line and the report use.
 * Import from here, not from the files behind it.
 */
export type { GraphTarget, TokenSource, SignInTokenSource } from "./target";
export {
  createGraphClient,
  decoratedUserAgent,
  explainGraphError,
  type GraphClient,
  type GraphClientOptions,
  type RetryOptions,
  type RequestRecord,
} from "./client";
export { provisionLists, checkLists, type ResolvedLists } from "./lists";
export { resentRequests, type BatchStats } from "./batch";
export { syncReturns } from "./sync";
export { refusalOf } from "./sync-jobs";
export type {
  SyncReturnInput,
  SyncOptions,
  SyncRunResult,
  ReturnSyncResult,
  SyncCounts,
  SyncItemOutcome,
  SyncAction,
} from "./sync-model";
export { readListItems, readPeriodItems } from "./read";
export { KPI_LIST_NAME, BUDGET_LIST_NAME } from "./schema";
export {
  kpiItemsFor,
  budgetItemsFor,
  returnKeyOf,
  type KpiListItem,
  type BudgetListItem,
  type ListItemAudit,
  type SyncAudit,
} from "./list-items";
export { REGISTER_LIST_NAME, registerListSchema } from "./register-schema";
export {
  readRegister,
  readRegisterEntry,
  writeRegisterEntry,
  createRegisterEntries,
  signedInOfficer,
  draftMessage,
  type RegisterRecord,
} from "./register";
export {
  syncWithRegister,
  caseFor,
  readRegisterFor,
  type WorkbookForSync,
  type RegisteredSync,
} from "./register-sync";
