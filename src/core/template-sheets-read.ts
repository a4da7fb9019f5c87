/**
 * A template read back from its workbook's cells: the Template sheet's rows found by name, each list sheet's rows
 * read by column, then the checks that span cells (unique ids, min below max, rules naming real KPIs, cumulative
 * profiles). Every problem names its sheet and cell; the template is returned only when there are none.
 */
import { UserError } from "./errors";
import { loadTemplate } from "./template";
import { readField, showCell } from "./template-sheet-cell";
import {
  BUDGET_LINES_SHEET,
  FIRST_DATA_ROW,
  HEADING_ROW,
  KPIS_SHEET,
  RULES_SHEET_FIELDS,
  RULES_SHEET,
  SHEET_FIELDS,
  TEMPLATE_ROWS,
  TEMPLATE_SHEET,
  TEMPLATE_SHEETS,
  type TemplateSheetName,
} from "./template-sheets";
import { columnName } from "./template-sheets-write";
import { DEFAULT_TOLERANCE, TEMPLATE_LIMITS } from "./template-vocabulary";
import type { CellInput, KpiTemplate, Tolerance } from "./types";

/** The cells read from each sheet: row 1 first, column A first. A missing sheet is absent. */
export type TemplateGrid = Readonly<Partial<Record<string, readonly (readonly CellInput[])[]>>>;

export interface SheetProblem {
  readonly sheet: string;
  /** "D7"; "" when the problem is the whole sheet. */
  readonly cell: string;
  readonly message: string;
}

export function problemText(p: SheetProblem): string {
  return p.cell ? `${p.sheet}!${p.cell}: ${p.message}` : `${p.sheet}: ${p.message}`;
}

export interface TemplateRead {
  /** The template, when there were no problems. */
  readonly template: KpiTemplate | null;
  readonly problems: readonly SheetProblem[];
}

type Json = Record<string, unknown>;

function setPath(obj: Json, key: string, value: unknown): void {
  const [head, tail] = key.split(".");
  if (tail === undefined) {
    obj[head] = value;
    return;
  }
  // Nested objects are made here, from our own field table, never from a key read out of the workbook.
  const inner = (obj[head] ??= /^\d+$/.test(tail) ? [] : {}) as Json;
  inner[tail] = value;
}

function isBlankRow(row: readonly CellInput[] | undefined, width: number): boolean {
  if (!row) return true;
  for (let c = 0; c < width; c++) {
    const v = row[c];
    if (!(v === null || v === undefined || (typeof v === "string" && v.trim() === ""))) return false;
  }
  return true;
}

interface ListRow {
  readonly row: number;
  readonly value: Json;
  /** Where each field's cell is, for problems found after reading. */
  readonly cells: Readonly<Record<string, string>>;
}

/** Reads the item rows of a list sheet: headings checked, blank rows skipped, every cell read by its column. */
function readList(
  grid: TemplateGrid,
  sheet: TemplateSheetName,
  limit: number,
  add: (p: SheetProblem) => void,
): ListRow[] {
  const rows = grid[sheet];
  const { fields } = SHEET_FIELDS[sheet];
  if (rows === undefined) {
    if (sheet === KPIS_SHEET || sheet === TEMPLATE_SHEET)
      add({ sheet, cell: "", message: `the sheet "${sheet}" is missing from the workbook.` });
    return [];
  }
  const headings = rows[HEADING_ROW - 1] ?? [];
  let headingsOk = true;
  fields.forEach((f, i) => {
    const found = headings[i];
    if (typeof found !== "string" || found.trim() !== f.heading) {
      headingsOk = false;
      add({
        sheet,
        cell: `${columnName(i + 1)}${HEADING_ROW}`,
        message: `the heading should be "${f.heading}", not ${showCell(found ?? null)}; the sheet is read by column, so put it back.`,
      });
    }
  });
  if (!headingsOk) return [];
  const out: ListRow[] = [];
  for (let r = FIRST_DATA_ROW; r <= rows.length; r++) {
    const cells = rows[r - 1];
    if (isBlankRow(cells, fields.length + 4)) continue;
    if (out.length >= limit) {
      add({
        sheet,
        cell: `A${r}`,
        message: `the sheet holds more than ${limit} rows; the most a template may have is ${limit}.`,
      });
      break;
    }
    const value: Json = {};
    const where: Record<string, string> = {};
    fields.forEach((f, i) => {
      const cell = `${columnName(i + 1)}${r}`;
      where[f.key.split(".")[0]] ??= cell;
      const v = readField(cells?.[i] ?? null, f, (message) => add({ sheet, cell, message }));
      if (v !== undefined) setPath(value, f.key, v);
    });
    // Anything typed beyond the last column is not part of the template: say so rather than ignore it.
    for (let c = fields.length; c < (cells?.length ?? 0); c++) {
      const v = cells?.[c];
      if (!(v === null || v === undefined || (typeof v === "string" && v.trim() === ""))) {
        add({
          sheet,
          cell: `${columnName(c + 1)}${r}`,
          message: `this cell is outside the template's columns; move or clear it.`,
        });
      }
    }
    out.push({ row: r, value, cells: where });
  }
  return out;
}

