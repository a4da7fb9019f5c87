/**
 * Synthetic approved returns of any size, for the runs against the emulator that the seed is too small for: the
 * sync tests' size and fault cases and the Graph bench. One count KPI per row; actual equals target, so each approves.
 */
import { loadTemplate } from "../../src/core/template";
import { TEMPLATE_LIMITS } from "../../src/core/template-vocabulary";
import type { KpiEntry, KpiTemplate, Return } from "../../src/core/types";
import { validateReturn } from "../../src/core/validate";
import { parseCell } from "../../src/core/values";
import type { SyncReturnInput } from "../../src/sharepoint/sync-model";
import { approvedReturn } from "./approved-returns";

/** The officer who approves every synthetic return. */
export const SYNTHETIC_OFFICER = { by: "officer@westmercia.example", at: "2022-10-14T09:30:00.000Z" };

/**
 * A template with `n` count KPIs, k1…kn. Checked by loadTemplate up to its limit of KPIs; beyond it (only the sync
 * paging tests and the bench, which need one return of more items than a page holds) the checked template's first
 * KPI is repeated under further ids, since no real template may be that large.
 */
export function syntheticTemplate(n: number, id = "synthetic"): KpiTemplate {
  const checked = Math.min(n, TEMPLATE_LIMITS.kpis);
  const template = loadTemplate(
    {
      id,
      version: "1.0.0",
      title: `Synthetic service (${n} KPIs)`,
      serviceArea: "Testing",
      kpis: Array.from({ length: checked }, (_, i) => ({
        id: `k${i + 1}`,
        label: `Measure ${i + 1}`,
        unit: "count",
        required: false,
        guidance: "A synthetic measure.",
      })),
    },
    `${id}.json`,
  );
  if (n === checked) return template;
  const first = template.kpis[0];
  return {
    ...template,
    kpis: Array.from({ length: n }, (_, i) => ({ ...first, id: `k${i + 1}`, label: `Measure ${i + 1}` })),
  };
}

/** An approved Q2 2022/23 return for a synthetic template, with `actual(row)` as both actual and target. */
export function syntheticReturn(
  template: KpiTemplate,
  provider: string,
  actual: (row: number) => number,
): Return {
  const kpis: KpiEntry[] = template.kpis.map((kpi, row) => ({
    kpiId: kpi.id,
    label: kpi.label,
    actual: parseCell(actual(row)),
    target: parseCell(actual(row)),
    previous: parseCell(null),
    lastYear: parseCell(null),
    commentary: "",
    row,
  }));
  const draft: Return = {
    templateId: template.id,
    templateVersion: template.version,
    provider,
    period: "2022-23 Q2",
    status: "validated",
    kpis,
    budget: [],
    overrides: [],
    history: [],
  };
  return approvedReturn(draft, template, SYNTHETIC_OFFICER);
}

/** `returns` approved returns ("Provider 1"…) of `kpisEach` figures each, ready to sync. */
export function syntheticInputs(
  returns: number,
  kpisEach: number,
  actual: (ret: number, row: number) => number = (r, i) => r * 1000 + i,
): SyncReturnInput[] {
  const template = syntheticTemplate(kpisEach);
  return Array.from({ length: returns }, (_, r) => {
    const ret = syntheticReturn(template, `Provider ${r + 1}`, (i) => actual(r, i));
    return { ret, template, validation: validateReturn(ret, template), sourceWorkbook: `p${r + 1}.xlsx` };
  });
}
