/**
 * The plan that writes a KPI template as a template workbook, in the style of the provider's return: a title and
 * instructions, each column's guidance above its heading and as the cell's input prompt, yellow cells to type in,
 * Excel's own data validation (lists for units, severities, yes/no; whole and decimal numbers), and protected headings.
 * Either executor can apply it; the sheets and fields themselves are core's (src/core/template-sheets.ts).
 */
import {
  FIRST_DATA_ROW,
  GUIDANCE_ROW,
  HEADING_ROW,
  SHEET_FIELDS,
  SPARE_ROWS,
  TEMPLATE_ROWS,
  TEMPLATE_SHEET,
  TEMPLATE_SHEETS,
  type FieldKind,
  type TemplateField,
  type TemplateSheetName,
} from "../core/template-sheets";
import { columnName, templateToSheets, type SheetCell } from "../core/template-sheets-write";
import type { KpiTemplate } from "../core/types";
import { COLOURS } from "./contract";
import { emptyPlan, type ValidationRule, type ValidationStep, type WorkbookPlan } from "./plan";

const cut = (text: string, max: number): string => (text.length <= max ? text : text.slice(0, max - 1) + "…");

function validationRule(accepts: FieldKind): ValidationRule | null {
  switch (accepts.kind) {
    case "choice":
      return { kind: "list", values: accepts.choices };
    case "yesNo":
      return { kind: "list", values: ["yes", "no"] };
    case "number":
      return {
        kind: accepts.whole ? "wholeNumber" : "decimal",
        ...(accepts.min !== undefined ? { min: accepts.min } : {}),
        ...(accepts.max !== undefined ? { max: accepts.max } : {}),
      };
    default:
      return null;
  }
}

function validationFor(sheet: string, address: string, field: TemplateField): ValidationStep | null {
  const rule = validationRule(field.accepts);
  if (rule === null) return null;
  return {
    sheet,
    address,
    rule,
    prompt: { title: cut(field.heading, 32), message: cut(field.guidance, 255) },
    alert: { title: cut(`Check ${field.heading}`, 32), message: cut(field.guidance, 255) },
  };
}

interface SheetBuild {
  plan: {
    cells: WorkbookPlan["cells"][number][];
    formats: WorkbookPlan["formats"][number][];
    validations: ValidationStep[];
    widths: WorkbookPlan["widths"][number][];
    notes: WorkbookPlan["notes"][number][];
  };
}

function titleRows(build: SheetBuild, sheet: TemplateSheetName, title: string, width: number): void {
  build.plan.cells.push({
    sheet,
    address: `A1:A2`,
    values: [[title], [SHEET_FIELDS[sheet].instructions]],
  });
  build.plan.formats.push({ sheet, address: "A1", bold: true, fontSize: 14 });
  build.plan.formats.push({ sheet, address: `A2:${columnName(width)}2`, italic: true });
}

/** A list sheet (KPIs, Rules, Budget lines): guidance row, headings, the rows, and spare rows ready to type in. */
function listSheet(
  build: SheetBuild,
  sheet: TemplateSheetName,
  title: string,
  rows: readonly (readonly SheetCell[])[],
): void {
  const { fields } = SHEET_FIELDS[sheet];
  const last = columnName(fields.length);
  titleRows(build, sheet, title, fields.length);
  build.plan.cells.push({
    sheet,
    address: `A${GUIDANCE_ROW}:${last}${HEADING_ROW}`,
    values: [fields.map((f) => f.guidance), fields.map((f) => f.heading)],
  });
  build.plan.formats.push({
    sheet,
    address: `A${GUIDANCE_ROW}:${last}${GUIDANCE_ROW}`,
    wrap: true,
    italic: true,
    fontSize: 9,
  });
  build.plan.formats.push({
    sheet,
    address: `A${HEADING_ROW}:${last}${HEADING_ROW}`,
    bold: true,
    fill: COLOURS.header,
    fontColour: COLOURS.headerText,
    wrap: true,
  });
  const lastRow = FIRST_DATA_ROW + rows.length + SPARE_ROWS - 1;
  if (rows.length > 0) {
    build.plan.cells.push({
      sheet,
      address: `A${FIRST_DATA_ROW}:${last}${FIRST_DATA_ROW + rows.length - 1}`,
      values: rows,
    });
  }
  build.plan.formats.push({
    sheet,
    address: `A${FIRST_DATA_ROW}:${last}${lastRow}`,
    fill: COLOURS.input,
    locked: false,
    wrap: true,
  });
  fields.forEach((f, i) => {
    const column = columnName(i + 1);
    const range = `${column}${FIRST_DATA_ROW}:${column}${lastRow}`;
    if (f.percent) build.plan.formats.push({ sheet, address: range, numberFormat: "0%" });
    else if (
      f.accepts.kind === "text" ||
      f.accepts.kind === "id" ||
      f.accepts.kind === "idList" ||
      f.accepts.kind === "numberList"
    )
      // Text cells stay text: "1.0" or "0, 1" must not turn into numbers or dates.
      build.plan.formats.push({ sheet, address: range, numberFormat: "@" });
    const validation = validationFor(sheet, range, f);
    if (validation) build.plan.validations.push(validation);
    build.plan.widths.push({ sheet, column, width: f.width });
    build.plan.notes.push({ sheet, cell: `${column}${HEADING_ROW}`, text: f.guidance });
  });
}

