import ExcelJS from "exceljs";
import { buildQuarterlyReport } from "../../src/report/model";
import { renderReportHtml } from "../../src/report/html";
import { renderReportXlsx } from "../../src/report/xlsx";
import { PERIOD, SEED_CSPS, seedBudgetItems, seedKpiItems } from "./items";

const generatedAt = new Date("2022-11-22T10:00:00Z");
const report = buildQuarterlyReport(seedKpiItems(), seedBudgetItems(), PERIOD);

describe("renderReportHtml", () => {
  const html = renderReportHtml(report, { generatedAt, source: "emulator.sharepoint.local" });

  it("loads nothing from anywhere: no scripts, no external links, a strict content policy", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).not.toMatch(/href="(?!#)/i);
    expect(html).toContain(
      `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"`,
    );
  });

  it("escapes the providers' text", () => {
    expect(html).toContain(
      "IT disruption during the quarter &lt;script&gt;alert(1)&lt;/script&gt; &amp; recruitment.",
    );
  });

  it("shows the seed's CSP funding summary", () => {
    expect(html).toContain("The five CSPs were awarded £636,541 and have spent £515,579: 81.0% utilisation.");
    for (const [name, pct] of [
      ["Shropshire CSP", "51.0%"],
      ["Herefordshire CSP", "88.1%"],
      ["Telford &amp; Wrekin CSP", "85.3%"],
      ["South Worcestershire CSP", "100.0%"],
      ["North Worcestershire CSP", "73.1%"],
    ]) {
      expect(html).toContain(`${name} ${pct}`); // the utilisation chart's accessible description
    }
  });

  it("draws the utilisation chart and one referrals chart per service with referrals", () => {
    const charts = html.match(/<svg class="chart"/g) ?? [];
    expect(charts).toHaveLength(1 + report.referrals.length);
    expect(report.referrals.length).toBeGreaterThan(0);
    expect(html).toContain(
      "Victim Advice Line, Referrals: Q2 2021/22 not reported, Q1 2022/23 4,441, Q2 2022/23 3,834",
    );
  });

  it("lists each service's KPIs with trends, in percentage points for percent KPIs", () => {
    expect(html).toContain("−13.7%");
    expect(html).toContain("+5.8%");
    expect(html).toContain("+0.8 percentage points");
    expect(html).toContain("Built on 22 November 2022");
  });
});

describe("renderReportXlsx", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    const buffer = await renderReportXlsx(report, { generatedAt });
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
  });

  it("has a Summary sheet and pivotable data sheets", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Summary", "Data", "Budget data"]);
  });

  it("keeps the KPI figures as an Excel table, one row per list item", () => {
    const ws = wb.getWorksheet("Data")!;
    const table = ws.getTable("KpiData") as unknown as {
      table: { columns: { name: string }[]; tableRef?: string };
    };
    expect(table).toBeTruthy();
    expect(ws.getRow(1).getCell(1).value).toBe("Period");
    expect(ws.getRow(1).getCell(8).value).toBe("Actual");
    const rows = ws.getRows(2, ws.rowCount - 1) ?? [];
    expect(rows.filter((r) => r.getCell(1).value === PERIOD)).toHaveLength(seedKpiItems().length);
  });

  it("keeps the budget figures as an Excel table with the seed's awards and spend", () => {
    const ws = wb.getWorksheet("Budget data")!;
    expect(ws.getTable("BudgetData")).toBeTruthy();
    const rows = (ws.getRows(2, ws.rowCount - 1) ?? []).map((r) => [
      r.getCell(5).value,
      r.getCell(7).value,
      r.getCell(8).value,
    ]);
    expect(rows).toHaveLength(SEED_CSPS.length);
    for (const [name, awarded, spent] of SEED_CSPS) expect(rows).toContainEqual([name, awarded, spent]);
  });

  it("totals the funding with live formulas whose cached results are the seed's totals", () => {
    const ws = wb.getWorksheet("Summary")!;
    let total: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === "Total, all funding") total = row;
    });
    expect(total).toBeDefined();
    const awarded = total!.getCell(3).value as ExcelJS.CellFormulaValue;
    const spent = total!.getCell(4).value as ExcelJS.CellFormulaValue;
    const utilisation = total!.getCell(5).value as ExcelJS.CellFormulaValue;
    expect(awarded.formula).toMatch(/^SUM\(/);
    expect(awarded.result).toBe(636541);
    expect(spent.result).toBe(515579);
    expect(Math.round((utilisation.result as number) * 1000) / 10).toBe(81.0);
  });
});
