/**
 * A workbook plan: everything the add-in wants written into a return workbook, as plain data.
 * Pure code builds plans; the two executors (office.ts for Excel, xlsx.ts for .xlsx files) carry them out in a
 * fixed order, so one plan means the same workbook whichever executor applies it.
 */
import { UserError } from "../core/errors";
import { cellAddress, parseRange } from "./a1";
import { METADATA_SHEET } from "./contract";

/** A cell's content: a value, or a formula written as text starting with "=" (A1 or structured references). */
export type PlanValue = string | number | boolean | null;

export interface SheetStep {
  readonly name: string;
  readonly visibility: "visible" | "hidden" | "veryHidden";
  /** Sheet tab colour, hex RGB. */
  readonly tabColour?: string;
}

/** An Excel table over `address` (header row + body), whose header cells are `headers`. Created when missing. */
export interface TableStep {
  readonly sheet: string;
  readonly name: string;
  readonly address: string;
  readonly headers: readonly string[];
  /** One of Excel's built-in table styles, e.g. "TableStyleLight9". */
  readonly style: string;
}

/** Values and formulas for a rectangular range; `values` has the range's shape. */
export interface CellsStep {
  readonly sheet: string;
  readonly address: string;
  readonly values: readonly (readonly PlanValue[])[];
}

export interface FormatStep {
  readonly sheet: string;
  readonly address: string;
  /** Excel number format code, en-GB: "£#,##0", "0.0%", "dd/mm/yyyy". */
  readonly numberFormat?: string;
  /** Fill colour, hex RGB; null removes the fill. */
  readonly fill?: string | null;
  readonly fontColour?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontSize?: number;
  readonly wrap?: boolean;
  readonly horizontalAlignment?: "left" | "center" | "right";
  /** Whether sheet protection locks the cells (Excel's default is locked). */
  readonly locked?: boolean;
}

/** Number formats cell by cell for a rectangular range (one write, however many rows differ in unit). */
export interface NumberFormatStep {
  readonly sheet: string;
  readonly address: string;
  readonly formats: readonly (readonly string[])[];
}

export type ValidationRule =
  | { readonly kind: "wholeNumber" | "decimal"; readonly min?: number; readonly max?: number }
  | { readonly kind: "list"; readonly values: readonly string[] };

/** Excel data validation: what may be typed, the input prompt shown on the cell and the stop alert. */
export interface ValidationStep {
  readonly sheet: string;
  readonly address: string;
  readonly rule: ValidationRule;
  /** Excel limits (layout's VALIDATION_TEXT): titles 32 characters, prompt 255, alert 225; the builders cut to fit. */
  readonly prompt?: { readonly title: string; readonly message: string };
  readonly alert: { readonly title: string; readonly message: string };
}

export interface WidthStep {
  readonly sheet: string;
  /** Column letter. */
  readonly column: string;
  /** In characters of the default font (ExcelJS's unit; office.ts converts to points). */
  readonly width: number;
}

/** A cell note. Its text starts with NOTE_MARKER so re-validating can remove the add-in's notes only. */
export interface NoteStep {
  readonly sheet: string;
  readonly cell: string;
  readonly text: string;
}

/** Removes the add-in's notes (text starting with NOTE_MARKER) from a range; a provider's own notes stay. */
export interface ClearNotesStep {
  readonly sheet: string;
  readonly address: string;
}

export interface ProtectionStep {
  readonly sheet: string;
  /** Protected sheets keep locked cells read-only; unlocked (input) cells stay editable. */
  readonly protect: boolean;
}

export interface FreezeStep {
  readonly sheet: string;
  /** Rows kept in view at the top (title and header). */
  readonly rows: number;
}

/**
 * Executors apply the parts in this order: sheets, (unprotect touched sheets), cells, tables, numberFormats, formats, validations,
 * widths, freezes, clearNotes, notes, metadata, protection, visibility. A part left empty changes nothing.
 */
export interface WorkbookPlan {
  readonly sheets: readonly SheetStep[];
  readonly tables: readonly TableStep[];
  readonly cells: readonly CellsStep[];
  readonly numberFormats: readonly NumberFormatStep[];
  readonly formats: readonly FormatStep[];
  readonly validations: readonly ValidationStep[];
  readonly widths: readonly WidthStep[];
  readonly freezes: readonly FreezeStep[];
  readonly clearNotes: readonly ClearNotesStep[];
  readonly notes: readonly NoteStep[];
  readonly protection: readonly ProtectionStep[];
  /** Metadata keys to set (null removes a key); keys not named keep their values. */
  readonly metadata?: Readonly<Record<string, string | null>>;
  /** Sheet to show when done (a new return opens on its KPIs). */
  readonly activate?: string;
}

