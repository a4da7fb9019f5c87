/**
 * The quarterly summary sheet: its layout from the report model (seed CSP figures), and the real office-js writer
 * on the workbook layer's fake Excel: the sheet's content, its tables and formats, the two charts, and two syncs.
 */
import { submit } from "../../src/core/lifecycle";
import type { Return } from "../../src/core/types";
import { buildQuarterlyReport } from "../../src/report/model";
import { allParagraphs, draftNarrative, paragraphText } from "../../src/report/narrative";
import { seedReturn, seedSetup, findSeedReturn } from "../../src/seed/q2-2022-23";
import { seedCspReturns } from "../support/seed-totals";
import { budgetItemsFor, kpiItemsFor } from "../../src/sharepoint";
import {
  BLANK_NOTE,
  layoutSummary,
  placeBlocks,
  writeSummarySheet,
  SUMMARY_SHEET,
} from "../../src/taskpane/summary-sheet";
import { findTemplate } from "../../src/templates";
import { validateReturn } from "../../src/core/validate";
import { planNewReturn } from "../../src/workbook";
import { parseRange } from "../../src/workbook/a1";
import { applyPlan } from "../../src/workbook/office";
import { cellsOf, columnLetter, FakeWorkbook } from "../support/fake-excel";
import { fakeExcelEachTest } from "../support/fake-excel-each";
import { approvedReturn } from "../support/approved-returns";

const at = "2022-10-14T09:30:00Z";

/** The seed's CSP and IDVA returns as the lists hold them after sync. */
function listItems() {
  const entries = [...seedCspReturns, findSeedReturn("idva")!];
  const kpi = [];
  const budget = [];
  for (const entry of entries) {
    const template = findTemplate(entry.templateId)!;
    let ret: Return = seedReturn(entry, { answerQueries: true });
    // CSPs ahead of their profile explain it in the budget line's commentary.
    ret = {
      ...ret,
      budget: ret.budget.map((b) => ({ ...b, commentary: b.commentary || "Explained." })),
    };
    ret = submit(ret, { by: entry.provider, at });
    const approved = approvedReturn(ret, template, { by: "Officer", at, overrideQueries: "Agreed." });
    const validation = validateReturn(approved, template);
    const audit = { syncedBy: "Officer", syncedAt: at, sourceWorkbook: `${entry.provider}.xlsx` };
    kpi.push(...kpiItemsFor(approved, validation, template, audit));
    budget.push(...budgetItemsFor(approved, validation, template, audit));
  }
  return { kpi, budget };
}

describe("quarterly summary layout", () => {
  it("lists the CSPs' utilisation from the lists (Shropshire 51.0% … North Worcestershire 73.1%) and referral trends", () => {
    const { kpi, budget } = listItems();
    const layout = layoutSummary(buildQuarterlyReport(kpi, budget, "2022-23 Q2"));
    expect(layout.heading).toBe("Quarterly summary 2022-23 Q2");
    const csps = layout.blocks.find((b) => b.table === "SummaryCspUtilisation")!;
    expect(csps.rows.map((r) => [String(r[0]).split(" ")[0], Math.round(Number(r[1]) * 1000) / 10])).toEqual([
      ["Shropshire", 51],
      ["Herefordshire", 88.1],
      ["Telford", 85.3],
      ["South", 100],
      ["North", 73.1],
    ]);
    const referrals = layout.blocks.find((b) => b.table === "SummaryReferrals")!;
    expect(referrals.headers).toEqual(["Service", "2021-22 Q2", "2022-23 Q1", "2022-23 Q2"]);
    expect(referrals.rows.find((r) => r[3] === 492)?.[1]).toBe(465);
    // Blocks never overlap, charts included.
    const placed = placeBlocks(layout);
    for (let i = 1; i < placed.length; i++)
      expect(placed[i].titleRow).toBeGreaterThan(placed[i - 1].lastRow + 1);
  });
});

