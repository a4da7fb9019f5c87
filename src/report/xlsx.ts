/**
 * The quarterly report as an .xlsx for finance: a Summary sheet laid out to read (funding by area and CSP with live
 * totals, then each service's KPIs; `xlsx-summary.ts`), and flat Data / Budget data sheets as Excel tables, ready to
 * pivot (here).
 */
import ExcelJS from "exceljs";
import type { FundingGroup, FundingLine, QuarterlyReport, ReportKpi, ServiceSection } from "./model";
import { ragText, xmlSafe } from "./text";
import { headerRow, MONEY, PERCENT } from "./xlsx-style";
import { writeSummary, type XlsxReportOptions } from "./xlsx-summary";

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
