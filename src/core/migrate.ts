/**
 * Moving a return that is not yet approved to a newer version of its template: which figures and commentaries carry
 * over (KPIs and budget lines that still exist), what the provider must now fill in (added), what is dropped (removed,
 * with the figures that go), and what else changed. Approved and synced returns are never migrated: what was approved
 * is what is synced, so their template version is fixed.
 */
import { formatValue } from "./format";
import { classifyChange, compareVersions } from "./template-library";
import type { CellInput, KpiTemplate, ParsedValue, Return } from "./types";

export interface MigratedItem {
  readonly kind: "KPI" | "budget line";
  readonly id: string;
  readonly label: string;
}

export interface RemovedItem extends MigratedItem {
  /** The figures and commentary that are dropped, in words ("actual 492; commentary …"); "" when there were none. */
  readonly dropped: string;
}

export interface MigrationReport {
  readonly from: string;
  readonly to: string;
  readonly carried: readonly MigratedItem[];
  readonly added: readonly MigratedItem[];
  readonly removed: readonly RemovedItem[];
  /** Other changes between the versions (re-defined KPIs, rules, wording), as classifyChange words them. */
  readonly changed: readonly string[];
  /** Officer overrides not carried: the figures are checked afresh against the new version. */
  readonly overridesDropped: number;
}

/** What the new return is written with: the figures issued with the old one, and what the provider had typed. */
export interface MigrationPlan {
  readonly report: MigrationReport;
  readonly issued: {
    readonly targets: Record<string, number>;
    readonly previous: Record<string, number>;
    readonly lastYear: Record<string, number>;
    readonly awarded: Record<string, number>;
    readonly previousSpent: Record<string, number>;
  };
  readonly typed: {
    readonly kpis: Record<string, { actual?: CellInput; commentary?: string }>;
    readonly budget: Record<string, { spentToDate?: CellInput; commentary?: string }>;
  };
}

/** Why this return may not be migrated to `to`, or null when it may. */
export function migrationRefusal(ret: Return, from: KpiTemplate, to: KpiTemplate): string | null {
  if (ret.status === "approved" || ret.status === "synced" || ret.approval !== undefined) {
    return `This return is ${ret.status === "synced" ? "synced" : "approved"}: approved and synced returns keep the template version they were approved with, and are never migrated.`;
  }
  if (to.id !== from.id) return `Version ${to.version} is of template "${to.id}", not "${from.id}".`;
  if (compareVersions(to.version, from.version) <= 0)
    return `The return is on ${from.id}@${from.version}; migration only moves to a newer version, not ${to.version}.`;
  return null;
}

/** The cell as typed, for carrying over: numbers and text as they were, nothing for a blank. */
function typedValue(v: ParsedValue): CellInput | undefined {
  switch (v.kind) {
    case "number":
      return v.raw;
    case "missing":
    case "text":
      return v.raw;
    case "excel-error":
      return v.code;
    case "blank":
      return undefined;
  }
}

const numberOf = (v: ParsedValue): number | undefined => (v.kind === "number" ? v.value : undefined);

type Moved = { carried: MigratedItem[]; added: MigratedItem[]; removed: RemovedItem[] };

/** One migration under way: the return, both versions, and the lists and records being filled. */
interface Migration extends Omit<MigrationPlan, "report"> {
  readonly ret: Return;
  readonly from: KpiTemplate;
  readonly to: KpiTemplate;
  readonly moved: Moved;
}

/** Carried, added and removed KPIs: the targets issued with the old return and the actuals the provider typed. */
function planKpis({ ret, from, to, moved, issued, typed }: Migration): void {
  const kpiEntries = new Map(ret.kpis.map((k) => [k.kpiId, k]));
  const fromKpis = new Map(from.kpis.map((k) => [k.id, k]));
  for (const kpi of to.kpis) {
    const entry = kpiEntries.get(kpi.id);
    if (!entry || !fromKpis.has(kpi.id)) {
      moved.added.push({ kind: "KPI", id: kpi.id, label: kpi.label });
      continue;
    }
    moved.carried.push({ kind: "KPI", id: kpi.id, label: kpi.label });
    const put = (into: Record<string, number>, v: ParsedValue): void => {
      const n = numberOf(v);
      if (n !== undefined) into[kpi.id] = n;
    };
    put(issued.targets, entry.target);
    put(issued.previous, entry.previous);
    put(issued.lastYear, entry.lastYear);
    const actual = typedValue(entry.actual);
    typed.kpis[kpi.id] = {
      ...(actual !== undefined ? { actual } : {}),
      ...(entry.commentary ? { commentary: entry.commentary } : {}),
    };
  }
  const toKpis = new Set(to.kpis.map((k) => k.id));
  for (const entry of ret.kpis) {
    if (toKpis.has(entry.kpiId)) continue;
    const def = fromKpis.get(entry.kpiId);
    const n = numberOf(entry.actual);
    const actual =
      n !== undefined && def
        ? formatValue(n, def.unit, from.percentScale)
        : entry.actual.kind === "blank"
          ? ""
          : String(typedValue(entry.actual) ?? "");
    const parts = [
      actual ? `actual ${actual}` : "",
      entry.commentary ? `commentary "${entry.commentary}"` : "",
    ];
    moved.removed.push({
      kind: "KPI",
      id: entry.kpiId,
      label: def?.label ?? entry.label,
      dropped: parts.filter(Boolean).join("; "),
    });
  }
}