describe("empty values in the summary", () => {
  it("a line with no rating says Not rated; a blank cell is explained once, under the heading, and only when there is one", () => {
    const { kpi, budget } = listItems();
    const report = buildQuarterlyReport(kpi, budget, "2022-23 Q2");
    const full = layoutSummary(report);
    const funding = (l: typeof full) => l.blocks.find((b) => b.table === "SummaryFunding")!;
    const rag = funding(full).headers.indexOf("RAG");
    expect(funding(full).rows.every((r) => r[rag] !== "" && r[rag] !== null)).toBe(true);
    const blanks = full.blocks.some((b) => b.rows.some((r) => r.includes(null)));
    expect(full.subheading.endsWith(BLANK_NOTE)).toBe(blanks);

    const [group, ...groups] = report.funding.groups;
    const [line, ...lines] = group.lines;
    const unawarded = { ...line, awarded: null, utilisation: null, expectedUtilisation: null, rag: null };
    const withBlank = layoutSummary({
      ...report,
      funding: { ...report.funding, groups: [{ ...group, lines: [unawarded, ...lines] }, ...groups] },
    });
    expect(funding(withBlank).rows[0][rag]).toBe("Not rated");
    expect(funding(withBlank).rows[0]).toContain(null);
    expect(withBlank.subheading).toMatch(
      /\. A blank cell means nothing was recorded for it: no award, or no figure that quarter\.$/,
    );
    for (const b of withBlank.blocks) for (const r of b.rows) expect(r).not.toContain("–");
  });
});

