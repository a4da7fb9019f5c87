/**
 * Plans for writing a return: a new return from a KPI template (sheets, tables, formulas, formats, data validation,
 * protection, widths, metadata), and a provider's figures typed into an existing one.
 */
import { UserError } from "../core/errors";
import { parsePeriod, periodDates } from "../core/period";
import { formatValue } from "../core/format";
import { parseCell } from "../core/values";
import type { BudgetLineDefinition, CellInput, KpiDefinition, KpiTemplate, Unit } from "../core/types";
import { cellAddress, columnLetter, parseRange, rangeAddress } from "./a1";
import {
  BUDGET_COLUMNS,
  BUDGET_COMPUTED_COLUMNS,
  BUDGET_HEADERS,
  BUDGET_INPUT_COLUMNS,
  BUDGET_SHEET,
  BUDGET_TABLE,
  COLOURS,
  KPI_COLUMNS,
  KPI_COMPUTED_COLUMNS,
  KPI_HEADERS,
  KPI_INPUT_COLUMNS,
  KPI_SHEET,
  KPI_TABLE,
  META,
  METADATA_SHEET,
  NOTE_MARKER,
  TABLE_HEADER_ROW,
} from "./contract";
import { budgetFormulas, kpiFormulas } from "./formulas";
import { encodeState, type IssuedFigures } from "./metadata";
import type {
  CellsStep,
  FormatStep,
  NoteStep,
  NumberFormatStep,
  PlanValue,
  ValidationStep,
  WorkbookPlan,
  WidthStep,
} from "./plan";
import { emptyPlan } from "./plan";
import { tableOf, type WorkbookSnapshot } from "./snapshot";

/** What a commissioner issues to a provider: the template, who and when, and the figures already known. */
export interface ReturnSetup {
  readonly template: KpiTemplate;
  readonly provider: string;
  /** "2022-23 Q2". */
  readonly period: string;
  /** By KPI id. */
  readonly targets?: Readonly<Record<string, number>>;
  readonly previous?: Readonly<Record<string, number>>;
  readonly lastYear?: Readonly<Record<string, number>>;
  /** By budget line id. */
  readonly awarded?: Readonly<Record<string, number>>;
  /** Spent to date reported last quarter, by budget line id (kept in the metadata for the budget rules). */
  readonly previousSpent?: Readonly<Record<string, number>>;
}

/** What a provider types: actuals and commentaries by KPI id, spend and commentaries by budget line id. */
export interface ProviderInput {
  readonly kpis?: Readonly<Record<string, { readonly actual?: CellInput; readonly commentary?: string }>>;
  readonly budget?: Readonly<
    Record<string, { readonly spentToDate?: CellInput; readonly commentary?: string }>
  >;
}

/** en-GB number formats by unit, for figures and for signed differences of them. */
export function numberFormatFor(
  unit: Unit,
  percentScale: KpiTemplate["percentScale"],
  integer = true,
): string {
  switch (unit) {
    case "count":
      return "#,##0";
    case "currency":
      return "£#,##0";
    case "percent":
      return percentScale === "fraction" ? "0.0%" : '0.0"%"';
    case "days":
      return "#,##0.0";
    case "number":
      return integer ? "#,##0" : "#,##0.00";
  }
}

function signedFormat(format: string): string {
  return `+${format};-${format};${format}`;
}

export const FORMATS = {
  signedPercent: "+0.0%;-0.0%;0.0%",
  signedPoints: '+0.0" pts";-0.0" pts";0.0" pts"',
  date: "dd/mm/yyyy",
  text: "@",
  fraction: "0.0%",
  currency: "£#,##0",
  signedCurrency: "+£#,##0;-£#,##0;£0",
} as const;