/** Carried, added and removed budget lines: the awards issued with the old return and the spend the provider typed. */
function planBudget({ ret, from, to, moved, issued, typed }: Migration): void {
  const lineEntries = new Map(ret.budget.map((b) => [b.lineId, b]));
  const fromLines = new Set(from.budgetLines.map((b) => b.id));
  for (const line of to.budgetLines) {
    const entry = lineEntries.get(line.id);
    if (!entry || !fromLines.has(line.id)) {
      moved.added.push({ kind: "budget line", id: line.id, label: line.label });
      continue;
    }
    moved.carried.push({ kind: "budget line", id: line.id, label: line.label });
    const awarded = numberOf(entry.awarded);
    if (awarded !== undefined) issued.awarded[line.id] = awarded;
    if (entry.previousSpent !== null) issued.previousSpent[line.id] = entry.previousSpent;
    const spent = typedValue(entry.spentToDate);
    typed.budget[line.id] = {
      ...(spent !== undefined ? { spentToDate: spent } : {}),
      ...(entry.commentary ? { commentary: entry.commentary } : {}),
    };
  }
  const toLines = new Set(to.budgetLines.map((b) => b.id));
  for (const entry of ret.budget) {
    if (toLines.has(entry.lineId)) continue;
    const spent = numberOf(entry.spentToDate);
    const parts = [
      spent !== undefined ? `spent to date ${formatValue(spent, "currency")}` : "",
      entry.commentary ? `commentary "${entry.commentary}"` : "",
    ];
    moved.removed.push({
      kind: "budget line",
      id: entry.lineId,
      label: entry.label,
      dropped: parts.filter(Boolean).join("; "),
    });
  }
}

/** The plan for moving `ret` from template version `from` to `to` (call migrationRefusal first). */
export function planMigration(ret: Return, from: KpiTemplate, to: KpiTemplate): MigrationPlan {
  const moved: Moved = { carried: [], added: [], removed: [] };
  const issued: MigrationPlan["issued"] = {
    targets: {},
    previous: {},
    lastYear: {},
    awarded: {},
    previousSpent: {},
  };
  const typed: MigrationPlan["typed"] = { kpis: {}, budget: {} };
  // KPIs first, then budget lines: the report lists them in that order.
  const migration: Migration = { ret, from, to, moved, issued, typed };
  planKpis(migration);
  planBudget(migration);

  // Additions and removals are listed above; "changed" holds the rest, so nothing is said twice.
  const changed = classifyChange(from, to)
    .changes.map((c) => c.what)
    .filter((what) => !/ (added|removed)$/.test(what) || what.startsWith("rule "));
  return {
    report: { from: from.version, to: to.version, ...moved, changed, overridesDropped: ret.overrides.length },
    issued,
    typed,
  };
}

/** The report as plain lines, for the command line and the task pane. */
export function migrationReportLines(report: MigrationReport): string[] {
  const lines = [`Moved from version ${report.from} to ${report.to}.`];
  lines.push(
    `Carried over (${report.carried.length}): ${report.carried.map((c) => `${c.kind} "${c.id}"`).join(", ") || "nothing"}.`,
  );
  lines.push(
    report.added.length === 0
      ? "Added: nothing."
      : `Added, to fill in (${report.added.length}): ${report.added.map((a) => `${a.kind} "${a.id}" (${a.label})`).join(", ")}.`,
  );
  if (report.removed.length === 0) lines.push("Removed: nothing.");
  else {
    lines.push(`Removed (${report.removed.length}), with what is dropped:`);
    for (const r of report.removed)
      lines.push(`  ${r.kind} "${r.id}" (${r.label}): ${r.dropped || "no figures entered"}`);
  }
  lines.push(
    report.changed.length === 0 ? "Changed: nothing else." : `Changed: ${report.changed.join("; ")}.`,
  );
  if (report.overridesDropped > 0)
    lines.push(
      `${report.overridesDropped} officer override(s) not carried: the figures are checked afresh against version ${report.to}.`,
    );
  return lines;
}
