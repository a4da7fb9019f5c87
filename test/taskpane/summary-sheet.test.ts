/**
 * The quarterly summary sheet: its layout from the report model (seed CSP figures), and the office-js writer's
 * round trips, tables and charts, on a small recording stand-in for Excel (the workbook fake has no charts).
 */
import { approve, markValidated, submit } from "../../src/core/lifecycle";
import type { Return } from "../../src/core/types";
import { buildQuarterlyReport } from "../../src/report/model";
import { seedCspReturns, seedReturn, findSeedReturn } from "../../src/seed/q2-2022-23";
import { budgetItemsFor, kpiItemsFor } from "../../src/sharepoint";
import {
  layoutSummary,
  placeBlocks,
  writeSummarySheet,
  SUMMARY_SHEET,
} from "../../src/taskpane/summary-sheet";
import { findTemplate } from "../../src/templates";
import { validateReturn } from "../../src/core/validate";

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
    ret = markValidated(submit(ret, { by: entry.provider, at }), { by: "Officer", at });
    const v = validateReturn(ret, template);
    const overridden: Return = {
      ...ret,
      overrides: v.findings
        .filter((f) => f.severity === "query" && !f.explainedBy)
        .map((f) => ({
          ruleId: f.ruleId,
          subject: f.kpiId ?? f.lineId ?? "",
          reason: "Agreed.",
          by: "Officer",
          at,
        })),
    };
    const approved = approve(overridden, template, { by: "Officer", at });
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

describe("writing the summary sheet", () => {
  type Call = [string, ...unknown[]];
  function recordingExcel(sheetExists: boolean) {
    const calls: Call[] = [];
    let syncs = 0;
    const range = (address: string) => ({
      address,
      set values(v: unknown) {
        calls.push(["values", address, v]);
      },
      set numberFormat(v: unknown) {
        calls.push(["numberFormat", address, v]);
      },
      format: { font: {}, autofitColumns: () => calls.push(["autofit", address]) },
    });
    const sheet = {
      getRange: range,
      tables: {
        add: (address: string, headers: boolean) => {
          const table = { name: "", style: "" };
          calls.push(["table", address, headers, table]);
          return table;
        },
      },
      charts: {
        add: (type: string, source: { address: string }, by: string) => {
          const chart = {
            name: "",
            title: { text: "" },
            setPosition: (a: string, b: string) => calls.push(["position", a, b]),
          };
          calls.push(["chart", type, source.address, by, chart]);
          return chart;
        },
      },
      activate: () => calls.push(["activate"]),
    };
    const existing = {
      isNullObject: !sheetExists,
      load: () => existing,
      delete: () => calls.push(["delete"]),
    };
    const context = {
      workbook: {
        worksheets: {
          getItemOrNullObject: (name: string) => (calls.push(["getItemOrNullObject", name]), existing),
          add: (name: string) => (calls.push(["add", name]), sheet),
        },
      },
      application: { suspendApiCalculationUntilNextSync: () => calls.push(["suspend"]) },
      sync: async () => {
        syncs += 1;
      },
    };
    (globalThis as unknown as { Excel: unknown }).Excel = {
      run: (batch: (c: unknown) => Promise<unknown>) => batch(context),
    };
    return { calls, syncs: () => syncs };
  }
  afterEach(() => delete (globalThis as unknown as { Excel?: unknown }).Excel);

  it("replaces an earlier summary, writes each block as a named table, and charts two of them: two syncs", async () => {
    const { kpi, budget } = listItems();
    const layout = layoutSummary(buildQuarterlyReport(kpi, budget, "2022-23 Q2"));
    const excel = recordingExcel(true);
    const result = await writeSummarySheet(layout);
    expect(result).toEqual({ sheet: SUMMARY_SHEET, charts: 2 });
    expect(excel.syncs()).toBe(2);
    const names = excel.calls.map((c) => c[0]);
    expect(names.indexOf("delete")).toBeLessThan(names.indexOf("add"));
    expect(names).toContain("suspend");
    const tables = excel.calls.filter((c) => c[0] === "table").map((c) => (c[3] as { name: string }).name);
    expect(tables).toEqual(layout.blocks.map((b) => b.table));
    const charts = excel.calls.filter((c) => c[0] === "chart");
    expect(charts.map((c) => [c[1], (c[4] as { name: string }).name])).toEqual([
      ["BarClustered", "CspUtilisation"],
      ["ColumnClustered", "ReferralTrends"],
    ]);
    // Each chart plots its own table's range, so categories and series come from that block only.
    const tableRanges = excel.calls.filter((c) => c[0] === "table").map((c) => c[1]);
    for (const c of charts) expect(tableRanges).toContain(c[2]);
  });

  it("does not delete anything when there is no earlier summary", async () => {
    const { kpi, budget } = listItems();
    const excel = recordingExcel(false);
    await writeSummarySheet(layoutSummary(buildQuarterlyReport(kpi, budget, "2022-23 Q2")));
    expect(excel.calls.some((c) => c[0] === "delete")).toBe(false);
  });
});
