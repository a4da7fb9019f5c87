/**
 * A new return from the task pane: written into a blank workbook from a template, its targets and prior figures
 * filled from the lists when signed in (last quarter's actuals and targets, the same quarter last year's actuals,
 * and within the financial year the award and spend so far).
 */
import { UserError } from "../core/errors";
import { formatPeriod, parsePeriod, previousQuarter, sameQuarterLastYear } from "../core/period";
import { templateToIssue } from "../core/template-library";
import type { KpiTemplate } from "../core/types";
import { KPI_SHEET, planNewReturn, type ReturnSetup } from "../workbook";
import type { NewReturnOutcome, NewReturnRequest } from "./host";
import type { PaneLibrary } from "./host-library";
import type { Connection, Session } from "./host-session";
import type { OpenWorkbook } from "./host-workbook";

/** The setup's figures that came from the lists. */
const PREFILLED = ["targets", "previous", "lastYear", "awarded", "previousSpent"] as const;

export function createNewReturn(
  session: Session,
  library: PaneLibrary,
  book: OpenWorkbook,
): (request: NewReturnRequest) => Promise<NewReturnOutcome> {
  return async (request) => {
    const template = templateToIssue(
      library.catalogue(),
      request.templateId,
      request.templateVersion,
    )?.template;
    if (!template)
      throw new UserError(
        `There is no published template "${request.templateId}${request.templateVersion ? `@${request.templateVersion}` : ""}". Choose one from the list.`,
      );
    const period = formatPeriod(parsePeriod(request.period));
    const snapshot = await book.readAll();
    if (snapshot.metadata !== null) {
      throw new UserError(
        "This workbook already holds a return. Start the new return in a new, blank workbook (File > New), then open KPI Returns there.",
      );
    }
    const setup: ReturnSetup = {
      template,
      provider: request.provider,
      period,
      ...(session.canReach() ? await priorFigures(session, template, request.provider, period) : {}),
    };
    await book.apply(planNewReturn(setup));
    const prefilled = PREFILLED.reduce((n, k) => n + Object.keys(setup[k] ?? {}).length, 0);
    return { sheet: KPI_SHEET, prefilled };
  };
}

async function priorFigures(
  session: Session,
  template: KpiTemplate,
  provider: string,
  period: string,
): Promise<Partial<ReturnSetup>> {
  const { sp, client }: Connection = await session.sharePoint();
  const { target } = session;
  const p = parsePeriod(period);
  const before = formatPeriod(previousQuarter(p));
  const lastYear = formatPeriod(sameQuarterLastYear(p));
  const mine = <T extends { provider: string; templateId: string }>(items: T[]) =>
    items.filter((i) => i.provider.trim() === provider.trim() && i.templateId === template.id);
  const [prevKpis, lastYearKpis, prevBudget] = await Promise.all([
    sp.readListItems(client, target, "kpi", { period: before }).then(mine),
    sp.readListItems(client, target, "kpi", { period: lastYear }).then(mine),
    p.quarter > 1
      ? sp.readListItems(client, target, "budget", { period: before }).then(mine)
      : Promise.resolve([]),
  ]);
  const targets: Record<string, number> = {};
  const previous: Record<string, number> = {};
  const lastYearFigures: Record<string, number> = {};
  const awarded: Record<string, number> = {};
  const previousSpent: Record<string, number> = {};
  for (const i of prevKpis) {
    // A quarter's target carries over unless the officer changes it; annual targets are the same all year.
    if (i.target !== null) targets[i.kpiId] = i.target;
    if (i.actual !== null) previous[i.kpiId] = i.actual;
  }
  for (const i of lastYearKpis) if (i.actual !== null) lastYearFigures[i.kpiId] = i.actual;
  for (const i of prevBudget) {
    if (i.awarded !== null) awarded[i.lineId] = i.awarded;
    if (i.spentToDate !== null) previousSpent[i.lineId] = i.spentToDate;
  }
  return { targets, previous, lastYear: lastYearFigures, awarded, previousSpent };
}