type Add = (p: SheetProblem) => void;

/** The Template sheet: each row found by its name in column A, its value read from column B. Returns where each is. */
function readTemplateSheet(grid: TemplateGrid, json: Json, add: Add): Record<string, string> {
  const tRows = grid[TEMPLATE_SHEET];
  const templateCells: Record<string, string> = {};
  if (tRows === undefined) {
    add({
      sheet: TEMPLATE_SHEET,
      cell: "",
      message: `the sheet "${TEMPLATE_SHEET}" is missing from the workbook.`,
    });
    return templateCells;
  }
  for (const f of TEMPLATE_ROWS) {
    const index = tRows.findIndex(
      (row, i) => i >= HEADING_ROW && typeof row[0] === "string" && row[0].trim() === f.heading,
    );
    if (index < 0) {
      add({
        sheet: TEMPLATE_SHEET,
        cell: "A",
        message: `the row "${f.heading}" is missing; put it back in column A.`,
      });
      continue;
    }
    const cell = `B${index + 1}`;
    templateCells[f.key] = cell;
    const v = readField(tRows[index][1] ?? null, f, (message) =>
      add({ sheet: TEMPLATE_SHEET, cell, message }),
    );
    if (v !== undefined) setPath(json, f.key, v);
  }
  return templateCells;
}

/** Each id used once in its sheet. */
function uniqueIds(items: readonly ListRow[], sheet: string, noun: string, add: Add): void {
  const seen = new Map<string, number>();
  for (const item of items) {
    const id = item.value.id;
    if (typeof id !== "string") continue;
    const first = seen.get(id);
    if (first !== undefined)
      add({
        sheet,
        cell: item.cells.id,
        message: `${noun} id "${id}" is already used in row ${first}; each needs its own.`,
      });
    else seen.set(id, item.row);
  }
}

/** A KPI's min not above its max, and its own tolerance (over the template's) green not beyond red. */
function checkKpis(kpis: readonly ListRow[], tol: Partial<Tolerance> | undefined, add: Add): void {
  for (const k of kpis) {
    const { min, max } = k.value as { min?: number; max?: number };
    if (min !== undefined && max !== undefined && min > max)
      add({ sheet: KPIS_SHEET, cell: k.cells.max, message: `max ${max} is below min ${min}.` });
    const t = k.value.tolerance as Partial<Tolerance> | undefined;
    const green = t?.targetGreenPct ?? tol?.targetGreenPct ?? DEFAULT_TOLERANCE.targetGreenPct;
    const red = t?.targetRedPct ?? tol?.targetRedPct ?? DEFAULT_TOLERANCE.targetRedPct;
    if (t && green > red)
      add({
        sheet: KPIS_SHEET,
        cell: k.cells.tolerance,
        message: `the red tolerance (${red}) must not be below the green (${green}).`,
      });
  }
}

/**
 * One rule's KPI column (`field`): filled when its kind `needed` it, each id a KPI on the KPIs sheet; a column the
 * kind does not use is cleared, with a problem.
 */
function checkRuleRef(
  r: ListRow,
  field: string,
  needed: boolean,
  kpiIds: ReadonlySet<string>,
  add: Add,
): void {
  const v = r.value;
  const id = v[field];
  if (id === undefined) {
    if (needed)
      add({
        sheet: RULES_SHEET,
        cell: r.cells[field],
        message: `a ${String(v.kind)} rule needs ${headingOf(field)}.`,
      });
    return;
  }
  if (!needed) {
    add({
      sheet: RULES_SHEET,
      cell: r.cells[field],
      message: `${headingOf(field)} is only for ${v.kind === "sum" ? "compare" : "sum"} rules; clear it.`,
    });
    delete v[field];
    return;
  }
  for (const one of Array.isArray(id) ? (id as string[]) : [id as string]) {
    if (!kpiIds.has(one))
      add({
        sheet: RULES_SHEET,
        cell: r.cells[field],
        message: `"${one}" is not a KPI id on the KPIs sheet.`,
      });
  }
}

/** Each rule's columns as its kind needs them: compare rules Left, Op, Right; sum rules Parts and Total. */
function checkRules(
  rules: readonly ListRow[],
  kpis: readonly ListRow[],
  problems: readonly SheetProblem[],
  add: Add,
): void {
  const kpiIds = new Set(kpis.map((k) => k.value.id).filter((id): id is string => typeof id === "string"));
  for (const r of rules) {
    const v = r.value;
    if (v.kind !== "compare" && v.kind !== "sum") continue;
    const compare = v.kind === "compare";
    checkRuleRef(r, "left", compare, kpiIds, add);
    checkRuleRef(r, "right", compare, kpiIds, add);
    checkRuleRef(r, "parts", !compare, kpiIds, add);
    checkRuleRef(r, "total", !compare, kpiIds, add);
    if (!compare) {
      if (v.op !== undefined) {
        add({ sheet: RULES_SHEET, cell: r.cells.op, message: "Op is only for compare rules; clear it." });
        delete v.op;
      }
    } else if (v.op === undefined && !problems.some((p) => p.cell === r.cells.op)) {
      add({ sheet: RULES_SHEET, cell: r.cells.op, message: "a compare rule needs Op." });
    }
  }
}

