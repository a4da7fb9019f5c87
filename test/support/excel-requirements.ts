/**
 * Which ExcelApi requirement set each office-js feature the add-in uses needs. The manifest declares the highest of
 * these (the lowest version that has every feature used); test/manifest.test.ts finds the uses in the source and checks.
 * Only that test reads this table, so it lives beside the tests.
 */

export interface ExcelFeature {
  /** What the add-in does with it, in users' words. */
  readonly feature: string;
  /** The office-js API member. */
  readonly api: string;
  /** ExcelApi minor version: 8 means ExcelApi 1.8. */
  readonly excelApi: number;
  /** How the source uses it (matched against the office-js modules to find which features are really used). */
  readonly pattern: RegExp;
  /**
   * Used only where Excel supports it (the code asks `isSetSupported("ExcelApi", "1.N")` first), so it does not
   * raise the version the manifest requires.
   */
  readonly optional?: boolean;
}

export const excelFeatures: readonly ExcelFeature[] = [
  {
    feature: "Read and write the return's tables",
    api: "Table, Range.values/formulas",
    excelApi: 1,
    pattern: /\.tables\b/,
  },
  { feature: "Go to a finding's cell", api: "Range.select", excelApi: 1, pattern: /\.select\(\)/ },
  { feature: "Hide the metadata sheet", api: "Worksheet.visibility", excelApi: 1, pattern: /\.visibility\b/ },
  {
    feature: "Charts on the quarterly summary",
    api: "ChartCollection.add",
    excelApi: 1,
    pattern: /charts\.add\(/,
  },
  {
    feature: "Lock computed columns",
    api: "Worksheet.protection.protect",
    excelApi: 2,
    pattern: /protection\.protect\(/,
  },
  { feature: "Column widths", api: "RangeFormat.columnWidth", excelApi: 2, pattern: /\.columnWidth\b/ },
  {
    feature: "Find tables and sheets that may be absent",
    api: "getItemOrNullObject",
    excelApi: 4,
    pattern: /getItemOrNullObject\(/,
  },
  { feature: "Workbook-level names", api: "NamedItemCollection.add", excelApi: 4, pattern: /names\.add\(/ },
  {
    feature: "Highlights as conditional formats",
    api: "ConditionalFormatCollection.add",
    excelApi: 6,
    pattern: /conditionalFormats\.add\(/,
  },
  {
    feature: "Suspend calculation while writing",
    api: "Application.suspendApiCalculationUntilNextSync",
    excelApi: 6,
    pattern: /suspendApiCalculationUntilNextSync\(/,
  },
  {
    feature: "Live checking as providers type",
    api: "Table.onChanged / Worksheet.onChanged",
    excelApi: 7,
    pattern: /\.onChanged\b/,
  },
  {
    feature: "Chart series from ranges",
    api: "ChartSeriesCollection.add",
    excelApi: 7,
    pattern: /series\.add\(/,
  },
  {
    feature: "Rows by index",
    api: "Worksheet.getRangeByIndexes",
    excelApi: 7,
    pattern: /getRangeByIndexes\(/,
  },
  { feature: "Freeze the header row", api: "Worksheet.freezePanes", excelApi: 7, pattern: /freezePanes\b/ },
  { feature: "Sheet tab colours", api: "Worksheet.tabColor", excelApi: 7, pattern: /\.tabColor\b/ },
  {
    feature: "Percentages and counts on the summary charts' value axes",
    api: "ChartAxis.numberFormat",
    excelApi: 8,
    pattern: /valueAxis\.numberFormat\b/,
  },
  {
    feature: "Guide providers with data validation",
    api: "Range.dataValidation",
    excelApi: 8,
    pattern: /\.dataValidation\b/,
  },
  {
    feature: "Threaded comments naming a finding's rule",
    api: "CommentCollection.add",
    excelApi: 10,
    pattern: /comments\.add\(/,
  },
  {
    feature: "Notes naming a finding's rule (fill-only highlights where notes are not supported)",
    api: "NoteCollection.add",
    excelApi: 18,
    pattern: /notes\.add\(/,
    optional: true,
  },
];

/** The ExcelApi version the manifest must declare for a set of used features: "1.N". Optional ones do not count. */
export function lowestExcelApi(used: readonly ExcelFeature[]): string {
  return `1.${Math.max(1, ...used.filter((f) => !f.optional).map((f) => f.excelApi))}`;
}
