import { writeFileSync } from "node:fs";
import { buildQuarterlyReport } from "../../src/report/model";
import { renderReportHtml } from "../../src/report/html";
import { renderReportXlsx } from "../../src/report/xlsx";
import { PERIOD, seedBudgetItems, seedKpiItems } from "./items";
const generatedAt = new Date("2022-11-22T10:00:00Z");
test("golden", async () => {
  const report = buildQuarterlyReport(seedKpiItems(), seedBudgetItems(), PERIOD);
  const empty = buildQuarterlyReport([], [], PERIOD);
  const tag = process.env.GOLDEN_TAG ?? "x";
  writeFileSync(`/tmp/rest/${tag}.html`, renderReportHtml(report, { generatedAt, source: "s" }));
  writeFileSync(`/tmp/rest/${tag}.xlsx`, await renderReportXlsx(report, { generatedAt, source: "s" }));
  writeFileSync(`/tmp/rest/${tag}-empty.xlsx`, await renderReportXlsx(empty, { generatedAt }));
  writeFileSync(`/tmp/rest/${tag}.json`, JSON.stringify(report));
});
