/**
 * What the task pane asks of its host: the open workbook and the SharePoint lists, as coarse async operations.
 * Components receive a `ReturnsHost` as a prop and never call Excel.run or Graph themselves, so tests fake this
 * one boundary. The Excel- and Graph-backed implementation is src/taskpane/excel-host.ts.
 */
import type { RegisterStatus } from "../core/register";
import type { TemplateSummary } from "../core/template-library";
import type { QuarterReturns } from "./host-quarter";
import type { SyncConflict } from "../core/sync";
import type { Finding, KpiTemplate, Location, Return, Validation } from "../core/types";

/** The open workbook's return after a check. */
export interface ReturnCheck {
  /** Null when the workbook holds no readable return (the findings say why). */
  readonly ret: Return | null;
  readonly template: KpiTemplate | null;
  /** Null when there was no return to validate. */
  readonly validation: Validation | null;
  /** Every finding: the workbook's own (missing table, tampered formula…), the Return Register's, the template's rules. */
  readonly findings: readonly Finding[];
  /** What the decision room made of it, with the Return Register when it could be read. Absent on hosts without one. */
  readonly standing?: CaseStanding;
}

/** A checked return as the decision room (src/core/decisions.ts) sees it: the same answer on every face. */
export interface CaseStanding {
  /** No error (the workbook's, the register's or the rules') and no unexplained query stands, and the register knows it. */
  readonly approvable: boolean;
  /** False when checked offline: identity, issued figures, status and overrides are then the workbook's own claims. */
  readonly checkedAgainstRegister: boolean;
  /** The register's status for this return; null when not checked or when no issued return matches. */
  readonly registerStatus: RegisterStatus | null;
  /** Why the register was not read, in plain words; null when it was. */
  readonly notice: string | null;
}

/** How the pane reaches SharePoint: the local emulator (no sign-in) or a tenant (MSAL, behind a click). */
export interface Account {
  readonly mode: "emulator" | "tenant";
  /**
   * The signed-in person's name; null before sign-in. The emulator needs no sign-in and names its user. Officer
   * actions are recorded under the name GET /me gives for the signed-in account, never under this text alone.
   */
  readonly signedInAs: string | null;
}

/** A provider's explanation of one KPI or budget line, written to its Commentary cell. */
export interface CommentaryEntry {
  readonly kpiId?: string;
  readonly lineId?: string;
  readonly commentary: string;
}

/** The counts the pane's sync table shows (sync's own counts also have failed writes). */
export interface SyncTableCounts {
  /** Items the lists do not have yet. */
  readonly create: number;
  /** Items whose figures changed since the last sync. */
  readonly update: number;
  readonly unchanged: number;
  /** Items someone edited in the list by hand: sync leaves them alone and says so. */
  readonly conflict: number;
}

/** What a sync would do, before it does it. */
export interface SyncPreview {
  readonly counts: SyncTableCounts;
  readonly conflicts: readonly Pick<SyncConflict, "key" | "reason">[];
  /** Why the return cannot be synced (not approved, figures changed since approval…); null when it can. */
  readonly refused: string | null;
}

export interface ListLink {
  readonly label: string;
  readonly url: string;
}

/** What a sync did. */
export interface SyncOutcome extends SyncPreview {
  readonly lists: readonly ListLink[];
}

export interface TemplateChoice {
  readonly id: string;
  readonly title: string;
  readonly serviceArea: string;
}

/** One version in the template library, as the pane lists it. */
export type TemplateLibraryEntry = TemplateSummary;

export interface TemplateLibrary {
  readonly entries: readonly TemplateLibraryEntry[];
  /** Where the library's versions came from: the KPI Templates list, this computer's cache, or none (built-in only). */
  readonly from: "list" | "cache" | "built-in";
  /** Why the list was not read, in plain words; null when it was. */
  readonly notice: string | null;
}

export interface NewReturnRequest {
  readonly templateId: string;
  /** The exact version to issue (from the library); the latest published one when absent. */
  readonly templateVersion?: string;
  readonly provider: string;
  /** e.g. "2022-23 Q2". */
  readonly period: string;
}

export interface NewReturnOutcome {
  /** The sheet the return was written to. */
  readonly sheet: string;
  /** How many targets and prior figures were filled in from the SharePoint lists (0 when not signed in). */
  readonly prefilled: number;
}

export interface SummaryOutcome {
  readonly sheet: string;
  /** How many returns (provider × service) the summary covers. */
  readonly returns: number;
  readonly charts: number;
}

export type SyncProgress = (done: number, total: number) => void;

export interface ReturnsHost {
  /** The KPI templates a new return can be made from. */
  templates(): readonly TemplateChoice[];
  /**
   * The template library: built-in templates and every version in the site's KPI Templates list (read afresh, cached
   * on this computer for offline use). Absent on hosts without one.
   */
  templateLibrary?(): Promise<TemplateLibrary>;
  /**
   * The Return Register's returns for a period ("2022-23 Q2"), as the Quarter view lists them; needs the officer's
   * sign-in. Absent on hosts without a register.
   */
  quarterReturns?(period: string): Promise<QuarterReturns>;
  account(): Account;
  /** Interactive sign-in: call only from a click. */
  signIn(): Promise<Account>;

  /** Read the open workbook's return and validate it against its template (and highlight findings in the sheet). */
  checkReturn(): Promise<ReturnCheck>;
  /** Select the cell a finding points at. */
  goTo(location: Location): Promise<void>;
  /**
   * Live checking: while the return is open, edits inside its tables re-check it once they pause (debounced),
   * re-reading only the touched rows where the edit is local, and `onCheck` receives each new check (highlights
   * in the sheet follow). `onError` hears a failed check; the next edit tries again. Resolves to a function that
   * stops watching.
   */
  watchReturn(onCheck: (check: ReturnCheck) => void, onError: (err: unknown) => void): Promise<() => void>;

  /** Provider: write commentary for queried KPIs or budget lines, then re-check. */
  saveCommentary(entries: readonly CommentaryEntry[]): Promise<ReturnCheck>;
  /** Provider: mark the return submitted. */
  submit(): Promise<ReturnCheck>;

  /** Officer: record in the Return Register that the provider's workbook has been received and checked. */
  receive(): Promise<ReturnCheck>;
  /** Officer: accept a query with a recorded reason. */
  overrideQuery(finding: Finding, reason: string): Promise<ReturnCheck>;
  /** Officer: withdraw their override of a query; it needs an explanation again. */
  withdrawOverride(finding: Finding): Promise<ReturnCheck>;
  /** Officer: approve exactly the figures now in the workbook. */
  approve(comment: string): Promise<ReturnCheck>;
  /** Officer: send the return back to the provider with the reasons. */
  returnToProvider(reasons: readonly string[]): Promise<ReturnCheck>;
  /** Officer: take back a return sent to the provider by mistake (it is received again). */
  reopen(): Promise<ReturnCheck>;

  /** What a sync of the approved return would write, without writing. */
  previewSync(): Promise<SyncPreview>;
  syncReturn(onProgress: SyncProgress): Promise<SyncOutcome>;

  /** Write a new provider's return into the workbook from a template. */
  createReturn(request: NewReturnRequest): Promise<NewReturnOutcome>;
  /** Build the "Quarterly summary" sheet with charts from the lists' items for a period. */
  buildQuarterlySummary(period: string): Promise<SummaryOutcome>;
}
