/**
 * Which ExcelApi requirement set each office-js feature the add-in uses needs. The manifest declares the highest of
 * these (the lowest version that has every feature used); test/manifest.test.ts finds the uses in the source and checks.
 * Only that test reads this table, so it lives beside the tests. Each feature names the office-js members it uses;
 * its requirement set is not typed here but looked up in the table generated from @types/office-js' "[Api set]" tags
 * (excel-api-sets.ts), so the manifest's version follows the documentation.
 */
import { EXCEL_API_SETS } from "./excel-api-sets";

export interface ExcelFeature {
  /** What the add-in does with it, in users' words. */
  readonly feature: string;
  /** The office-js members it uses, as "Type.member" ("Type.member=" where it sets a property). */
  readonly members: readonly string[];
  /** How the source uses it (matched against the office-js modules to find which features are really used). */
  readonly pattern: RegExp;
  /**
   * Used only where Excel supports it (the code asks `isSetSupported("ExcelApi", "1.N")` first), so it does not
   * raise the version the manifest requires.
   */
  readonly optional?: boolean;
}

/** ExcelApi minor version a feature needs: the highest set among its members (8 means ExcelApi 1.8). */
export function excelApiOf(feature: ExcelFeature): number {
  return Math.max(
    1,
    ...feature.members.map((m) =>
      Math.max(EXCEL_API_SETS[m] ?? 1, m.endsWith("=") ? (EXCEL_API_SETS[m.slice(0, -1)] ?? 1) : 1),
    ),
  );
}

export const excelFeatures: readonly ExcelFeature[] = [
  {
    feature: "Read and write the return's tables",
    members: [
      "TableCollection.add",
      "Table.getRange",
      "Range.values",
      "Range.formulas",
      "Range.numberFormat",
    ],
    pattern: /\.tables\b/,
  },
  { feature: "Know which sheet a table is on", members: ["Table.worksheet"], pattern: /\.worksheet\.load\(/ },
  {
    feature: "Go to a finding's cell",
    members: ["Range.select", "Worksheet.activate"],
    pattern: /\.select\(\)/,
  },
  { feature: "Hide the metadata sheet", members: ["Worksheet.visibility="], pattern: /\.visibility\s*=/ },
  {
    feature: "Charts on the quarterly summary",
    members: ["ChartCollection.add", "Chart.setPosition", "Chart.title", "Chart.legend"],
    pattern: /charts\.add\(/,
  },
  {
    feature: "Lock computed columns",
    members: ["Worksheet.protection", "WorksheetProtection.protect", "WorksheetProtection.unprotect"],
    pattern: /protection\.protect\(/,
  },
  {
    feature: "Rewrite highlights without unprotecting (so the provider keeps their undo)",
    members: ["WorksheetProtection.options", "WorksheetProtection.protected"],
    pattern: /protection\/options/,
  },
  {
    feature: "Column widths",
    members: ["RangeFormat.columnWidth", "RangeFormat.autofitColumns"],
    pattern: /\.columnWidth\b|autofitColumns\(/,
  },
  {
    feature: "Find sheets that may be absent",
    members: ["WorksheetCollection.getItemOrNullObject"],
    pattern: /worksheets\.getItemOrNullObject\(/,
  },
  {
    feature: "Suspend calculation while writing",
    members: ["Application.suspendApiCalculationUntilNextSync"],
    pattern: /suspendApiCalculationUntilNextSync\(/,
  },
  { feature: "Live checking as providers type", members: ["Table.onChanged"], pattern: /\.onChanged\b/ },
  {
    feature: "The add-in's own writes are not taken for the provider's edits",
    members: ["Runtime.enableEvents"],
    pattern: /runtime\.enableEvents/,
  },
  {
    // Not tagged in @types/office-js (the requirement-set pages list it under ExcelApi 1.11); an Excel without it
    // ignores the option, and a batch that then meets cell-edit mode fails and is retried with the next edit.
    feature: "Wait while a cell is being edited",
    members: ["RunOptions.delayForCellEdit"],
    pattern: /delayForCellEdit/,
  },
  { feature: "Freeze the header row", members: ["Worksheet.freezePanes"], pattern: /freezePanes\b/ },
  { feature: "Sheet tab colours", members: ["Worksheet.tabColor="], pattern: /\.tabColor\b/ },
  {
    feature: "Percentages and counts on the summary charts' value axes",
    members: ["ChartAxis.numberFormat="],
    pattern: /valueAxis\.numberFormat\b/,
  },
  {
    feature: "Guide providers with data validation",
    members: [
      "Range.dataValidation",
      "DataValidation.rule",
      "DataValidation.errorAlert",
      "DataValidation.prompt",
    ],
    pattern: /\.dataValidation\b/,
  },
  {
    feature: "Notes naming a finding's rule (fill-only highlights where notes are not supported)",
    members: ["Workbook.notes", "NoteCollection.add", "NoteCollection.getItemOrNullObject", "Note.content="],
    pattern: /notes\.add\(/,
    optional: true,
  },
];

/** The ExcelApi version the manifest must declare for a set of used features: "1.N". Optional ones do not count. */
export function lowestExcelApi(used: readonly ExcelFeature[]): string {
  return `1.${Math.max(1, ...used.filter((f) => !f.optional).map(excelApiOf))}`;
}
