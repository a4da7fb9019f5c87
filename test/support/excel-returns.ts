/**
 * Test helpers for the return workbook: seed returns written through the ExcelJS executor and read back, and small
 * edits to snapshots (a column renamed, a row deleted…) that stand for what providers do to their workbooks.
 */
import ExcelJS from "exceljs";
import { planNewReturn, planProviderInput } from "../../src/workbook";
import type { TableSnapshot, WorkbookSnapshot } from "../../src/workbook";
import { newXlsx, xlsxFromBuffer, type XlsxReturnWorkbook } from "../../src/workbook/xlsx";
import { findSeedReturn, seedInput, seedSetup, type SeedReturn } from "../../src/seed/q2-2022-23";
import type { CellInput, KpiTemplate, Unit } from "../../src/core/types";
import { loadTemplate } from "../../src/core/template";
import type { TableEdit as TableCellEdit, WorkbookChange } from "../../src/workbook/rules/rule";

export function seed(templateId: string, provider?: string): SeedReturn {
  const entry = findSeedReturn(templateId, provider);
  if (!entry) throw new Error(`test setup: no seed return for ${templateId} ${provider ?? ""}`);
  return entry;
}

/** A new return for a seed entry, saved and reopened (so every check sees what a file holds, not memory). */
export async function blankReturn(entry: SeedReturn): Promise<XlsxReturnWorkbook> {
  const wb = newXlsx();
  wb.apply(planNewReturn(seedSetup(entry)));
  return xlsxFromBuffer(await wb.toBuffer(), "blank.xlsx");
}

/** A seed return with the provider's figures typed in, saved and reopened. */
export async function filledReturn(entry: SeedReturn): Promise<XlsxReturnWorkbook> {
  const wb = await blankReturn(entry);
  wb.apply(planProviderInput(wb.snapshot(), seedInput(entry)));
  return xlsxFromBuffer(await wb.toBuffer(), "filled.xlsx");
}

/** The raw ExcelJS workbook behind a return, for checking formats, validation and protection directly. */
export async function rawWorkbook(wb: XlsxReturnWorkbook): Promise<ExcelJS.Workbook> {
  const raw = new ExcelJS.Workbook();
  await raw.xlsx.load((await wb.toBuffer()) as unknown as ArrayBuffer);
  return raw;
}

type TableEdit = (table: TableSnapshot) => TableSnapshot | null;

/** A snapshot with one table changed (or removed, when the edit returns null). */
export function editTable(snapshot: WorkbookSnapshot, name: string, edit: TableEdit): WorkbookSnapshot {
  const tables: TableSnapshot[] = [];
  for (const t of snapshot.tables) {
    if (t.name !== name) {
      tables.push(t);
      continue;
    }
    const changed = edit(t);
    if (changed) tables.push(changed);
  }
  return { ...snapshot, tables };
}

export function renameHeader(table: TableSnapshot, from: string, to: string): TableSnapshot {
  return { ...table, headers: table.headers.map((h) => (h === from ? to : h)) };
}

export function dropColumn(table: TableSnapshot, header: string): TableSnapshot {
  const i = table.headers.indexOf(header);
  const without = <T>(row: readonly T[]): T[] => row.filter((_, j) => j !== i);
  return {
    ...table,
    headers: without(table.headers),
    values: table.values.map(without),
    formulas: table.formulas.map(without),
  };
}

export function addColumn(table: TableSnapshot, header: string): TableSnapshot {
  return {
    ...table,
    headers: [...table.headers, header],
    values: table.values.map((r) => [...r, null]),
    formulas: table.formulas.map((r) => [...r, null]),
  };
}

export function dropRow(table: TableSnapshot, row: number): TableSnapshot {
  const without = <T>(rows: readonly T[]): T[] => rows.filter((_, i) => i !== row);
  return {
    ...table,
    values: without(table.values),
    formulas: without(table.formulas),
  };
}

/** Appends a row: `cells` by header; computed columns get no formula unless given. */
export function addRow(table: TableSnapshot, cells: Record<string, CellInput>): TableSnapshot {
  const row = table.headers.map((h) => cells[h] ?? null);
  return {
    ...table,
    values: [...table.values, row],
    formulas: [...table.formulas, row],
  };
}