/** A budget line's profile: all four quarters or none, never falling, reaching 100% at Q4. */
function checkProfiles(lines: readonly ListRow[], add: Add): void {
  for (const line of lines) {
    const p = line.value.profile as (number | undefined)[] | undefined;
    if (p === undefined) continue;
    const filled = [0, 1, 2, 3].filter((i) => p[i] !== undefined).length;
    if (filled !== 4) {
      add({
        sheet: BUDGET_LINES_SHEET,
        cell: line.cells.profile,
        message: "fill in all four profile quarters, or none for a straight line.",
      });
    } else if (p.some((v, i) => i > 0 && (v as number) < (p[i - 1] as number)) || p[3] !== 1) {
      add({
        sheet: BUDGET_LINES_SHEET,
        cell: line.cells.profile,
        message:
          "the profile is cumulative: it must never fall from one quarter to the next, and reach 100% at Q4.",
      });
    }
  }
}

/** The template's JSON passed through loadTemplate, the last gate; what it says is placed on the Template sheet. */
function loadRead(json: Json, source: string): TemplateRead {
  try {
    return { template: loadTemplate(json, source), problems: [] };
  } catch (err) {
    // The checks above mirror loadTemplate's, so this is a last gate: place what it says on the sheet it is about.
    const lines = err instanceof UserError ? err.message.split("\n") : ["the template could not be read."];
    return {
      template: null,
      problems: lines.map((line) => ({
        sheet: TEMPLATE_SHEET,
        cell: "",
        message: line.replace(/^Template "[^"]*": /, ""),
      })),
    };
  }
}

/**
 * Reads a template back from its workbook's cells. Every problem names its sheet and cell; the template is returned
 * only when there are none, and then it has passed `loadTemplate` like any other.
 */
export function templateFromSheets(grid: TemplateGrid, source: string): TemplateRead {
  const problems: SheetProblem[] = [];
  const add = (p: SheetProblem): void => void problems.push(p);
  const json: Json = {};

  const templateCells = readTemplateSheet(grid, json, add);
  const tol = json.tolerance as Partial<Tolerance> | undefined;
  if (
    tol?.targetGreenPct !== undefined &&
    tol.targetRedPct !== undefined &&
    tol.targetGreenPct > tol.targetRedPct
  ) {
    add({
      sheet: TEMPLATE_SHEET,
      cell: templateCells["tolerance.targetRedPct"] ?? "",
      message: `the red tolerance (${tol.targetRedPct}) must not be below the green (${tol.targetGreenPct}).`,
    });
  }

  const kpis = readList(grid, KPIS_SHEET, TEMPLATE_LIMITS.kpis, add);
  const rules = readList(grid, RULES_SHEET, TEMPLATE_LIMITS.rules, add);
  const lines = readList(grid, BUDGET_LINES_SHEET, TEMPLATE_LIMITS.budgetLines, add);

  if (grid[KPIS_SHEET] !== undefined && kpis.length === 0 && !problems.some((p) => p.sheet === KPIS_SHEET)) {
    add({ sheet: KPIS_SHEET, cell: `A${FIRST_DATA_ROW}`, message: "a template needs at least one KPI." });
  }
  uniqueIds(kpis, KPIS_SHEET, "KPI", add);
  uniqueIds(rules, RULES_SHEET, "rule", add);
  uniqueIds(lines, BUDGET_LINES_SHEET, "budget line", add);
  checkKpis(kpis, tol, add);
  checkRules(rules, kpis, problems, add);
  checkProfiles(lines, add);

  if (problems.length > 0) return { template: null, problems: inSheetOrder(problems) };
  json.kpis = kpis.map((k) => k.value);
  json.rules = rules.map((r) => r.value);
  json.budgetLines = lines.map((l) => l.value);
  return loadRead(json, source);
}

/** Problems in reading order: sheet by sheet as the workbook shows them, then row, then column. */
function inSheetOrder(problems: readonly SheetProblem[]): SheetProblem[] {
  const place = (p: SheetProblem): [number, number, number] => {
    const m = /^([A-Z]+)(\d*)$/.exec(p.cell);
    const column = m ? m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;
    return [(TEMPLATE_SHEETS as readonly string[]).indexOf(p.sheet), m && m[2] ? Number(m[2]) : 0, column];
  };
  return [...problems].sort((a, b) => {
    const [pa, pb] = [place(a), place(b)];
    return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
  });
}

function headingOf(key: string): string {
  return RULES_SHEET_FIELDS.find((f) => f.key === key)?.heading ?? key;
}
