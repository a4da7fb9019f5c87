/**
 * The "Quarterly summary" sheet: laid out as data from the report model (pure, tested in Node), then written with
 * charts in one Excel.run with a fixed two syncs (does the sheet exist? then write everything), whatever its size.
 */
import type { QuarterlyReport } from "../report/model";
import { draftNarrative, paragraphText } from "../report/narrative";
import { qualified } from "../workbook/a1";

export const SUMMARY_SHEET = "Quarterly summary";
/** The new summary's name for the moment between adding it and deleting the one it replaces. */
const REPLACING_SHEET = "Quarterly summary (new)";

type Cell = string | number | null;

/** A block of rows written at `top` (1-based row), first row the headers; optionally an Excel table and a chart. */
export interface SummaryBlock {
  readonly title: string;
  readonly table: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Number format per column (en-GB), "" for General. */
  readonly formats: readonly string[];
  readonly chart?: {
    readonly name: string;
    readonly type: "BarClustered" | "ColumnClustered";
    readonly title: string;
    /** What the values are, in words, and how the axis shows them. */
    readonly valueAxis: { readonly title: string; readonly numberFormat: string };
  };
}

export interface SummaryLayout {
  readonly heading: string;
  readonly subheading: string;
  readonly blocks: readonly SummaryBlock[];
}

const MONEY = "£#,##0";
/** What an empty cell of the summary means, said once. */
export const BLANK_NOTE =
  "A blank cell means nothing was recorded for it: no award, or no figure that quarter.";
const SHARE = "0.0%";

/** What the summary sheet shows, from the report model: funding by area/CSP, CSP utilisation, referral trends. */
export function layoutSummary(report: QuarterlyReport): SummaryLayout {
  const funding: SummaryBlock = {
    title: "Funding by area",
    table: "SummaryFunding",
    headers: [
      "Service area",
      "Area / CSP",
      "Provider",
      "Awarded",
      "Spent to date",
      "Utilisation",
      "Expected",
      "RAG",
    ],
    formats: ["", "", "", MONEY, MONEY, SHARE, SHARE, ""],
    rows: report.funding.groups.flatMap((g) =>
      g.lines.map((l) => [
        g.serviceArea,
        l.area,
        l.provider,
        l.awarded,
        l.spent,
        l.utilisation,
        l.expectedUtilisation,
        l.rag ? l.rag[0].toUpperCase() + l.rag.slice(1) : "Not rated",
      ]),
    ),
  };
  const csps: SummaryBlock = {
    title: "Community Safety Partnerships: utilisation",
    table: "SummaryCspUtilisation",
    headers: ["CSP", "Utilisation", "Expected by profile"],
    formats: ["", SHARE, SHARE],
    rows: report.csps.map((l) => [l.area, l.utilisation, l.expectedUtilisation]),
    chart: {
      name: "CspUtilisation",
      type: "BarClustered",
      title: "Utilisation by CSP",
      valueAxis: { title: "Share of the award spent", numberFormat: "0%" },
    },
  };
  const trends: SummaryBlock = {
    title: "Referrals: this quarter against last quarter and last year",
    table: "SummaryReferrals",
    headers: ["Service", report.lastYearPeriod, report.previousPeriod, report.period],
    formats: ["", "#,##0", "#,##0", "#,##0"],
    rows: report.referrals.map((r) => [r.service, r.lastYear, r.previous, r.actual]),
    chart: {
      name: "ReferralTrends",
      type: "ColumnClustered",
      title: "KPI trends: referrals",
      valueAxis: { title: "Referrals", numberFormat: "#,##0" },
    },
  };
  // The same drafted paragraphs as the Word and HTML reports, numbered as they are there.
  const narrative = draftNarrative(report);
  const paragraphs = narrative.sections.flatMap((s) =>
    s.areas.flatMap((a) => a.paragraphs.map((p) => ({ heading: s.heading, p }))),
  );
  const prose: SummaryBlock = {
    title: "Commissioning activity: the drafted narrative",
    table: "SummaryNarrative",
    headers: ["No.", "Plan heading", "Service", "Paragraph"],
    formats: ["0", "", "", ""],
    rows: paragraphs.map(({ heading, p }, i) => [i + 1, heading, p.lead, paragraphText(p)]),
  };
  const blocks = [funding, csps, trends, prose].filter((b) => b.rows.length > 0);
  // An empty cell is explained once, under the heading, rather than filled with a dash that could pass for a figure.
  const blank = blocks.some((b) => b.rows.some((r) => r.some((c) => c === null)));
  return {
    heading: `Quarterly summary ${report.period}`,
    subheading:
      `From ${report.sources.returns} approved returns synced to SharePoint (${report.sources.kpiItems} KPI and ${report.sources.budgetItems} budget items).` +
      (blank ? ` ${BLANK_NOTE}` : ""),
    blocks,
  };
}

