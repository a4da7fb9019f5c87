/**
 * Reading the lists back for the quarterly report and the task pane: every item of one period, by the indexed Period
 * column, following @odata.nextLink through every page.
 */
import { explainGraphError, type GraphClient } from "./client";
import { checkLists, type ResolvedLists } from "./lists";
import { odataString, readAllPages } from "./odata";
import { budgetItemFromFields, kpiItemFromFields } from "./list-fields";
import { PERIOD_COLUMN } from "./schema";
import { type BudgetListItem, type KpiListItem } from "./list-items";
import type { GraphTarget } from "./target";

const PAGE_SIZE = 500;

type ListName = "kpi" | "budget";

async function readPeriod(
  client: GraphClient,
  target: GraphTarget,
  lists: ResolvedLists,
  list: ListName,
  period: string,
): Promise<Record<string, unknown>[]> {
  const filter = encodeURIComponent(`fields/${PERIOD_COLUMN} eq ${odataString(period)}`);
  const items = await readAllPages<{ fields?: Record<string, unknown> }>(
    client,
    target,
    `/sites/${encodeURIComponent(lists.siteId)}/lists/${lists[list].id}/items?$expand=fields&$filter=${filter}&$top=${PAGE_SIZE}`,
    (err) => explainGraphError(err, `read the "${lists[list].displayName}" list for ${period}`),
  );
  return items.map((item) => item.fields ?? {});
}

/** Every item of both lists for the period (e.g. "2022-23 Q2"): the lists checked once, then read side by side. */
export async function readPeriodItems(
  client: GraphClient,
  target: GraphTarget,
  filter: { period: string },
): Promise<{ kpi: KpiListItem[]; budget: BudgetListItem[] }> {
  const lists = await checkLists(client, target);
  const [kpi, budget] = await Promise.all([
    readPeriod(client, target, lists, "kpi", filter.period),
    readPeriod(client, target, lists, "budget", filter.period),
  ]);
  return { kpi: kpi.map(kpiItemFromFields), budget: budget.map(budgetItemFromFields) };
}

/** Every "KPI Returns" item for the period, in list order. */
export async function readKpiItems(
  client: GraphClient,
  target: GraphTarget,
  filter: { period: string },
): Promise<KpiListItem[]> {
  const fields = await readPeriod(client, target, await checkLists(client, target), "kpi", filter.period);
  return fields.map(kpiItemFromFields);
}

/** Every "Budget Returns" item for the period. */
export async function readBudgetItems(
  client: GraphClient,
  target: GraphTarget,
  filter: { period: string },
): Promise<BudgetListItem[]> {
  const fields = await readPeriod(client, target, await checkLists(client, target), "budget", filter.period);
  return fields.map(budgetItemFromFields);
}