describe("writing the summary sheet (on the fake Excel)", () => {
  let wb: FakeWorkbook;
  fakeExcelEachTest((made) => (wb = made));

  const layout = () => {
    const { kpi, budget } = listItems();
    return layoutSummary(buildQuarterlyReport(kpi, budget, "2022-23 Q2"));
  };
  const value = (sheet: string, address: string) => cellsOf(wb, sheet, address)[0][0].value;

  it("writes the heading, each block as a named table with en-GB formats, and charts two of them: two syncs", async () => {
    await applyPlan(planNewReturn(seedSetup(findSeedReturn("idva")!))); // an open return stays as it is
    const sheetsBefore = wb.sheets.map((s) => s.name);
    const summary = layout();
    wb.resetCounts();
    const result = await writeSummarySheet(summary);

    expect(result).toEqual({ sheet: SUMMARY_SHEET, charts: 2 });
    expect(wb.syncs).toBe(2);
    expect(wb.calculationSuspended).toEqual([false, true]); // the write, with calculation suspended
    expect(wb.sheets.map((s) => s.name)).toEqual([...sheetsBefore, SUMMARY_SHEET]);
    expect(wb.activeSheet).toBe(SUMMARY_SHEET);
    expect(value(SUMMARY_SHEET, "A1")).toBe("Quarterly summary 2022-23 Q2");
    expect(value(SUMMARY_SHEET, "A2")).toMatch(/^From 6 approved returns synced to SharePoint/);

    const sheet = wb.sheet(SUMMARY_SHEET)!;
    for (const { block, titleRow, headerRow, lastRow } of placeBlocks(summary)) {
      expect(value(SUMMARY_SHEET, `A${titleRow}`)).toBe(block.title);
      const table = wb.table(block.table)!;
      expect(table.sheet).toBe(sheet);
      expect([table.top, table.bottom, table.left, table.right]).toEqual([
        headerRow,
        lastRow,
        1,
        block.headers.length,
      ]);
      const cells = cellsOf(
        wb,
        SUMMARY_SHEET,
        `A${headerRow}:${columnLetter(block.headers.length)}${lastRow}`,
      );
      expect(cells[0].map((c) => c.value)).toEqual(block.headers);
      expect(cells.slice(1).map((r) => r.map((c) => c.value))).toEqual(
        block.rows.map((r) => r.map((v) => v ?? "")),
      );
      block.formats.forEach((format, i) => {
        if (format) for (const row of cells.slice(1)) expect(row[i].numberFormat).toBe(format);
      });
    }
    // Herefordshire CSP: 88.1% of its award spent, shown as a percentage.
    const csp = wb.table("SummaryCspUtilisation")!;
    const hereford = cellsOf(wb, SUMMARY_SHEET, `A${csp.top + 1}:B${csp.bottom}`).find((r) =>
      String(r[0].value).startsWith("Herefordshire"),
    )!;
    expect(Math.round(Number(hereford[1].value) * 1000) / 10).toBe(88.1);
    expect(hereford[1].numberFormat).toBe("0.0%");

    const [utilisation, trends] = sheet.charts;
    expect(sheet.charts).toHaveLength(2);
    expect(utilisation).toMatchObject({
      name: "CspUtilisation",
      type: "BarClustered",
      seriesBy: "Columns",
      title: "Utilisation by CSP",
      source: { sheet: SUMMARY_SHEET, address: tableAddress(csp) },
      valueAxis: { title: "Share of the award spent", numberFormat: "0%" },
      legend: { position: "Bottom", visible: true },
    });
    const referrals = wb.table("SummaryReferrals")!;
    expect(trends).toMatchObject({
      name: "ReferralTrends",
      type: "ColumnClustered",
      seriesBy: "Columns",
      title: "KPI trends: referrals",
      source: { sheet: SUMMARY_SHEET, address: tableAddress(referrals) },
      valueAxis: { title: "Referrals", numberFormat: "#,##0" },
    });
    // Each chart sits beside its own block, right of the table, and the two do not overlap.
    for (const [chart, table] of [
      [utilisation, csp],
      [trends, referrals],
    ] as const) {
      const from = parseRange(chart.position!.from)!;
      const to = parseRange(chart.position!.to)!;
      expect(from.left).toBeGreaterThan(table.right);
      expect(from.top).toBe(table.top - 1);
      expect(to.bottom - from.top).toBeGreaterThanOrEqual(10);
    }
    expect(parseRange(trends.position!.from)!.top).toBeGreaterThan(
      parseRange(utilisation.position!.to)!.bottom,
    );
    expect([...sheet.autofitted].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("replaces an earlier summary (its tables and charts go with it), still in two syncs", async () => {
    // Here the old summary is the workbook's only sheet, which Excel will not delete before another exists.
    await writeSummarySheet(layout());
    expect(wb.sheets.map((s) => s.name)).toEqual([SUMMARY_SHEET]);
    wb.resetCounts();
    const again = await writeSummarySheet(layout());
    expect(again.charts).toBe(2);
    expect(wb.syncs).toBe(2);
    expect(wb.sheets.map((s) => s.name)).toEqual([SUMMARY_SHEET]);
    expect(wb.sheet(SUMMARY_SHEET)!.charts).toHaveLength(2);
    expect(wb.tables.map((t) => t.name).sort()).toEqual(
      ["SummaryCspUtilisation", "SummaryFunding", "SummaryReferrals", "SummaryNarrative"].sort(),
    );
  });

  it("shows the same drafted narrative as the Word and HTML reports, paragraph for paragraph", async () => {
    const { kpi, budget } = listItems();
    const report = buildQuarterlyReport(kpi, budget, "2022-23 Q2");
    const prose = layoutSummary(report).blocks.find((b) => b.table === "SummaryNarrative")!;
    const drafted = allParagraphs(draftNarrative(report)).map(paragraphText);
    expect(drafted.length).toBeGreaterThan(1);
    expect(prose.rows.map((r) => r[3])).toEqual(drafted);
    expect(prose.rows.map((r) => r[0])).toEqual(drafted.map((_, i) => i + 1));
    await writeSummarySheet(layoutSummary(report));
    expect(wb.table("SummaryNarrative")).toBeDefined();
  });

  it("charts nothing when the lists hold no CSP budgets or referrals", async () => {
    const summary = layout();
    const fundingOnly = { ...summary, blocks: summary.blocks.filter((b) => !b.chart) };
    const result = await writeSummarySheet(fundingOnly);
    expect(result.charts).toBe(0);
    expect(wb.sheet(SUMMARY_SHEET)!.charts).toHaveLength(0);
    expect(wb.table("SummaryFunding")).toBeDefined();
  });
});

function tableAddress(t: { top: number; left: number; bottom: number; right: number }): string {
  return `${columnLetter(t.left)}${t.top}:${columnLetter(t.right)}${t.bottom}`;
}