/** A1 column letters for a 0-based column. */
function col(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Where each block lands: its title row, header row and last row (1-based), leaving room for charts beside. */
export function placeBlocks(
  layout: SummaryLayout,
): { block: SummaryBlock; titleRow: number; headerRow: number; lastRow: number }[] {
  let row = 4;
  return layout.blocks.map((block) => {
    const placed = { block, titleRow: row, headerRow: row + 1, lastRow: row + 1 + block.rows.length };
    // Charts are ~15 rows tall: a short block gets the space so the next block does not run under its chart.
    row = placed.lastRow + 2 + (block.chart ? Math.max(0, 16 - block.rows.length) : 0);
    return placed;
  });
}

/**
 * Writes a grid where text stays text: number format "@" on the cells that get a string first (Excel reads a provider
 * called "1-2-1 Support" as a date and "+" or "-" at the start as a formula otherwise), null leaving the others.
 */
function writeGrid(range: Excel.Range, rows: (string | number)[][]): void {
  if (rows.some((r) => r.some((v) => typeof v === "string" && v !== "")))
    range.numberFormat = rows.map((r) =>
      r.map((v) => (typeof v === "string" && v !== "" ? "@" : null)),
    ) as string[][];
  range.values = rows;
}

/** Writes the summary sheet (replacing an earlier one) with its tables and charts. Two syncs, any size. */
export async function writeSummarySheet(layout: SummaryLayout): Promise<{ sheet: string; charts: number }> {
  return Excel.run({ delayForCellEdit: true }, async (context) => {
    const existing = context.workbook.worksheets.getItemOrNullObject(SUMMARY_SHEET);
    existing.load("name"); // any scalar: after the sync, isNullObject says whether the sheet exists
    await context.sync();
    context.application.suspendApiCalculationUntilNextSync();
    // The new sheet comes first: Excel refuses to delete a workbook's only visible sheet, which an old summary can be.
    const sheet = context.workbook.worksheets.add(existing.isNullObject ? SUMMARY_SHEET : REPLACING_SHEET);
    if (!existing.isNullObject) {
      existing.delete();
      sheet.name = SUMMARY_SHEET;
    }
    writeGrid(sheet.getRange("A1"), [[layout.heading]]);
    sheet.getRange("A1").format.font.bold = true;
    sheet.getRange("A1").format.font.size = 16;
    writeGrid(sheet.getRange("A2"), [[layout.subheading]]);
    let charts = 0;
    for (const { block, titleRow, headerRow, lastRow } of placeBlocks(layout)) {
      const width = block.headers.length;
      const last = col(width - 1);
      writeGrid(sheet.getRange(`A${titleRow}`), [[block.title]]);
      sheet.getRange(`A${titleRow}`).format.font.bold = true;
      const address = `A${headerRow}:${last}${lastRow}`;
      writeGrid(sheet.getRange(address), [
        block.headers.slice(),
        ...block.rows.map((r) => r.map((c) => c ?? "")),
      ]);
      // Sheet-qualified: without a sheet in the address, Excel adds the table to the active sheet.
      const table = sheet.tables.add(qualified(SUMMARY_SHEET, address), true);
      table.name = block.table;
      table.style = "TableStyleLight9";
      block.formats.forEach((format, i) => {
        if (!format) return;
        const column = col(i);
        sheet.getRange(`${column}${headerRow + 1}:${column}${lastRow}`).numberFormat = block.rows.map(() => [
          format,
        ]);
      });
      if (block.chart) {
        // The block's first column is text, so Excel takes it as the categories and each other column as a series.
        const chart = sheet.charts.add(block.chart.type, sheet.getRange(address), "Columns");
        chart.name = block.chart.name;
        chart.title.text = block.chart.title;
        chart.axes.valueAxis.title.text = block.chart.valueAxis.title;
        chart.axes.valueAxis.numberFormat = block.chart.valueAxis.numberFormat;
        // Below the plot, the series names (expected share; quarters) do not squeeze a narrow chart.
        chart.legend.position = "Bottom";
        chart.setPosition(`${col(width + 1)}${titleRow}`, `${col(width + 8)}${titleRow + 15}`);
        charts += 1;
      }
    }
    sheet.getRange("A:H").format.autofitColumns();
    sheet.activate();
    await context.sync();
    return { sheet: SUMMARY_SHEET, charts };
  });
}
