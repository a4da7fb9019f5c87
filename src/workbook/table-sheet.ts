/**
 * One sheet of a new return holding one of its tables, laid out the same way for KPIs and budget: the title,
 * provider and period block, the header row and body (values and formulas, each row given by column name), input and
 * computed looks, wrapping, data validation on the input column, and widths.
 */
import { parsePeriod, periodDates } from "../core/period";
import { cellAddress, columnLetter, rangeAddress } from "./a1";
import { STATUS_CELLS, TABLE_HEADER_ROW } from "./contract";
import { columnLooks, FORMATS } from "./looks";
import type { CellsStep, FormatStep, NumberFormatStep, PlanValue, ValidationStep, WidthStep } from "./plan";
import type { ReturnSetup } from "./return-setup";

/** The steps that lay out one sheet, gathered into the new return's plan. */
export interface SheetParts {
  cells: CellsStep[];
  numberFormats: NumberFormatStep[];
  formats: FormatStep[];
  validations: ValidationStep[];
  widths: WidthStep[];
}

/** Excel's serial day number for an ISO date (days since 30/12/1899), the way both Excel and LibreOffice store dates. */
export function excelDate(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

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

/** A table's columns, each header by its key, in header order; every return table has a label, commentary and RAG. */
export type TableColumns = Readonly<Record<string, string>> & {
  readonly label: string;
  readonly commentary: string;
  readonly rag: string;
};

/** A body row: each cell by its column's key; a column left out is a blank cell. */
export type RowByColumn<C extends TableColumns> = Readonly<Partial<Record<keyof C, PlanValue>>>;

/** What differs between the KPI and budget sheets; `tableSheet` lays out the rest the same way for both. */
export interface SheetLayout<C extends TableColumns> {
  readonly sheet: string;
  readonly title: string;
  readonly instructions: string;
  readonly columns: C;
  readonly inputs: readonly string[];
  readonly computed: readonly string[];
  /** Each column's width, by its key. */
  readonly widths: Readonly<Record<keyof C, number>>;
  /** Body rows, one per KPI or budget line. */
  readonly rows: readonly RowByColumn<C>[];
  /** The input cell checked by data validation, and its rule for body row `i`. */
  readonly validatedColumn: keyof C;
  readonly validation: (cell: string, i: number) => ValidationStep;
}

/**
 * A sheet holding one of the return's tables: header block, header row and body (values and formulas), input and
 * computed looks, wrapping, data validation and widths. Returns the parts and where each body column lies.
 */
export function tableSheet<C extends TableColumns>(
  setup: ReturnSetup,
  layout: SheetLayout<C>,
): { parts: SheetParts; span: (header: string) => string } {
  const { sheet, columns } = layout;
  const keys = Object.keys(columns) as (keyof C & string)[];
  const headers: readonly string[] = keys.map((key) => columns[key]);
  const parts: SheetParts = { cells: [], numberFormats: [], formats: [], validations: [], widths: [] };
  headerBlock(sheet, layout.title, setup, layout.instructions, parts);
  const col = (header: string): number => headers.indexOf(header) + 1;
  const first = TABLE_HEADER_ROW + 1;
  const last = first + layout.rows.length - 1;
  const span = (header: string): string => rangeAddress(first, col(header), last, col(header));
  parts.cells.push({
    sheet,
    address: rangeAddress(TABLE_HEADER_ROW, 1, last, headers.length),
    values: [[...headers], ...layout.rows.map((row) => keys.map((key) => row[key] ?? null))],
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
    { sheet, address: span(columns.label), wrap: true },
    // Text as typed: in a General cell Excel reads "-5 fewer referrals" as a formula and "1/2" as a date.
    { sheet, address: span(columns.commentary), wrap: true, numberFormat: FORMATS.text },
    { sheet, address: span(columns.rag), horizontalAlignment: "center" },
  );
  layout.rows.forEach((_, i) => {
    parts.validations.push(
      layout.validation(cellAddress(first + i, col(columns[layout.validatedColumn])), i),
    );
  });
  keys.forEach((key, i) =>
    parts.widths.push({ sheet, column: columnLetter(i + 1), width: layout.widths[key] }),
  );
  return { parts, span };
}
