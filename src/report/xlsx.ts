/**
 * The quarterly report as an .xlsx for finance: a Summary sheet laid out to read (funding by area and CSP with live
 * totals, then each service's KPIs), and flat Data / Budget data sheets as Excel tables, ready to pivot.
 */
import ExcelJS from "exceljs";
import type { Rag } from "../core/types";
import type {
  FundingGroup,
  FundingLine,
  FundingTotals,
  QuarterlyReport,
  ReportKpi,
  ServiceSection,
} from "./model";
import {
  longDate,
  quarterTitle,
  ragText,
  varianceText,
  vsLastYearText,
  vsPreviousText,
  xmlSafe,
} from "./text";

export interface XlsxReportOptions {
  readonly generatedAt: Date;
  readonly source?: string;
}

const MONEY = '"£"#,##0;[Red]-"£"#,##0';
const PERCENT = "0.0%";
const COUNT = "#,##0";
const BRAND = "FF1F3864";
const RAG_FILL: Record<Rag, string> = { green: "FFC8E6C9", amber: "FFFFE0B2", red: "FFFFCDD2" };

function fill(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

function styleRag(cell: ExcelJS.Cell, rag: Rag | null): void {
  cell.value = rag ? ragText(rag) : "";
  if (rag) cell.fill = fill(RAG_FILL[rag]);
  cell.alignment = { horizontal: "center" };
}

/** A KPI value's number format in its unit and scale. */
function kpiFormat(k: ReportKpi): string {
  switch (k.unit) {
    case "currency":
      return MONEY;
    case "percent":
      return k.percentScale === "fraction" ? PERCENT : '0.0"%"';
    case "days":
      return '0.0" days"';
    default:
      return COUNT;
  }
}

function headerRow(row: ExcelJS.Row): void {
  row.font = { bold: true, color: { argb: "FFFFFFFF" } };
  row.eachCell((c) => {
    c.fill = fill(BRAND);
    c.alignment = { vertical: "middle", wrapText: true };
  });
}

function writeSummary(wb: ExcelJS.Workbook, report: QuarterlyReport, options: XlsxReportOptions): void {
  const ws = wb.addWorksheet("Summary", {
    views: [{ showGridLines: false }],
    properties: { tabColor: { argb: BRAND } },
  });
  ws.columns = [
    { width: 34 },
    { width: 40 },
    { width: 15 },
    { width: 15 },
    { width: 13 },
    { width: 13 },
    { width: 17 },
    { width: 17 },
    { width: 9 },
  ];
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

  ws.addRow(["Summary of funding"]).font = { bold: true, size: 13, color: { argb: BRAND } };
  headerRow(
    ws.addRow([
      "Area",
      "CSP / provider",
      "Awarded",
      "Spent to date",
      "Utilisation",
      "Expected",
      "Forecast outturn",
      "Forecast variance",
      "RAG",
    ]),
  );
  const lineRows: number[] = [];
  const lineRow = (area: string, l: FundingLine): void => {
    const row = ws.addRow([
      area,
      l.area === l.provider ? l.area : `${l.area} (${l.provider})`,
      l.awarded,
      l.spent,
    ]);
    const r = row.number;
    // Utilisation is a live formula so finance can correct a figure and see it follow; the cached result is ours.
    row.getCell(5).value =
      l.awarded !== null && l.spent !== null
        ? { formula: `IF(C${r}=0,"",D${r}/C${r})`, result: l.utilisation ?? undefined }
        : null;
    row.getCell(6).value = l.expectedUtilisation;
    row.getCell(7).value = l.forecastOutturn;
    row.getCell(8).value = l.forecastVariance;
    styleRag(row.getCell(9), l.rag);
    lineRows.push(r);
  };
  const subtotal = (label: string, rows: readonly number[], t: FundingTotals, bold: boolean): void => {
    const list = (col: string): string => rows.map((n) => `${col}${n}`).join(",");
    const row = ws.addRow([label, ""]);
    const r = row.number;
    // Live sums: finance can correct a line and the totals follow. The cached results are the model's own totals.
    row.getCell(3).value = { formula: `SUM(${list("C")})`, result: t.awarded };
    row.getCell(4).value = { formula: `SUM(${list("D")})`, result: t.spent };
    row.getCell(5).value = {
      formula: `IF(C${r}=0,"",D${r}/C${r})`,
      result: t.awarded ? t.spent / t.awarded : "",
    };
    row.getCell(7).value = { formula: `SUM(${list("G")})`, result: t.forecastOutturn };
    row.getCell(8).value = { formula: `SUM(${list("H")})`, result: t.forecastVariance };
    row.font = { bold };
    row.eachCell((c) => (c.border = { top: { style: bold ? "medium" : "thin" } }));
  };
  const allRows: number[] = [];
  for (const group of report.funding.groups) {
    const first = lineRows.length;
    group.lines.forEach((l) => lineRow(group.serviceArea, l));
    const rows = lineRows.slice(first);
    allRows.push(...rows);
    if (rows.length > 1 && report.funding.groups.length > 1)
      subtotal(`Total, ${group.serviceArea}`, rows, group.total, false);
  }
  if (allRows.length > 0) {
    subtotal("Total, all funding", allRows, report.funding.total, true);
  } else {
    ws.addRow(["No approved budget returns for this quarter."]).font = { italic: true };
  }
  for (const r of [...lineRows, ws.rowCount]) {
    const row = ws.getRow(r);
    [3, 4, 7, 8].forEach((c) => (row.getCell(c).numFmt = MONEY));
    [5, 6].forEach((c) => (row.getCell(c).numFmt = PERCENT));
  }
  ws.eachRow((row) => {
    if (String(row.getCell(1).value ?? "").startsWith("Total,")) {
      [3, 4, 7, 8].forEach((c) => (row.getCell(c).numFmt = MONEY));
      row.getCell(5).numFmt = PERCENT;
    }
  });

  ws.addRow([]);
  ws.addRow(["Services"]).font = { bold: true, size: 13, color: { argb: BRAND } };
  for (const s of report.services) {
    ws.addRow([]);
    const title = ws.addRow([s.service, `${s.provider} · ${s.serviceArea}`]);
    title.font = { bold: true, color: { argb: BRAND } };
    headerRow(
      ws.addRow([
        "KPI",
        "Commentary",
        "This quarter",
        "Target",
        "Variance",
        "vs previous quarter",
        "vs same quarter last year",
        "Direction",
        "RAG",
      ]),
    );
    s.kpis.forEach((k, i) => {
      const row = ws.addRow([
        k.label,
        i === 0 ? s.commentary.join("\n") : "",
        k.actual,
        k.target,
        varianceText(k),
        vsPreviousText(k),
        vsLastYearText(k),
        k.direction ?? "",
      ]);
      row.getCell(3).numFmt = kpiFormat(k);
      row.getCell(4).numFmt = kpiFormat(k);
      [5, 6, 7].forEach((c) => (row.getCell(c).alignment = { horizontal: "right" }));
      row.getCell(2).alignment = { wrapText: true, vertical: "top" };
      styleRag(row.getCell(9), k.rag);
    });
    if (s.kpis.length > 1 && s.commentary.length) {
      const first = ws.rowCount - s.kpis.length + 1;
      ws.mergeCells(first, 2, ws.rowCount, 2);
    }
  }
}

/** One column of a data sheet: its header, how a row fills it, and its number format. */
interface DataColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => ExcelJS.CellValue;
  readonly numFmt?: string;
}

