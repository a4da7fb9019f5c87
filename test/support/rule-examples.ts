/** Builds the Returns a core rule's examples describe: the example template's clean return with a change applied. */
import { figuresHash } from "../../src/core/approval";
import { EXAMPLE_TEMPLATE, type ReturnChange } from "../../src/core/rules/example-return";
import { loadTemplate } from "../../src/core/template";
import type { BudgetEntry, CellInput, KpiEntry, Return } from "../../src/core/types";
import { parseCell } from "../../src/core/values";

export const exampleTemplate = loadTemplate(EXAMPLE_TEMPLATE, "example.json");

/** The clean return's actuals: none raises a finding. */
const ACTUAL: Record<string, CellInput> = {
  referrals: 100,
  engaged: 50,
  rate: 0.8,
  change: 0.1,
  a: 10,
  b: 20,
  total: 30,
  groups: 2,
  optional: null,
};
const TARGET: Record<string, CellInput> = { referrals: 100 };
const PREVIOUS: Record<string, CellInput> = { referrals: 100, rate: 0.8 };
const LAST_YEAR: Record<string, CellInput> = { referrals: 100 };

function cell(
  change: Partial<Record<string, CellInput>> | undefined,
  clean: Record<string, CellInput>,
  id: string,
) {
  return parseCell(change && id in change ? (change[id] ?? null) : (clean[id] ?? null));
}

function kpiRows(change: ReturnChange): KpiEntry[] {
  let kpis: KpiEntry[] = exampleTemplate.kpis
    .filter((k) => k.id !== change.dropKpi && change.missingTable !== "KpiReturn")
    .map((k, row) => ({
      kpiId: k.id,
      label: (change.label as Record<string, string> | undefined)?.[k.id] ?? k.label,
      actual: cell(change.actual, ACTUAL, k.id),
      target: cell(change.target, TARGET, k.id),
      previous: cell(change.previous, PREVIOUS, k.id),
      lastYear: cell(change.lastYear, LAST_YEAR, k.id),
      commentary: (change.commentary as Record<string, string> | undefined)?.[k.id] ?? "",
      row,
    }));
  if (change.addKpi) kpis = [...kpis, { ...kpis[0], kpiId: change.addKpi, label: "Extra", row: kpis.length }];
  const repeated = kpis.find((k) => k.kpiId === change.duplicateKpi);
  if (repeated) kpis = [...kpis, { ...repeated, row: kpis.length }];
  return kpis;
}

function budgetRows(change: ReturnChange): BudgetEntry[] {
  const line: BudgetEntry = {
    lineId: "grant",
    label: "Grant",
    awarded: parseCell(change.awarded === undefined ? 1000 : change.awarded),
    spentToDate: parseCell(change.spent === undefined ? 500 : change.spent),
    previousSpent: change.previousSpent === undefined ? 200 : change.previousSpent,
    commentary: change.budgetCommentary ?? "",
    row: 0,
  };
  const budget = change.dropLine || change.missingTable === "BudgetReturn" ? [] : [line];
  return change.addLine ? [...budget, { ...line, lineId: change.addLine, row: budget.length }] : budget;
}

/** The example template's clean return with `change` applied. */
export function exampleReturn(change: ReturnChange = {}): Return {
  const ret: Return = {
    templateId: exampleTemplate.id,
    templateVersion: change.templateVersion ?? exampleTemplate.version,
    provider: "Example provider",
    period: change.period ?? "2022-23 Q2",
    status: "submitted",
    kpis: kpiRows(change),
    budget: budgetRows(change),
    overrides: [],
    history: [],
    ...(change.missingTable ? { missingTables: [change.missingTable] } : {}),
  };
  if (!change.approvedWith) return ret;
  const approval = {
    by: "Dana Officer",
    at: "2022-10-20T10:00:00Z",
    hash: figuresHash(exampleReturn(change.approvedWith)),
  };
  return { ...ret, status: "approved", approval };
}