/** Sets one body cell's value (and formula text, so it reads as a typed constant). */
export function setCell(table: TableSnapshot, row: number, header: string, value: CellInput): TableSnapshot {
  const c = table.headers.indexOf(header);
  const put = (rows: readonly (readonly CellInput[])[]): CellInput[][] =>
    rows.map((r, i) => (i === row ? r.map((v, j) => (j === c ? value : v)) : [...r]));
  return { ...table, values: put(table.values), formulas: put(table.formulas) };
}

/** A workbook check's example made real: the untouched return's snapshot with the example's change applied. */
export function changedWorkbook(untouched: WorkbookSnapshot, change: WorkbookChange): WorkbookSnapshot {
  const edit = (table: TableSnapshot, e: TableCellEdit): TableSnapshot => {
    if ("rename" in e) return renameHeader(table, e.rename, e.to);
    if ("dropColumn" in e) return dropColumn(table, e.dropColumn);
    if ("addColumn" in e) return addColumn(table, e.addColumn);
    if ("addRow" in e) return addRow(table, { ...e.addRow });
    return setCell(table, e.set.row, e.set.column, e.set.value);
  };
  if ("table" in change) return editTable(untouched, change.table, (t) => change.edits.reduce(edit, t));
  if (change.metadata === null) return { ...untouched, metadata: null };
  return { ...untouched, metadata: { ...untouched.metadata, ...change.metadata } };
}

const UNITS: readonly Unit[] = ["count", "percent", "currency", "number", "days"];

/**
 * A made-up template with `kpis` KPI rows and `lines` budget lines, for size and round-trip counts. Templates hold at
 * most 150 KPIs, so a larger return (a size test, not a real template) is the 150-KPI template widened as the
 * provider's workbook could be.
 */
export function syntheticTemplate(kpis: number, lines = 1): KpiTemplate {
  const most = 150;
  if (kpis <= most) return loadSyntheticTemplate(kpis, lines);
  const base = loadSyntheticTemplate(most, lines);
  const extra = Array.from({ length: kpis - most }, (_, i) => {
    const like = base.kpis[(most + i) % UNITS.length];
    const n = most + i + 1;
    return {
      ...like,
      id: `kpi-${n}`,
      label: `Synthetic KPI ${n}`,
      guidance: `Type KPI ${n} for the quarter.`,
    };
  });
  return {
    ...base,
    id: `synthetic-${kpis}`,
    title: `Synthetic return with ${kpis} KPIs`,
    kpis: [...base.kpis, ...extra],
  };
}

function loadSyntheticTemplate(kpis: number, lines: number): KpiTemplate {
  return loadTemplate(
    {
      id: `synthetic-${kpis}`,
      version: "1.0.0",
      title: `Synthetic return with ${kpis} KPIs`,
      serviceArea: "Testing",
      kpis: Array.from({ length: kpis }, (_, i) => ({
        id: `kpi-${i + 1}`,
        label: `Synthetic KPI ${i + 1}`,
        unit: UNITS[i % UNITS.length],
        ...(UNITS[i % UNITS.length] === "percent" ? { max: 1 } : {}),
        guidance: `Type KPI ${i + 1} for the quarter.`,
      })),
      budgetLines: Array.from({ length: lines }, (_, i) => ({
        id: `line-${i + 1}`,
        label: `Budget line ${i + 1}`,
      })),
    },
    `synthetic-${kpis}.json`,
  );
}

/** A setup for a synthetic template: targets and prior figures for every KPI, an award for every line. */
export function syntheticSetup(template: KpiTemplate): {
  template: KpiTemplate;
  provider: string;
  period: string;
  targets: Record<string, number>;
  previous: Record<string, number>;
  lastYear: Record<string, number>;
  awarded: Record<string, number>;
} {
  const figure = (i: number, unit: Unit): number => (unit === "percent" ? 0.5 + (i % 40) / 100 : 100 + i * 3);
  const by = (f: (i: number, unit: Unit) => number): Record<string, number> =>
    Object.fromEntries(template.kpis.map((k, i) => [k.id, f(i, k.unit)]));
  return {
    template,
    provider: "Synthetic Provider",
    period: "2022-23 Q2",
    targets: by(figure),
    previous: by((i, u) => figure(i + 7, u)),
    lastYear: by((i, u) => figure(i + 3, u)),
    awarded: Object.fromEntries(template.budgetLines.map((l, i) => [l.id, 10000 * (i + 1)])),
  };
}