/** A flat sheet holding one Excel table (so finance can pivot and filter it), frozen below its header. */
function writeDataSheet<Row>(
  wb: ExcelJS.Workbook,
  sheet: string,
  table: string,
  columns: readonly DataColumn<Row>[],
  rows: readonly Row[],
): void {
  const ws = wb.addWorksheet(sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  const headers = columns.map((c) => c.header);
  if (rows.length === 0) {
    // ExcelJS cannot write an empty table: a bare header row still tells finance what would be there.
    headerRow(ws.addRow(headers));
  } else {
    ws.addTable({
      name: table,
      ref: "A1",
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: headers.map((name) => ({ name, filterButton: true })),
      rows: rows.map((row) => columns.map((c) => c.value(row))),
    });
  }
  // Formats go on after the cells exist, so every cell of the column takes them.
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.min(40, Math.max(12, c.header.length + 4));
    if (c.numFmt) col.numFmt = c.numFmt;
  });
}

// Percentages of change are ×100 in the model; the sheet holds fractions so Excel's % format reads right.
const fraction = (n: number | null): number | null => (n === null ? null : n / 100);

type KpiRow = { readonly period: string; readonly service: ServiceSection; readonly kpi: ReportKpi };

const KPI_DATA: readonly DataColumn<KpiRow>[] = [
  { header: "Period", value: (r) => r.period },
  { header: "Service area", value: (r) => r.service.serviceArea },
  { header: "Service", value: (r) => r.service.service },
  { header: "Provider", value: (r) => r.service.provider },
  { header: "KPI id", value: (r) => r.kpi.kpiId },
  { header: "KPI", value: (r) => r.kpi.label },
  { header: "Unit", value: (r) => r.kpi.unit },
  { header: "Actual", value: (r) => r.kpi.actual },
  { header: "Target", value: (r) => r.kpi.target },
  { header: "Variance", value: (r) => r.kpi.variance },
  { header: "Variance %", value: (r) => fraction(r.kpi.variancePct), numFmt: PERCENT },
  { header: "Previous quarter", value: (r) => r.kpi.previous },
  { header: "Same quarter last year", value: (r) => r.kpi.lastYear },
  { header: "Change vs previous %", value: (r) => fraction(r.kpi.changeVsPreviousPct), numFmt: PERCENT },
  { header: "Change vs previous (points)", value: (r) => r.kpi.changeVsPreviousPoints },
  { header: "Change vs last year %", value: (r) => fraction(r.kpi.changeVsLastYearPct), numFmt: PERCENT },
  { header: "Change vs last year (points)", value: (r) => r.kpi.changeVsLastYearPoints },
  { header: "RAG", value: (r) => (r.kpi.rag ? ragText(r.kpi.rag) : null) },
  { header: "Direction", value: (r) => r.kpi.direction },
  { header: "Commentary", value: (r) => r.kpi.commentary },
  { header: "Approved by", value: (r) => r.service.approvedBy },
  {
    header: "Approved at",
    value: (r) => (r.service.approvedAt ? new Date(r.service.approvedAt) : null),
    numFmt: "dd/mm/yyyy hh:mm",
  },
];

