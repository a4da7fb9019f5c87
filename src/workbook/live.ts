/**
 * Live checking: edits inside the return's tables re-run validation after a short pause (debounced). A local edit
 * re-reads only the rows it touched and merges them into the last snapshot; a structural one (rows or columns
 * inserted or deleted, or nothing read yet) reads the whole return again.
 */
import type { CellInput } from "../core/types";
import type { TableSnapshot, WorkbookSnapshot } from "./snapshot";

/** What changed: a table and its body rows (0-based); structural when rows or columns were added or removed. */
export interface ReturnEdit {
  readonly table: string;
  readonly rows: readonly number[];
  readonly structural?: boolean;
  /** Made by a co-author (the change event's source was "Remote"), not by the person at this pane. */
  readonly remote?: boolean;
}

/** One body row as re-read from the workbook. */
export interface RowRead {
  readonly row: number;
  readonly values: readonly CellInput[];
  readonly formulas: readonly CellInput[];
}

/** The snapshot with some body rows of one table replaced; rows outside the table leave it unchanged. */
export function mergeRows(
  snapshot: WorkbookSnapshot,
  tableName: string,
  rows: readonly RowRead[],
): WorkbookSnapshot {
  const tables = snapshot.tables.map((t): TableSnapshot => {
    if (t.name.toLowerCase() !== tableName.toLowerCase()) return t;
    const values = [...t.values];
    const formulas = [...t.formulas];
    for (const r of rows) {
      if (r.row < 0 || r.row >= values.length) continue;
      values[r.row] = r.values;
      formulas[r.row] = r.formulas;
    }
    return { ...t, values, formulas };
  });
  return { ...snapshot, tables };
}

export interface LiveCheckOptions {
  readonly readSnapshot: () => Promise<WorkbookSnapshot>;
  readonly readRows: (table: TableSnapshot, rows: readonly number[]) => Promise<RowRead[]>;
  /**
   * Called with the up-to-date snapshot once edits settle; validate and annotate here. `local` is false when every
   * edit checked came from a co-author (their own pane, if open, highlights for them).
   */
  readonly onSnapshot: (
    snapshot: WorkbookSnapshot,
    edits: { readonly local: boolean },
  ) => void | Promise<void>;
  /** Pause after the last edit before checking (typing in several cells makes one check). */
  readonly delayMs?: number;
  /** Called when a check fails (e.g. Excel busy); live checking carries on with the next edit. */
  readonly onError?: (err: unknown) => void;
}

/** Debounces edits and keeps the last snapshot, re-reading as little as the edits allow. */
export class LiveCheck {
  private last: WorkbookSnapshot | null = null;
  private pending = new Map<string, Set<number>>();
  private structural = false;
  private byThisUser = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: LiveCheckOptions) {}

  /** The snapshot the next local edit is merged into (e.g. the one just validated). */
  start(snapshot: WorkbookSnapshot | null): void {
    this.last = snapshot;
  }

  get snapshot(): WorkbookSnapshot | null {
    return this.last;
  }

  notify(edit: ReturnEdit): void {
    if (edit.structural) this.structural = true;
    if (!edit.remote) this.byThisUser = true;
    const rows = this.pending.get(edit.table) ?? new Set<number>();
    edit.rows.forEach((r) => rows.add(r));
    this.pending.set(edit.table, rows);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.delayMs ?? 400);
  }

  /** Checks now what has changed so far (the debounce timer calls this). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const pending = this.pending;
    const structural = this.structural;
    const byThisUser = this.byThisUser;
    this.pending = new Map();
    this.structural = false;
    this.byThisUser = false;
    this.running = this.running.then(() => this.check(pending, structural, byThisUser));
    return this.running;
  }

  private async check(
    pending: Map<string, Set<number>>,
    structural: boolean,
    byThisUser: boolean,
  ): Promise<void> {
    if (pending.size === 0 && !structural) return;
    try {
      let snapshot = this.last;
      const local =
        snapshot !== null &&
        !structural &&
        [...pending.keys()].every((name) =>
          snapshot?.tables.some((t) => t.name.toLowerCase() === name.toLowerCase()),
        );
      if (!local || snapshot === null) {
        snapshot = await this.options.readSnapshot();
      } else {
        for (const [name, rows] of pending) {
          const table = snapshot.tables.find(
            (t) => t.name.toLowerCase() === name.toLowerCase(),
          ) as TableSnapshot;
          const wanted = [...rows].filter((r) => r >= 0 && r < table.values.length).sort((a, b) => a - b);
          if (wanted.length === 0) continue;
          snapshot = mergeRows(snapshot, name, await this.options.readRows(table, wanted));
        }
      }
      this.last = snapshot;
      await this.options.onSnapshot(snapshot, { local: byThisUser });
    } catch (err) {
      this.options.onError?.(err);
    }
  }
}
