/**
 * The report workbook's Summary sheet, laid out to read: funding by area and Community Safety Partnership with live
 * totals finance can follow, then each service's KPIs with its commentary. Cells are placed by column name, so a
 * column added or moved is one edit to the column lists below.
 */
import type ExcelJS from "exceljs";
import type { FundingLine, FundingTotals, QuarterlyReport, ServiceSection } from "./model";
import { longDate, quarterTitle, varianceText, vsLastYearText, vsPreviousText } from "./text";
import { BRAND, headerRow, kpiFormat, MONEY, PERCENT, styleRag } from "./xlsx-style";

export interface XlsxReportOptions {
  readonly generatedAt: Date;
  readonly source?: string;
}

/** The funding block's columns, in order, with their headers and widths (the sheet's widths are set from these). */
const FUNDING = {
  area: { header: "Area", width: 34 },
  provider: { header: "CSP / provider", width: 40 },
  awarded: { header: "Awarded", width: 15 },
  spent: { header: "Spent to date", width: 15 },
  utilisation: { header: "Utilisation", width: 13 },
  expected: { header: "Expected", width: 13 },
  outturn: { header: "Forecast outturn", width: 17 },
  variance: { header: "Forecast variance", width: 17 },
  rag: { header: "RAG", width: 9 },
} as const;
type FundingColumn = keyof typeof FUNDING;
const FUNDING_ORDER = Object.keys(FUNDING) as FundingColumn[];

/** Each service's block shares the sheet's grid: its columns, in order, under their own headers. */
const SERVICE = {
  kpi: "KPI",
  commentary: "Commentary",
  actual: "This quarter",
  target: "Target",
  variance: "Variance",
  vsPrevious: "vs previous quarter",
  vsLastYear: "vs same quarter last year",
  direction: "Direction",
  rag: "RAG",
} as const;
type ServiceColumn = keyof typeof SERVICE;
const SERVICE_ORDER = Object.keys(SERVICE) as ServiceColumn[];

/** The funding columns holding money. */
const MONEY_COLUMNS: readonly FundingColumn[] = ["awarded", "spent", "outturn", "variance"];

/** The 1-based column of `name` in `order`. */
const columnOf = <K extends string>(order: readonly K[], name: K): number => order.indexOf(name) + 1;
/** A funding column's letter, for formulas ("C"). */
const letter = (name: FundingColumn): string => String.fromCharCode(64 + columnOf(FUNDING_ORDER, name));
const fundingCell = (row: ExcelJS.Row, name: FundingColumn): ExcelJS.Cell =>
  row.getCell(columnOf(FUNDING_ORDER, name));
const serviceCell = (row: ExcelJS.Row, name: ServiceColumn): ExcelJS.Cell =>
  row.getCell(columnOf(SERVICE_ORDER, name));

/** A new row with the named cells filled, each in its column; the cells not named stay empty. */
function addNamedRow<K extends string>(
  ws: ExcelJS.Worksheet,
  order: readonly K[],
  cells: Partial<Record<K, ExcelJS.CellValue>>,
): ExcelJS.Row {
  const row = ws.addRow([]);
  for (const name of order) {
    if (name in cells) row.getCell(columnOf(order, name)).value = cells[name] ?? null;
  }
  return row;
}

/** The sheet's title and the line saying what it was built from. */
function writeTitle(ws: ExcelJS.Worksheet, report: QuarterlyReport, options: XlsxReportOptions): void {
  ws.addRow([`Quarterly commissioning report – ${quarterTitle(report.period)}`]).font = {
    bold: true,
    size: 16,
    color: { argb: BRAND },
  };
  ws.addRow([
    `Built on ${longDate(options.generatedAt)} from the SharePoint lists "KPI Returns" and "Budget Returns"` +
      `${options.source ? ` on ${options.source}` : ""}: ${report.sources.returns} approved returns.`,
  ]).font = { italic: true, color: { argb: "FF5B6572" } };
  ws.addRow([]);
}

/** One funding line, its utilisation a live formula so finance can correct a figure and see it follow. */
function writeLine(ws: ExcelJS.Worksheet, area: string, l: FundingLine): number {
  const row = addNamedRow(ws, FUNDING_ORDER, {
    area,
    provider: l.area === l.provider ? l.area : `${l.area} (${l.provider})`,
    awarded: l.awarded,
    spent: l.spent,
  });
  const r = row.number;
  const [awarded, spent] = [letter("awarded"), letter("spent")];
  // The cached result is the model's own utilisation.
  fundingCell(row, "utilisation").value =
    l.awarded !== null && l.spent !== null
      ? { formula: `IF(${awarded}${r}=0,"",${spent}${r}/${awarded}${r})`, result: l.utilisation ?? undefined }
      : null;
  fundingCell(row, "expected").value = l.expectedUtilisation;
  fundingCell(row, "outturn").value = l.forecastOutturn;
  fundingCell(row, "variance").value = l.forecastVariance;
  styleRag(fundingCell(row, "rag"), l.rag);
  return r;
}