type BudgetRow = { readonly period: string; readonly group: FundingGroup; readonly line: FundingLine };

const BUDGET_DATA: readonly DataColumn<BudgetRow>[] = [
  { header: "Period", value: (r) => r.period },
  { header: "Service area", value: (r) => r.group.serviceArea },
  { header: "Service", value: (r) => r.line.service },
  { header: "Provider", value: (r) => r.line.provider },
  { header: "Area / CSP", value: (r) => r.line.area },
  { header: "Budget line", value: (r) => r.line.lineLabel },
  { header: "Awarded", value: (r) => r.line.awarded, numFmt: MONEY },
  { header: "Spent to date", value: (r) => r.line.spent, numFmt: MONEY },
  { header: "Utilisation", value: (r) => r.line.utilisation, numFmt: PERCENT },
  { header: "Expected utilisation", value: (r) => r.line.expectedUtilisation, numFmt: PERCENT },
  { header: "Forecast outturn", value: (r) => r.line.forecastOutturn, numFmt: MONEY },
  { header: "Forecast variance", value: (r) => r.line.forecastVariance, numFmt: MONEY },
  { header: "RAG", value: (r) => (r.line.rag ? ragText(r.line.rag) : null) },
  { header: "Commentary", value: (r) => r.line.commentary },
];

function writeKpiData(wb: ExcelJS.Workbook, report: QuarterlyReport): void {
  const rows = report.services.flatMap((service) =>
    service.kpis.map((kpi) => ({ period: report.period, service, kpi })),
  );
  writeDataSheet(wb, "Data", "KpiData", KPI_DATA, rows);
}

function writeBudgetData(wb: ExcelJS.Workbook, report: QuarterlyReport): void {
  const rows = report.funding.groups.flatMap((group) =>
    group.lines.map((line) => ({ period: report.period, group, line })),
  );
  writeDataSheet(wb, "Budget data", "BudgetData", BUDGET_DATA, rows);
}

/**
 * Every text cell, whatever put it there, made safe for XML: ExcelJS writes text as it is, so one list value holding
 * U+FFFE would leave the whole workbook unreadable. One pass over the finished sheets, so no writer can forget it.
 */
function keepXmlSafe(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (typeof cell.value === "string") cell.value = xmlSafe(cell.value);
      }),
    ),
  );
}

export async function renderReportXlsx(report: QuarterlyReport, options: XlsxReportOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "kpi-returns";
  wb.created = options.generatedAt;
  writeSummary(wb, report, options);
  writeKpiData(wb, report);
  writeBudgetData(wb, report);
  keepXmlSafe(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
