/**
 * The changes a plan makes in Excel as queued operations, each with its rough size in bytes, run in as few requests
 * as Excel on the web's 5 MB request limit allows; and how plan steps become office-js formats, validation rules,
 * widths and cell writes.
 */
import { parseRange, rangeAddress } from "./a1";
import {
  listValidation,
  validationBounds,
  type FormatStep,
  type PlanValue,
  type ValidationStep,
  type WorkbookPlan,
} from "./plan";

/** Excel on the web refuses requests over 5 MB; plans are cut into requests below this, with room for overhead. */
export const REQUEST_LIMIT_BYTES = 4_500_000;

/** A queued change to the workbook and roughly how many bytes it adds to the request. */
export interface Op {
  readonly bytes: number;
  readonly run: () => void;
}

export const OP_OVERHEAD = 200;

export function size(value: unknown): number {
  return JSON.stringify(value ?? null).length + OP_OVERHEAD;
}

function filled<T>(address: string, value: T): T[][] {
  const r = parseRange(address);
  if (!r) throw new Error(`Plan address "${address}" is not an A1 address.`);
  return Array.from({ length: r.bottom - r.top + 1 }, () =>
    Array.from({ length: r.right - r.left + 1 }, () => value),
  );
}

// String values, not Excel's enums: this module must load where no Excel global exists (Node, tests).
const ALIGN = { left: "Left", center: "Center", right: "Right" } as const;

export function formatRange(range: Excel.Range, step: FormatStep): void {
  if (step.numberFormat !== undefined) range.numberFormat = filled(step.address, step.numberFormat);
  if (step.fill === null) range.format.fill.clear();
  else if (step.fill !== undefined) range.format.fill.color = step.fill;
  if (step.bold !== undefined) range.format.font.bold = step.bold;
  if (step.italic !== undefined) range.format.font.italic = step.italic;
  if (step.fontColour !== undefined) range.format.font.color = step.fontColour;
  if (step.fontSize !== undefined) range.format.font.size = step.fontSize;
  if (step.wrap !== undefined) range.format.wrapText = step.wrap;
  if (step.horizontalAlignment !== undefined)
    range.format.horizontalAlignment = ALIGN[step.horizontalAlignment];
  if (step.locked !== undefined) range.format.protection.locked = step.locked;
}

export function validationRule(step: ValidationStep): Excel.DataValidationRule {
  const rule = step.rule;
  if (rule.kind === "list") {
    const list = listValidation(rule.values, step.address);
    return list.kind === "list"
      ? { list: { inCellDropDown: true, source: list.source } }
      : { custom: { formula: list.formula } };
  }
  const bounds = validationBounds(rule);
  const basic: Excel.BasicDataValidation =
    bounds.operator === "between"
      ? { formula1: bounds.min, formula2: bounds.max, operator: "Between" }
      : bounds.operator === "atLeast"
        ? { formula1: bounds.min, operator: "GreaterThanOrEqualTo" }
        : { formula1: bounds.max, operator: "LessThanOrEqualTo" };
  return rule.kind === "wholeNumber" ? { wholeNumber: basic } : { decimal: basic };
}

/** Points for a width in characters of the default font (about 7 pixels each, plus padding; 0.75 point a pixel). */
export function columnPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

export function inRange(r: ReturnType<typeof parseRange>, row: number, column: number): boolean {
  return r !== null && row >= r.top && row <= r.bottom && column >= r.left && column <= r.right;
}

/** Splits a cells step by rows so no single write is larger than a request may be. */
export function splitCells(step: WorkbookPlan["cells"][number]): WorkbookPlan["cells"][number][] {
  const total = size(step.values);
  const r = parseRange(step.address);
  if (total <= REQUEST_LIMIT_BYTES / 4 || !r || step.values.length < 2) return [step];
  const rowsPerPart = Math.max(
    1,
    Math.floor(step.values.length / Math.ceil(total / (REQUEST_LIMIT_BYTES / 4))),
  );
  const parts: WorkbookPlan["cells"][number][] = [];
  for (let at = 0; at < step.values.length; at += rowsPerPart) {
    const rows = step.values.slice(at, at + rowsPerPart);
    parts.push({
      ...step,
      address: rangeAddress(r.top + at, r.left, r.top + at + rows.length - 1, r.right),
      values: rows,
    });
  }
  return parts;
}

/** Text the plan writes into a cell (not a formula, not empty): Excel must keep it as typed. */
function isText(value: PlanValue): value is string {
  return typeof value === "string" && value !== "" && !value.startsWith("=");
}

function isFormula(value: PlanValue): boolean {
  return typeof value === "string" && value.startsWith("=");
}

/**
 * The cells a plan writes, in the order Excel needs: number format "@" first on cells that get text (Excel reads
 * "-5 fewer referrals" as a formula and "50%" or "1/2" as numbers in any other cell: Range.values), then constants,
 * and formulas last, once the tables they name exist. null in a grid leaves that cell as it is ("Null input in 2-D
 * array", Excel JavaScript API performance optimization).
 */
export function cellPhases(step: WorkbookPlan["cells"][number]): {
  readonly textFormats: (string | null)[][] | null;
  readonly constants: (string | number | boolean | null)[][];
  readonly formulas: (string | null)[][] | null;
} {
  const texts = step.values.some((row) => row.some(isText));
  const formulas = step.values.some((row) => row.some(isFormula));
  return {
    textFormats: texts ? step.values.map((row) => row.map((v) => (isText(v) ? "@" : null))) : null,
    constants: step.values.map((row) => row.map((v) => (v === null ? "" : isFormula(v) ? null : v))),
    formulas: formulas
      ? step.values.map((row) => row.map((v) => (isFormula(v) ? (v as string) : null)))
      : null,
  };
}

/** Queues ops into requests under the size limit, each with calculation suspended, one sync per request. */
export async function runInRequests(context: Excel.RequestContext, ops: readonly Op[]): Promise<void> {
  let start = 0;
  while (start < ops.length) {
    let bytes = 0;
    let end = start;
    while (end < ops.length && (end === start || bytes + ops[end].bytes <= REQUEST_LIMIT_BYTES)) {
      bytes += ops[end].bytes;
      end++;
    }
    context.application.suspendApiCalculationUntilNextSync();
    for (let i = start; i < end; i++) ops[i].run();
    // One sync per request: more than one only when a plan is larger than Excel on the web accepts at once.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    start = end;
  }
}