/** A total over `rows`: live sums, so finance can correct a line and the totals follow; cached results are the model's. */
function writeTotal(
  ws: ExcelJS.Worksheet,
  label: string,
  rows: readonly number[],
  t: FundingTotals,
  bold: boolean,
): void {
  const sum = (name: FundingColumn): string => `SUM(${rows.map((n) => `${letter(name)}${n}`).join(",")})`;
  const row = addNamedRow(ws, FUNDING_ORDER, { area: label, provider: "" });
  const r = row.number;
  const [awarded, spent] = [letter("awarded"), letter("spent")];
  fundingCell(row, "awarded").value = { formula: sum("awarded"), result: t.awarded };
  fundingCell(row, "spent").value = { formula: sum("spent"), result: t.spent };
  fundingCell(row, "utilisation").value = {
    formula: `IF(${awarded}${r}=0,"",${spent}${r}/${awarded}${r})`,
    result: t.awarded ? t.spent / t.awarded : "",
  };
  fundingCell(row, "outturn").value = { formula: sum("outturn"), result: t.forecastOutturn };
  fundingCell(row, "variance").value = { formula: sum("variance"), result: t.forecastVariance };
  row.font = { bold };
  row.eachCell((c) => (c.border = { top: { style: bold ? "medium" : "thin" } }));
}

/** Funding by area, a subtotal per area of several lines, and the total of all funding. */
function writeFunding(ws: ExcelJS.Worksheet, report: QuarterlyReport): void {
  ws.addRow(["Summary of funding"]).font = { bold: true, size: 13, color: { argb: BRAND } };
  headerRow(
    addNamedRow(
      ws,
      FUNDING_ORDER,
      mapColumns(FUNDING_ORDER, (c) => FUNDING[c].header),
    ),
  );
  const lineRows: number[] = [];
  for (const group of report.funding.groups) {
    const rows = group.lines.map((l) => writeLine(ws, group.serviceArea, l));
    lineRows.push(...rows);
    if (rows.length > 1 && report.funding.groups.length > 1)
      writeTotal(ws, `Total, ${group.serviceArea}`, rows, group.total, false);
  }
  if (lineRows.length > 0) {
    writeTotal(ws, "Total, all funding", lineRows, report.funding.total, true);
  } else {
    ws.addRow(["No approved budget returns for this quarter."]).font = { italic: true };
  }
  for (const r of [...lineRows, ws.rowCount]) {
    const row = ws.getRow(r);
    MONEY_COLUMNS.forEach((c) => (fundingCell(row, c).numFmt = MONEY));
    (["utilisation", "expected"] as const).forEach((c) => (fundingCell(row, c).numFmt = PERCENT));
  }
  ws.eachRow((row) => {
    if (String(fundingCell(row, "area").value ?? "").startsWith("Total,")) {
      MONEY_COLUMNS.forEach((c) => (fundingCell(row, c).numFmt = MONEY));
      fundingCell(row, "utilisation").numFmt = PERCENT;
    }
  });
}

/** One service's block: its title, then a row per KPI, the commentary merged down beside them. */
function writeService(ws: ExcelJS.Worksheet, s: ServiceSection): void {
  ws.addRow([]);
  const title = ws.addRow([s.service, `${s.provider} · ${s.serviceArea}`]);
  title.font = { bold: true, color: { argb: BRAND } };
  headerRow(
    addNamedRow(
      ws,
      SERVICE_ORDER,
      mapColumns(SERVICE_ORDER, (c) => SERVICE[c]),
    ),
  );
  s.kpis.forEach((k, i) => {
    const row = addNamedRow(ws, SERVICE_ORDER, {
      kpi: k.label,
      commentary: i === 0 ? s.commentary.join("\n") : "",
      actual: k.actual,
      target: k.target,
      variance: varianceText(k),
      vsPrevious: vsPreviousText(k),
      vsLastYear: vsLastYearText(k),
      direction: k.direction ?? "",
    });
    serviceCell(row, "actual").numFmt = kpiFormat(k);
    serviceCell(row, "target").numFmt = kpiFormat(k);
    (["variance", "vsPrevious", "vsLastYear"] as const).forEach(
      (c) => (serviceCell(row, c).alignment = { horizontal: "right" }),
    );
    serviceCell(row, "commentary").alignment = { wrapText: true, vertical: "top" };
    styleRag(serviceCell(row, "rag"), k.rag);
  });
  if (s.kpis.length > 1 && s.commentary.length) {
    const first = ws.rowCount - s.kpis.length + 1;
    const column = columnOf(SERVICE_ORDER, "commentary");
    ws.mergeCells(first, column, ws.rowCount, column);
  }
}

/** Every column of `order` mapped to a value. */
function mapColumns<K extends string, V>(order: readonly K[], value: (column: K) => V): Record<K, V> {
  return Object.fromEntries(order.map((c) => [c, value(c)])) as Record<K, V>;
}

export function writeSummary(
  wb: ExcelJS.Workbook,
  report: QuarterlyReport,
  options: XlsxReportOptions,
): void {
  const ws = wb.addWorksheet("Summary", {
    views: [{ showGridLines: false }],
    properties: { tabColor: { argb: BRAND } },
  });
  ws.columns = FUNDING_ORDER.map((c) => ({ width: FUNDING[c].width }));
  writeTitle(ws, report, options);
  writeFunding(ws, report);
  ws.addRow([]);
  ws.addRow(["Services"]).font = { bold: true, size: 13, color: { argb: BRAND } };
  for (const s of report.services) writeService(ws, s);
}
