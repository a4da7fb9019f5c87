/**
 * Report figures: how long the Word report takes for a quarter of 30 services, from the list items to the .docx bytes
 * (the report model, the drafted narrative, the charts drawn as PNG and the document packed), the median of 5 runs
 * after a warm-up. The 30 services are the demo quarter's approved returns and copies of them under other providers.
 */
import { performance } from "node:perf_hooks";
import { renderReportDocx } from "../src/report/docx";
import { buildQuarterlyReport } from "../src/report/model";
import { draftNarrative } from "../src/report/narrative";
import { seedQuarterItems } from "../test/support/seed-items";
import type { BudgetListItem, KpiListItem } from "../src/sharepoint/list-items";
import type { BenchArea } from "./areas";

const SERVICES = 30;
const RUNS = 5;
const PERIOD = "2022-23 Q2";

/** The demo quarter, its services copied under new provider names until there are `count` returns. */
function quarterOf(count: number): { kpi: KpiListItem[]; budget: BudgetListItem[] } {
  const seed = seedQuarterItems();
  const returns = [...new Set([...seed.kpi, ...seed.budget].map((i) => i.returnKey))];
  const kpi: KpiListItem[] = [];
  const budget: BudgetListItem[] = [];
  for (let n = 0; n < count; n++) {
    const key = returns[n % returns.length];
    const copy = Math.floor(n / returns.length);
    const rename = <T extends KpiListItem | BudgetListItem>(i: T): T =>
      copy === 0
        ? i
        : {
            ...i,
            provider: `${i.provider} (${copy + 1})`,
            returnKey: `${i.returnKey}#${copy + 1}`,
            key: `${i.key}#${copy + 1}`,
          };
    kpi.push(...seed.kpi.filter((i) => i.returnKey === key).map(rename));
    budget.push(...seed.budget.filter((i) => i.returnKey === key).map(rename));
  }
  return { kpi, budget };
}

export const area: BenchArea = {
  name: "report",
  async measure() {
    const items = quarterOf(SERVICES);
    const once = async (): Promise<number> => {
      const started = performance.now();
      const report = buildQuarterlyReport(items.kpi, items.budget, PERIOD);
      await renderReportDocx(report, draftNarrative(report), {
        generatedAt: new Date("2022-11-22T10:00:00Z"),
      });
      return performance.now() - started;
    };
    await once();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await once());
    times.sort((a, b) => a - b);
    return { "report.docxMs": Math.round(times[Math.floor(RUNS / 2)]) };
  },
};