export function emptyPlan(): WorkbookPlan {
  return {
    sheets: [],
    tables: [],
    cells: [],
    numberFormats: [],
    formats: [],
    validations: [],
    widths: [],
    freezes: [],
    clearNotes: [],
    notes: [],
    protection: [],
  };
}

/** One plan doing what the given plans do, in order (later metadata keys win). */
export function combinePlans(...plans: readonly WorkbookPlan[]): WorkbookPlan {
  const metadataParts = plans.filter((p) => p.metadata !== undefined);
  const activate = [...plans].reverse().find((p) => p.activate !== undefined)?.activate;
  return {
    sheets: plans.flatMap((p) => p.sheets),
    tables: plans.flatMap((p) => p.tables),
    cells: plans.flatMap((p) => p.cells),
    numberFormats: plans.flatMap((p) => p.numberFormats),
    formats: plans.flatMap((p) => p.formats),
    validations: plans.flatMap((p) => p.validations),
    widths: plans.flatMap((p) => p.widths),
    freezes: plans.flatMap((p) => p.freezes),
    clearNotes: plans.flatMap((p) => p.clearNotes),
    notes: plans.flatMap((p) => p.notes),
    protection: plans.flatMap((p) => p.protection),
    ...(metadataParts.length > 0
      ? { metadata: Object.assign({}, ...metadataParts.map((p) => p.metadata)) }
      : {}),
    ...(activate !== undefined ? { activate } : {}),
  };
}

/** Every sheet a plan writes to, the metadata sheet included (the executors unprotect these first and protect them after). */
export function sheetsTouched(plan: WorkbookPlan): string[] {
  const names = new Set<string>();
  for (const part of [
    plan.tables,
    plan.cells,
    plan.numberFormats,
    plan.formats,
    plan.validations,
    plan.widths,
    plan.freezes,
    plan.clearNotes,
    plan.notes,
  ]) {
    for (const step of part) names.add(step.sheet);
  }
  if (plan.metadata) names.add(METADATA_SHEET);
  return [...names];
}

/** A plan only creates tables: one whose name the workbook already uses means the plan was meant for a blank workbook. */
export function refuseExistingTables(plan: WorkbookPlan, existing: Iterable<string>): void {
  const names = new Set([...existing].map((n) => n.toLowerCase()));
  for (const step of plan.tables) {
    if (names.has(step.name.toLowerCase())) {
      throw new UserError(
        `The workbook already has a ${step.name} table: start a new return from a blank workbook.`,
        step.sheet,
      );
    }
  }
}

/**
 * The bounds a number rule sets, as both executors write them. A rule with neither bound still needs some (Excel
 * and ExcelJS both want one), so it gets the widest that Excel shows sensibly.
 */
export function validationBounds(
  rule: Extract<ValidationRule, { kind: "wholeNumber" | "decimal" }>,
):
  | { readonly operator: "between"; readonly min: number; readonly max: number }
  | { readonly operator: "atLeast"; readonly min: number }
  | { readonly operator: "atMost"; readonly max: number } {
  if (rule.min !== undefined && rule.max !== undefined)
    return { operator: "between", min: rule.min, max: rule.max };
  if (rule.min !== undefined) return { operator: "atLeast", min: rule.min };
  if (rule.max !== undefined) return { operator: "atMost", max: rule.max };
  return { operator: "between", min: -1e15, max: 1e15 };
}

/**
 * How a list rule goes into Excel. Excel's list source is one comma-separated string, so a value containing a comma
 * would become two entries: such lists become a custom rule instead (the cell must equal one of the values; the
 * error alert names them), without the in-cell drop-down. The formula is relative to the range's top-left cell.
 */
export function listValidation(
  values: readonly string[],
  address: string,
):
  { readonly kind: "list"; readonly source: string } | { readonly kind: "custom"; readonly formula: string } {
  if (!values.some((v) => v.includes(","))) return { kind: "list", source: values.join(",") };
  const corner = parseRange(address);
  const cell = corner ? cellAddress(corner.top, corner.left) : address;
  const quoted = (v: string) => `"${v.replace(/"/g, '""')}"`;
  return { kind: "custom", formula: `=OR(${values.map((v) => `${cell}=${quoted(v)}`).join(",")})` };
}
