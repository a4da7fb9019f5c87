/**
 * The Q2 2022/23 quarter as the SharePoint lists hold it after the demo: each seed return validated, its queries
 * answered by the provider's words from the report (or overridden by the officer), approved, and turned into "KPI
 * Returns" and "Budget Returns" items by the same functions sync uses. A return with an error is sent back in the
 * demo, so it has no items here either. In memory, for the report's tests and the bench, which need the lists'
 * contents without running the emulator.
 */
import { submit } from "../../src/core/lifecycle";
import { validateReturn } from "../../src/core/validate";
import {
  budgetItemsFor,
  kpiItemsFor,
  type BudgetListItem,
  type KpiListItem,
} from "../../src/sharepoint/list-items";
import { findTemplate } from "../../src/templates";
import { seedReturn, seedReturns, type SeedReturn } from "../../src/seed/q2-2022-23";
import { approvedReturn } from "./approved-returns";

const OFFICER = "Commissioning Officer (demo)";
const AT = "2022-10-14T09:30:00Z";

export interface QuarterItems {
  readonly kpi: KpiListItem[];
  readonly budget: BudgetListItem[];
}

/** One seed return's items, or none when it has an error (the demo sends it back to the provider). */
function itemsOf(entry: SeedReturn): QuarterItems {
  const template = findTemplate(entry.templateId);
  if (!template) throw new Error(`The seed names template "${entry.templateId}", which is not built in.`);
  const answered = seedReturn(entry, { answerQueries: true });
  const checked = validateReturn(answered, template);
  if (checked.findings.some((f) => f.severity === "error")) return { kpi: [], budget: [] };
  const approved = approvedReturn(submit(answered, { by: entry.provider, at: AT }), template, {
    by: OFFICER,
    at: AT,
    overrideQueries: "Consistent with the provider's narrative for the quarter.",
  });
  const validation = validateReturn(approved, template);
  const audit = { syncedBy: OFFICER, syncedAt: AT, sourceWorkbook: `${entry.templateId}.xlsx` };
  return {
    kpi: kpiItemsFor(approved, validation, template, audit),
    budget: budgetItemsFor(approved, validation, template, audit),
  };
}

/** The demo quarter's list items (the seed's approvable returns), or those of `entries`. */
export function seedQuarterItems(entries: readonly SeedReturn[] = seedReturns): QuarterItems {
  const all = entries.map(itemsOf);
  return { kpi: all.flatMap((i) => i.kpi), budget: all.flatMap((i) => i.budget) };
}