/** Excel's serial day number for an ISO date (days since 30/12/1899), the way both Excel and LibreOffice store dates. */
export function excelDate(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

const cut = (text: string, max: number): string => (text.length <= max ? text : text.slice(0, max - 1) + "…");

/**
 * Excel's data validation limits: titles 32 characters, an input prompt's message 255, an error alert's message 225
 * ([MS-XLSB] DValStrings; Excel refuses longer ones).
 */
export const VALIDATION_TEXT = { title: 32, prompt: 255, alert: 225 } as const;

/** Data validation for a KPI's Actual cell: what its unit allows, its guidance as the prompt, a stop alert. */
export function validationFor(
  template: KpiTemplate,
  kpi: KpiDefinition,
  sheet: string,
  cell: string,
): ValidationStep {
  const prompt = {
    title: cut(kpi.label, VALIDATION_TEXT.title),
    message: cut(kpi.guidance || `Enter ${kpi.label}.`, VALIDATION_TEXT.prompt),
  };
  if (kpi.allowedValues && kpi.allowedValues.length > 0) {
    const values = kpi.allowedValues.map(String);
    return {
      sheet,
      address: cell,
      rule: { kind: "list", values },
      prompt,
      alert: {
        title: "Not an allowed value",
        message: cut(`${kpi.label} must be one of: ${values.join("; ")}.`, VALIDATION_TEXT.alert),
      },
    };
  }
  const isPercent = kpi.unit === "percent";
  const top = isPercent ? (template.percentScale === "fraction" ? 1 : 100) : undefined;
  const min = kpi.min ?? (kpi.unit === "number" ? undefined : 0);
  const max = kpi.max ?? top;
  const whole = kpi.integer || kpi.unit === "count";
  const show = (n: number): string => formatValue(n, kpi.unit, template.percentScale);
  const bounds =
    min !== undefined && max !== undefined
      ? `between ${show(min)} and ${show(max)}`
      : min !== undefined
        ? `of ${show(min)} or more`
        : max !== undefined
          ? `of ${show(max)} or less`
          : "";
  const what = whole
    ? "a whole number"
    : isPercent && template.percentScale === "fraction"
      ? "a percentage"
      : "a number";
  return {
    sheet,
    address: cell,
    rule: {
      kind: whole ? "wholeNumber" : "decimal",
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
    },
    prompt,
    alert: {
      title: cut(`Check ${kpi.label}`, VALIDATION_TEXT.title),
      message: cut(
        `${kpi.label}: enter ${what}${bounds ? " " + bounds : ""}, or leave it blank and explain in Commentary.`,
        VALIDATION_TEXT.alert,
      ),
    },
  };
}

interface SheetParts {
  cells: CellsStep[];
  numberFormats: NumberFormatStep[];
  formats: FormatStep[];
  validations: ValidationStep[];
  widths: WidthStep[];
}

/** Where each sheet shows the return's status (planReturnState keeps it current). */
export const STATUS_CELLS = "C2:D2";

/** Title, provider and period rows above a table. */
function headerBlock(
  sheet: string,
  title: string,
  setup: ReturnSetup,
  instructions: string,
  parts: SheetParts,
): void {
  const dates = periodDates(parsePeriod(setup.period));
  parts.cells.push(
    { sheet, address: "A1", values: [[title]] },
    { sheet, address: "A2:B2", values: [["Provider", setup.provider]] },
    { sheet, address: STATUS_CELLS, values: [["Status", "Draft"]] },
    {
      sheet,
      address: "A3:F3",
      values: [["Period", setup.period, "From", excelDate(dates.first), "To", excelDate(dates.last)]],
    },
    { sheet, address: "A4", values: [[instructions]] },
  );
  parts.formats.push(
    { sheet, address: "A1", bold: true, fontSize: 14 },
    { sheet, address: "A2:A3", bold: true },
    { sheet, address: "C2", bold: true, horizontalAlignment: "right" },
    { sheet, address: "C3", horizontalAlignment: "right" },
    { sheet, address: "E3", horizontalAlignment: "right" },
    { sheet, address: "D3", numberFormat: FORMATS.date, horizontalAlignment: "left" },
    { sheet, address: "F3", numberFormat: FORMATS.date, horizontalAlignment: "left" },
    { sheet, address: "A4", italic: true },
  );
}

/** Fill, lock and wrap for each column's body: input columns unlocked and yellow, computed ones grey. */
export function columnLooks(
  headers: readonly string[],
  inputs: readonly string[],
  computed: readonly string[],
): { header: string; fill: string | null; locked: boolean }[] {
  return headers.map((header) => ({
    header,
    fill: inputs.includes(header) ? COLOURS.input : computed.includes(header) ? COLOURS.computed : null,
    locked: !inputs.includes(header),
  }));
}

const KPI_WIDTHS: Record<string, number> = {
  [KPI_COLUMNS.id]: 16,
  [KPI_COLUMNS.label]: 46,
  [KPI_COLUMNS.unit]: 10,
  [KPI_COLUMNS.target]: 11,
  [KPI_COLUMNS.previous]: 12,
  [KPI_COLUMNS.lastYear]: 14,
  [KPI_COLUMNS.actual]: 11,
  [KPI_COLUMNS.commentary]: 46,
  [KPI_COLUMNS.variance]: 11,
  [KPI_COLUMNS.variancePct]: 11,
  [KPI_COLUMNS.changeVsPrevious]: 15,
  [KPI_COLUMNS.changeVsLastYear]: 17,
  [KPI_COLUMNS.rag]: 8,
};

const BUDGET_WIDTHS: Record<string, number> = {
  [BUDGET_COLUMNS.id]: 16,
  [BUDGET_COLUMNS.label]: 40,
  [BUDGET_COLUMNS.awarded]: 12,
  [BUDGET_COLUMNS.spentToDate]: 12,
  [BUDGET_COLUMNS.commentary]: 46,
  [BUDGET_COLUMNS.utilisation]: 11,
  [BUDGET_COLUMNS.expectedUtilisation]: 12,
  [BUDGET_COLUMNS.varianceVsProfile]: 13,
  [BUDGET_COLUMNS.forecastOutturn]: 12,
  [BUDGET_COLUMNS.forecastVariance]: 12,
  [BUDGET_COLUMNS.rag]: 8,
};

/** What differs between the KPI and budget sheets; `tableSheet` lays out the rest the same way for both. */
interface SheetLayout {
  readonly sheet: string;
  readonly title: string;
  readonly instructions: string;
  readonly headers: readonly string[];
  readonly inputs: readonly string[];
  readonly computed: readonly string[];
  readonly widths: Readonly<Record<string, number>>;
  /** Body rows, one per KPI or budget line, in header order. */
  readonly rows: readonly (readonly PlanValue[])[];
  readonly labelColumn: string;
  readonly commentaryColumn: string;
  readonly ragColumn: string;
  /** The input cell checked by data validation, and its rule for body row `i`. */
  readonly validatedColumn: string;
  readonly validation: (cell: string, i: number) => ValidationStep;
}

/**
 * A sheet holding one of the return's tables: header block, header row and body (values and formulas), input and
 * computed looks, wrapping, data validation and widths. Returns the parts and where each body column lies.
 */
function tableSheet(
  setup: ReturnSetup,
  layout: SheetLayout,
): { parts: SheetParts; span: (header: string) => string } {
  const { sheet, headers } = layout;
  const parts: SheetParts = { cells: [], numberFormats: [], formats: [], validations: [], widths: [] };
  headerBlock(sheet, layout.title, setup, layout.instructions, parts);
  const col = (header: string): number => headers.indexOf(header) + 1;
  const first = TABLE_HEADER_ROW + 1;
  const last = first + layout.rows.length - 1;
  const span = (header: string): string => rangeAddress(first, col(header), last, col(header));
  parts.cells.push({
    sheet,
    address: rangeAddress(TABLE_HEADER_ROW, 1, last, headers.length),
    values: [[...headers], ...layout.rows],
  });
  columnLooks(headers, layout.inputs, layout.computed).forEach((look, i) => {
    parts.formats.push({
      sheet,
      address: rangeAddress(first, i + 1, last, i + 1),
      fill: look.fill,
      locked: look.locked,
    });
  });
  parts.formats.push(
    { sheet, address: span(layout.labelColumn), wrap: true },
    // Text as typed: in a General cell Excel reads "-5 fewer referrals" as a formula and "1/2" as a date.
    { sheet, address: span(layout.commentaryColumn), wrap: true, numberFormat: FORMATS.text },
    { sheet, address: span(layout.ragColumn), horizontalAlignment: "center" },
  );
  layout.rows.forEach((_, i) => {
    parts.validations.push(layout.validation(cellAddress(first + i, col(layout.validatedColumn)), i));
  });
  headers.forEach((header, i) =>
    parts.widths.push({ sheet, column: columnLetter(i + 1), width: layout.widths[header] }),
  );
  return { parts, span };
}

function kpiSheet(setup: ReturnSetup, quarter: number): SheetParts {
  const { template } = setup;
  const sheet = KPI_SHEET;
  const { parts } = tableSheet(setup, {
    sheet,
    title: `${template.title}: KPI return`,
    instructions:
      "Type your figures in the yellow Actual and Commentary cells; grey columns calculate themselves. " +
      "Please explain any large change or missed target in Commentary.",
    headers: KPI_HEADERS,
    inputs: KPI_INPUT_COLUMNS,
    computed: KPI_COMPUTED_COLUMNS,
    widths: KPI_WIDTHS,
    rows: template.kpis.map((kpi) => {
      const f = kpiFormulas(template, kpi, quarter);
      return [
        kpi.id,
        kpi.label,
        kpi.unit,
        setup.targets?.[kpi.id] ?? null,
        setup.previous?.[kpi.id] ?? null,
        setup.lastYear?.[kpi.id] ?? null,
        null,
        null,
        f.variance,
        f.variancePct,
        f.changeVsPrevious,
        f.changeVsLastYear,
        f.rag,
      ];
    }),
    labelColumn: KPI_COLUMNS.label,
    commentaryColumn: KPI_COLUMNS.commentary,
    ragColumn: KPI_COLUMNS.rag,
    validatedColumn: KPI_COLUMNS.actual,
    validation: (cell, i) => validationFor(template, template.kpis[i], sheet, cell),
  });
  // One grid of number formats for Target…RAG: rows differ by unit, so each row has its own.
  const col = (header: string): number => KPI_HEADERS.indexOf(header) + 1;
  const first = TABLE_HEADER_ROW + 1;
  const changeFormat = (kpi: KpiDefinition): string =>
    kpi.unit === "percent" ? FORMATS.signedPoints : FORMATS.signedPercent;
  parts.numberFormats.push({
    sheet,
    address: rangeAddress(
      first,
      col(KPI_COLUMNS.target),
      first + template.kpis.length - 1,
      col(KPI_COLUMNS.rag),
    ),
    formats: template.kpis.map((kpi) => {
      const unit = numberFormatFor(kpi.unit, template.percentScale, kpi.integer);
      const byHeader: Record<string, string> = {
        [KPI_COLUMNS.target]: unit,
        [KPI_COLUMNS.previous]: unit,
        [KPI_COLUMNS.lastYear]: unit,
        [KPI_COLUMNS.actual]: unit,
        [KPI_COLUMNS.commentary]: FORMATS.text,
        [KPI_COLUMNS.variance]: signedFormat(unit),
        [KPI_COLUMNS.variancePct]: FORMATS.signedPercent,
        [KPI_COLUMNS.changeVsPrevious]: changeFormat(kpi),
        [KPI_COLUMNS.changeVsLastYear]: changeFormat(kpi),
        [KPI_COLUMNS.rag]: "General",
      };
      return KPI_HEADERS.slice(col(KPI_COLUMNS.target) - 1, col(KPI_COLUMNS.rag)).map((h) => byHeader[h]);
    }),
  });
  return parts;
}

function budgetValidation(sheet: string, cell: string, line: BudgetLineDefinition): ValidationStep {
  return {
    sheet,
    address: cell,
    rule: { kind: "decimal", min: 0 },
    prompt: {
      title: cut(line.label, VALIDATION_TEXT.title),
      message:
        "Enter the total spent on this line since 1 April, in pounds. Explain any difference from the profile in Commentary.",
    },
    alert: {
      title: "Check spent to date",
      message: `${cut(line.label, 120)}: enter an amount in pounds of £0 or more.`,
    },
  };
}

function budgetSheet(setup: ReturnSetup, quarter: number): SheetParts {
  const { template } = setup;
  const sheet = BUDGET_SHEET;
  const { parts, span } = tableSheet(setup, {
    sheet,
    title: `${template.title}: budget return`,
    instructions:
      "Type the amount spent since 1 April in the yellow Spent to date cells, and explain any difference from " +
      "the expected profile in Commentary. Grey columns calculate themselves.",
    headers: BUDGET_HEADERS,
    inputs: BUDGET_INPUT_COLUMNS,
    computed: BUDGET_COMPUTED_COLUMNS,
    widths: BUDGET_WIDTHS,
    rows: template.budgetLines.map((line) => {
      const f = budgetFormulas(template, line, quarter);
      return [
        line.id,
        line.label,
        setup.awarded?.[line.id] ?? null,
        null,
        null,
        f.utilisation,
        f.expectedUtilisation,
        f.varianceVsProfile,
        f.forecastOutturn,
        f.forecastVariance,
        f.rag,
      ];
    }),
    labelColumn: BUDGET_COLUMNS.label,
    commentaryColumn: BUDGET_COLUMNS.commentary,
    ragColumn: BUDGET_COLUMNS.rag,
    validatedColumn: BUDGET_COLUMNS.spentToDate,
    validation: (cell, i) => budgetValidation(sheet, cell, template.budgetLines[i]),
  });
  for (const header of [BUDGET_COLUMNS.awarded, BUDGET_COLUMNS.spentToDate, BUDGET_COLUMNS.forecastOutturn]) {
    parts.formats.push({ sheet, address: span(header), numberFormat: FORMATS.currency });
  }
  parts.formats.push(
    { sheet, address: span(BUDGET_COLUMNS.forecastVariance), numberFormat: FORMATS.signedCurrency },
    { sheet, address: span(BUDGET_COLUMNS.utilisation), numberFormat: FORMATS.fraction },
    { sheet, address: span(BUDGET_COLUMNS.expectedUtilisation), numberFormat: FORMATS.fraction },
    { sheet, address: span(BUDGET_COLUMNS.varianceVsProfile), numberFormat: FORMATS.signedPercent },
  );
  return parts;
}

/** The figures issued with a return, kept in its metadata so changes to them can be noticed. */
export function issuedFigures(setup: ReturnSetup): IssuedFigures {
  const kpis: Record<string, { target: number | null; previous: number | null; lastYear: number | null }> =
    {};
  for (const kpi of setup.template.kpis) {
    kpis[kpi.id] = {
      target: setup.targets?.[kpi.id] ?? null,
      previous: setup.previous?.[kpi.id] ?? null,
      lastYear: setup.lastYear?.[kpi.id] ?? null,
    };
  }
  const budget: Record<string, { awarded: number | null }> = {};
  for (const line of setup.template.budgetLines)
    budget[line.id] = { awarded: setup.awarded?.[line.id] ?? null };
  return { kpis, budget };
}

/** A new, blank return for one provider and quarter, laid out from its KPI template. */
export function planNewReturn(setup: ReturnSetup): WorkbookPlan {
  const period = parsePeriod(setup.period);
  if (setup.provider.trim() === "")
    throw new UserError("A new return needs the provider's name.", "provider");
  const { template } = setup;
  if (template.kpis.length === 0 && template.budgetLines.length === 0) {
    throw new UserError(
      `Template "${template.id}" has no KPIs and no budget lines, so there is nothing to return.`,
    );
  }
  const plan = emptyPlan();
  const sheets: SheetParts[] = [];
  const sheetSteps: WorkbookPlan["sheets"][number][] = [];
  const tables: WorkbookPlan["tables"][number][] = [];
  if (template.kpis.length > 0) {
    sheets.push(kpiSheet(setup, period.quarter));
    sheetSteps.push({ name: KPI_SHEET, visibility: "visible", tabColour: COLOURS.header });
    tables.push({
      sheet: KPI_SHEET,
      name: KPI_TABLE,
      address: rangeAddress(TABLE_HEADER_ROW, 1, TABLE_HEADER_ROW + template.kpis.length, KPI_HEADERS.length),
      headers: KPI_HEADERS,
      style: "TableStyleLight9",
    });
  }
  if (template.budgetLines.length > 0) {
    sheets.push(budgetSheet(setup, period.quarter));
    sheetSteps.push({ name: BUDGET_SHEET, visibility: "visible", tabColour: COLOURS.header });
    tables.push({
      sheet: BUDGET_SHEET,
      name: BUDGET_TABLE,
      address: rangeAddress(
        TABLE_HEADER_ROW,
        1,
        TABLE_HEADER_ROW + template.budgetLines.length,
        BUDGET_HEADERS.length,
      ),
      headers: BUDGET_HEADERS,
      style: "TableStyleLight9",
    });
  }
  sheetSteps.push({ name: METADATA_SHEET, visibility: "veryHidden" });
  const previousSpent: Record<string, number> = { ...(setup.previousSpent ?? {}) };
  const metadata = {
    ...encodeState({
      templateId: template.id,
      templateVersion: template.version,
      provider: setup.provider.trim(),
      period: setup.period.trim(),
      status: "draft",
      overrides: [],
      history: [],
      previousSpent,
    }),
    [META.issued]: JSON.stringify(issuedFigures(setup)),
  };
  return {
    ...plan,
    sheets: sheetSteps,
    tables,
    cells: sheets.flatMap((s) => s.cells),
    numberFormats: sheets.flatMap((s) => s.numberFormats),
    formats: sheets.flatMap((s) => s.formats),
    validations: sheets.flatMap((s) => s.validations),
    widths: sheets.flatMap((s) => s.widths),
    freezes: tables.map((t) => ({ sheet: t.sheet, rows: TABLE_HEADER_ROW })),
    protection: [
      ...tables.map((t) => ({ sheet: t.sheet, protect: true })),
      { sheet: METADATA_SHEET, protect: true },
    ],
    metadata,
    activate: tables[0].sheet,
  };
}

/**
 * One typed value: a number read out of text is written as the number, with a note saying how it was read, as Excel
 * itself converts "1,883" or "95.83%" typed into a cell. `asTyped` keeps text exactly as it arrived (a pasted or
 * imported figure such as "£135, 640", which Excel leaves as text), so the engine's CLEANED finding reports it.
 */
function typedValue(raw: CellInput, asTyped = false): { value: PlanValue; note?: string } {
  if (raw === undefined || raw === null) return { value: null };
  if (asTyped && typeof raw === "string" && raw.trim() !== "") return { value: raw };
  if (raw instanceof Date) return { value: raw.toISOString().slice(0, 10) };
  const parsed = parseCell(raw);
  if (parsed.kind === "blank") return { value: null };
  if (parsed.kind === "number") {
    if (!parsed.cleaned) return { value: parsed.value };
    return {
      value: parsed.value,
      note: `${NOTE_MARKER} typed "${String(raw).trim()}", read as ${parsed.value}.`,
    };
  }
  return { value: typeof raw === "string" ? raw : String(raw) };
}

interface CellWrite {
  row: number;
  column: number;
  value: PlanValue;
}

/** Writes into contiguous runs of one column, so a long column of figures is one step. */
function columnRuns(sheet: string, writes: readonly CellWrite[]): CellsStep[] {
  const byColumn = new Map<number, CellWrite[]>();
  for (const w of writes) {
    const list = byColumn.get(w.column);
    if (list) list.push(w);
    else byColumn.set(w.column, [w]);
  }
  const steps: CellsStep[] = [];
  for (const [column, list] of byColumn) {
    const sorted = [...list].sort((a, b) => a.row - b.row);
    let run: CellWrite[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      steps.push({
        sheet,
        address: rangeAddress(run[0].row, column, run[run.length - 1].row, column),
        values: run.map((w) => [w.value]),
      });
      run = [];
    };
    for (const w of sorted) {
      if (run.length > 0 && w.row !== run[run.length - 1].row + 1) flush();
      run.push(w);
    }
    flush();
  }
  return steps;
}

/**
 * A provider's figures and commentaries written into the input cells of an existing return. With `asTyped`, text is
 * written verbatim (as a figure pasted from another document arrives) instead of being read as a number.
 */
export function planProviderInput(
  snapshot: WorkbookSnapshot,
  input: ProviderInput,
  options: { readonly asTyped?: boolean } = {},
): WorkbookPlan {
  const plan = emptyPlan();
  const cells: CellsStep[] = [];
  const notes: NoteStep[] = [];
  const clearNotes: WorkbookPlan["clearNotes"][number][] = [];
  const fill = (
    tableName: string,
    idHeader: string,
    entries: Readonly<Record<string, Readonly<Record<string, CellInput>>>> | undefined,
    columns: Readonly<Record<string, string>>,
  ): void => {
    const ids = Object.keys(entries ?? {});
    if (!entries || ids.length === 0) return;
    const table = tableOf(snapshot, tableName);
    if (!table) {
      throw new UserError(
        `The workbook has no ${tableName} table, so the provider's figures cannot be written into it.`,
      );
    }
    const corner = parseRange(table.address);
    if (!corner)
      throw new UserError(`The ${tableName} table's address "${table.address}" could not be read.`);
    const idColumn = table.headers.indexOf(idHeader);
    if (idColumn < 0) throw new UserError(`The ${tableName} table has no "${idHeader}" column.`, table.sheet);
    const rowOf = new Map<string, number>();
    table.values.forEach((row, i) => rowOf.set(String(row[idColumn] ?? "").trim(), i));
    const writes: CellWrite[] = [];
    for (const id of ids) {
      const row = rowOf.get(id);
      if (row === undefined) {
        throw new UserError(
          `The provider's figures name "${id}", which is not a row of the ${tableName} table.`,
          tableName,
        );
      }
      const sheetRow = corner.top + 1 + row;
      for (const [field, header] of Object.entries(columns)) {
        if (!(field in entries[id])) continue;
        const column = table.headers.indexOf(header);
        if (column < 0) throw new UserError(`The ${tableName} table has no "${header}" column.`, table.sheet);
        const isCommentary = header === KPI_COLUMNS.commentary;
        const raw = entries[id][field];
        const typed = isCommentary
          ? { value: raw === undefined || raw === null ? null : String(raw) }
          : typedValue(raw, options.asTyped === true);
        const cell = cellAddress(sheetRow, corner.left + column);
        writes.push({ row: sheetRow, column: corner.left + column, value: typed.value });
        if ("note" in typed && typed.note) notes.push({ sheet: table.sheet, cell, text: typed.note });
      }
    }
    const runs = columnRuns(table.sheet, writes);
    cells.push(...runs);
    // The add-in's old notes on the cells written no longer apply (how a previous figure was read).
    clearNotes.push(...runs.map((run) => ({ sheet: run.sheet, address: run.address })));
  };
  fill(KPI_TABLE, KPI_COLUMNS.id, input.kpis, {
    actual: KPI_COLUMNS.actual,
    commentary: KPI_COLUMNS.commentary,
  });
  fill(BUDGET_TABLE, BUDGET_COLUMNS.id, input.budget, {
    spentToDate: BUDGET_COLUMNS.spentToDate,
    commentary: BUDGET_COLUMNS.commentary,
  });
  return { ...plan, cells, clearNotes, notes };
}