/** The Template sheet: Field | Value | Guidance, one row per field. */
function templateSheet(build: SheetBuild, title: string, values: readonly SheetCell[]): void {
  const sheet = TEMPLATE_SHEET;
  titleRows(build, sheet, title, 3);
  build.plan.cells.push({
    sheet,
    address: `A${GUIDANCE_ROW}:C${HEADING_ROW + TEMPLATE_ROWS.length}`,
    values: [
      ["The field", "What you type (yellow)", "What it means"],
      ["Field", "Value", "Guidance"],
      ...TEMPLATE_ROWS.map((f, i) => [f.heading, values[i], f.guidance]),
    ],
  });
  build.plan.formats.push({ sheet, address: `A${GUIDANCE_ROW}:C${GUIDANCE_ROW}`, italic: true, fontSize: 9 });
  build.plan.formats.push({
    sheet,
    address: `A${HEADING_ROW}:C${HEADING_ROW}`,
    bold: true,
    fill: COLOURS.header,
    fontColour: COLOURS.headerText,
  });
  const first = FIRST_DATA_ROW;
  const lastRow = HEADING_ROW + TEMPLATE_ROWS.length;
  build.plan.formats.push({
    sheet,
    address: `B${first}:B${lastRow}`,
    fill: COLOURS.input,
    locked: false,
    wrap: true,
  });
  build.plan.formats.push({ sheet, address: `C${first}:C${lastRow}`, wrap: true, italic: true });
  TEMPLATE_ROWS.forEach((f, i) => {
    const cell = `B${first + i}`;
    if (f.accepts.kind !== "number") build.plan.formats.push({ sheet, address: cell, numberFormat: "@" });
    const validation = validationFor(sheet, cell, f);
    if (validation) build.plan.validations.push(validation);
  });
  build.plan.widths.push(
    { sheet, column: "A", width: 28 },
    { sheet, column: "B", width: 44 },
    { sheet, column: "C", width: 70 },
  );
}

/** The plan writing `template` into a blank workbook as a template workbook. */
export function planTemplateWorkbook(template: KpiTemplate): WorkbookPlan {
  const content = templateToSheets(template);
  const build: SheetBuild = { plan: { cells: [], formats: [], validations: [], widths: [], notes: [] } };
  const name = `${template.title} (${template.id} ${template.version})`;
  templateSheet(build, `KPI template: ${name}`, content.template);
  listSheet(build, "KPIs", `KPIs: ${name}`, content.kpis);
  listSheet(build, "Rules", `Cross-field rules: ${name}`, content.rules);
  listSheet(build, "Budget lines", `Budget lines: ${name}`, content.budgetLines);
  return {
    ...emptyPlan(),
    sheets: TEMPLATE_SHEETS.map((s) => ({
      name: s,
      visibility: "visible" as const,
      tabColour: COLOURS.header,
    })),
    cells: build.plan.cells,
    formats: build.plan.formats,
    validations: build.plan.validations,
    widths: build.plan.widths,
    notes: build.plan.notes,
    freezes: TEMPLATE_SHEETS.map((s) => ({ sheet: s, rows: HEADING_ROW })),
    // Headings, guidance and titles are locked; only the yellow cells can be typed in. No password (as the return).
    protection: TEMPLATE_SHEETS.map((s) => ({ sheet: s, protect: true })),
    activate: TEMPLATE_SHEET,
  };
}
