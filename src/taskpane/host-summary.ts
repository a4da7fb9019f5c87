/**
 * The quarterly summary from the task pane: the lists' approved figures for a period, made into the report model
 * and laid out on a "Quarterly summary" sheet with charts. The report code loads only when asked for.
 */
import { UserError } from "../core/errors";
import { formatPeriod, parsePeriod } from "../core/period";
import type { SummaryOutcome } from "./host";
import type { PaneLibrary } from "./host-library";
import type { Session } from "./host-session";
import type { WorkbookPort } from "./host-workbook";

export function createSummary(
  session: Session,
  library: PaneLibrary,
  port: WorkbookPort,
): (period: string) => Promise<SummaryOutcome> {
  return async (period) => {
    const canonical = formatPeriod(parsePeriod(period));
    const { sp, client } = await session.sharePoint();
    const [kpiItems, budgetItems] = await Promise.all([
      sp.readListItems(client, session.target, "kpi", { period: canonical }),
      sp.readListItems(client, session.target, "budget", { period: canonical }),
    ]);
    if (kpiItems.length === 0 && budgetItems.length === 0) {
      throw new UserError(
        `The lists hold no approved figures for ${canonical} yet. Approve and sync that quarter's returns, then build the summary.`,
      );
    }
    // The report model and its sheet layout are needed only here: loaded on demand, out of the pane's first script.
    const [{ buildQuarterlyReport }, { layoutSummary }] = await Promise.all([
      import(/* webpackChunkName: "summary-report" */ "../report/model"),
      import(/* webpackChunkName: "summary-report" */ "./summary-sheet"),
    ]);
    // Each service by the template it was issued with: the library's as well as the built-in ones.
    const report = buildQuarterlyReport(kpiItems, budgetItems, canonical, { templates: library.templates() });
    const written = await port.writeSummary(layoutSummary(report));
    return { sheet: written.sheet, charts: written.charts, returns: report.sources.returns };
  };
}
