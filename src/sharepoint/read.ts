/**
 * Reading the lists back for the quarterly report and the task pane: every item of one period, by the indexed Period
 * column, following @odata.nextLink through every page.
 */
import { explainGraphError, type GraphClient } from "./client";
import { checkLists, type ResolvedLists } from "./lists";
import { odataString, readAllPages } from "./odata";
import { budgetItemFromFields, kpiItemFromFields } from "./list-fields";
import { PERIOD_COLUMN } from "./schema";
import type { BudgetListItem, KpiListItem } from "./list-items";
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

/** How each list's items are read back into their rows. */
const FROM_FIELDS = { kpi: kpiItemFromFields, budget: budgetItemFromFields } as const;

/**
 * Every item of one list ("kpi": KPI Returns, "budget": Budget Returns) for the period, in list order, as its rows.
 */
export async function readListItems<L extends ListName>(
  client: GraphClient,
  target: GraphTarget,
  list: L,
  filter: { period: string },
): Promise<ReturnType<(typeof FROM_FIELDS)[L]>[]> {
  const fields = await readPeriod(client, target, await checkLists(client, target), list, filter.period);
  return fields.map((f) => FROM_FIELDS[list](f) as ReturnType<(typeof FROM_FIELDS)[L]>);
}
