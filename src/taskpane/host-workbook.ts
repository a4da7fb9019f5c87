/**
 * The task pane's reads and writes of the open workbook: every full read (and the live checks waiting for it), the
 * latest snapshot, and the highlights last written, so live checking rewrites them only when they change and in ways
 * that keep the person's undo.
 */
import type { Finding, Location } from "../core/types";
import {
  planAnnotations,
  type LiveCheck,
  type ReturnEdit,
  type RowRead,
  type TableSnapshot,
  type WorkbookPlan,
  type WorkbookSnapshot,
} from "../workbook";
import type { SummaryLayout } from "./summary-sheet";

/** The workbook, as the host needs it: coarse operations, each a small fixed number of Excel round trips. */
export interface WorkbookPort {
  readSnapshot(): Promise<WorkbookSnapshot>;
  applyPlan(plan: WorkbookPlan): Promise<void>;
  selectCell(location: Location): Promise<void>;
  writeSummary(layout: SummaryLayout): Promise<{ sheet: string; charts: number }>;
  /**
   * Writes highlights without anything that clears the user's undo (live checking); resolves false when it could
   * not. Absent where there is no undo to keep (an .xlsx file): applyPlan is used.
   */
  applyHighlights?(plan: WorkbookPlan): Promise<boolean>;
  /** Reports edits inside the return's tables; resolves to a function that stops. Absent where nothing can watch. */
  watchEdits?(onEdit: (edit: ReturnEdit) => void): Promise<() => Promise<void>>;
  /** Re-reads some body rows of a table (live checking of a local edit). */
  readRows?(table: TableSnapshot, rows: readonly number[]): Promise<RowRead[]>;
}

/** How a check highlights its findings: always (Validate), live (keeping undo), or not at all (before an action). */
export type Highlight = "always" | "live" | "never";

export interface OpenWorkbook {
  readonly port: WorkbookPort;
  /** Live checks running: every full read hands them the snapshot to merge their next local edit into. */
  readonly watchers: Set<LiveCheck>;
  /** Full reads started so far; a live check built on an older read than the newest is dropped. */
  reads(): number;
  latest(): WorkbookSnapshot | null;
  readAll(): Promise<WorkbookSnapshot>;
  /** Writes a plan that is not highlights: what is highlighted in the sheet is then no longer known. */
  apply(plan: WorkbookPlan): Promise<void>;
  annotate(
    snapshot: WorkbookSnapshot,
    findings: readonly Finding[],
    when: Exclude<Highlight, "never">,
  ): Promise<void>;
}

export function openWorkbook(port: WorkbookPort): OpenWorkbook {
  const watchers = new Set<LiveCheck>();
  let reads = 0;
  let latest: WorkbookSnapshot | null = null;
  /** The highlights last written (the plan as JSON), so a live check rewrites them only when they change. */
  let annotated: string | null = null;

  return {
    port,
    watchers,
    reads: () => reads,
    latest: () => latest,
    async readAll(): Promise<WorkbookSnapshot> {
      reads += 1;
      const snapshot = await port.readSnapshot();
      latest = snapshot;
      for (const w of watchers) w.start(snapshot);
      return snapshot;
    },
    apply(plan: WorkbookPlan): Promise<void> {
      annotated = null;
      return port.applyPlan(plan);
    },
    /**
     * Highlights findings in the sheet. While the provider types (live), only in ways that keep their undo: where
     * the sheet's protection does not allow that, the highlights wait for the next Validate.
     */
    async annotate(snapshot, findings, when): Promise<void> {
      const plan = planAnnotations(snapshot, findings);
      const key = JSON.stringify(plan);
      if (when !== "always" && key === annotated) return;
      annotated = null;
      if (when === "live" && port.applyHighlights) {
        if (await port.applyHighlights(plan)) annotated = key;
        return;
      }
      await port.applyPlan(plan);
      annotated = key;
    },
  };
}
