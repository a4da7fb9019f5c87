/**
 * For the narrative's tests: random quarters of list items (any built-in template, any figures, nulls included) made
 * by the same functions sync uses, and the "nothing invented" check, which finds every number of a text in the items
 * it was drafted from.
 */
import fc from "fast-check";
import { validateReturn } from "../../src/core/validate";
import { parseCell } from "../../src/core/values";
import type { KpiTemplate, Return } from "../../src/core/types";
import {
  budgetItemsFor,
  kpiItemsFor,
  type BudgetListItem,
  type KpiListItem,
} from "../../src/sharepoint/list-items";
import { builtInTemplates, findTemplate } from "../../src/templates";

export const PERIOD = "2022-23 Q2";

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null, freq: 3 });

/** A figure in a KPI's unit: counts whole, percents as fractions, money in pounds and pence. */
function valueFor(unit: string): fc.Arbitrary<number> {
  switch (unit) {
    case "percent":
      return fc.integer({ min: 0, max: 10000 }).map((n) => n / 10000);
    case "currency":
      return fc.integer({ min: 0, max: 50_000_000 }).map((n) => n / 100);
    case "days":
      return fc.integer({ min: 0, max: 900 }).map((n) => n / 10);
    default:
      return fc.integer({ min: 0, max: 6000 });
  }
}

const words = fc.constantFrom(
  "",
  "",
  "Demand rose after the school holidays.",
  "Two posts were vacant for 6 weeks",
  "IT disruption in July; 3 staff off sick.",
);

/** One random approved return of `template` as list items. */
function serviceItems(
  template: KpiTemplate,
  provider: string,
): fc.Arbitrary<{ kpi: KpiListItem[]; budget: BudgetListItem[] }> {
  const kpi = fc.tuple(
    ...template.kpis.map((k) =>
      fc.record({
        actual: maybe(valueFor(k.unit)),
        target: maybe(valueFor(k.unit)),
        previous: maybe(valueFor(k.unit)),
        lastYear: maybe(valueFor(k.unit)),
        commentary: words,
      }),
    ),
  );
  const budget = fc.tuple(
    ...template.budgetLines.map(() =>
      fc.record({
        awarded: maybe(fc.integer({ min: 1, max: 400_000 })),
        spent: maybe(fc.integer({ min: 0, max: 400_000 })),
        commentary: words,
      }),
    ),
  );
  return fc.tuple(kpi, budget).map(([ks, bs]) => {
    const ret: Return = {
      templateId: template.id,
      templateVersion: template.version,
      provider,
      period: PERIOD,
      status: "approved",
      kpis: template.kpis.map((k, row) => ({
        kpiId: k.id,
        label: k.label,
        actual: parseCell(ks[row].actual),
        target: parseCell(ks[row].target),
        previous: parseCell(ks[row].previous),
        lastYear: parseCell(ks[row].lastYear),
        commentary: ks[row].commentary,
        row,
      })),
      budget: template.budgetLines.map((l, row) => ({
        lineId: l.id,
        label: l.label,
        awarded: parseCell(bs[row].awarded),
        spentToDate: parseCell(bs[row].spent),
        previousSpent: null,
        commentary: bs[row].commentary,
        row,
      })),
      overrides: [],
      history: [],
      approval: { by: "Officer", at: "2022-10-14T09:30:00Z", hash: "0".repeat(64) },
    };
    const v = validateReturn(ret, template);
    const audit = { syncedBy: "Officer", syncedAt: "2022-10-14T09:30:00Z", sourceWorkbook: "random.xlsx" };
    return { kpi: kpiItemsFor(ret, v, template, audit), budget: budgetItemsFor(ret, v, template, audit) };
  });
}

const CSP_AREAS = [
  "Shropshire",
  "Herefordshire",
  "Telford & Wrekin",
  "South Worcestershire",
  "North Worcestershire",
];

/** A random quarter: up to a dozen services of any built-in template, CSPs included (one per area). */
export const randomQuarter: fc.Arbitrary<{ kpi: KpiListItem[]; budget: BudgetListItem[] }> = fc
  .uniqueArray(fc.integer({ min: 0, max: builtInTemplates.length + CSP_AREAS.length - 1 }), {
    minLength: 1,
    maxLength: 12,
  })
  .chain((picks) =>
    fc.tuple(
      ...picks.map((i) => {
        if (i < builtInTemplates.length) {
          const t = builtInTemplates[i];
          return serviceItems(t, `Provider of ${t.id}`);
        }
        return serviceItems(findTemplate("csp-budget")!, `${CSP_AREAS[i - builtInTemplates.length]} CSP`);
      }),
    ),
  )
  .map((services) => ({ kpi: services.flatMap((s) => s.kpi), budget: services.flatMap((s) => s.budget) }));

// ---------- Nothing invented ----------

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;
const NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** Where the numbers of a text may come from: every figure in the items, the text in them, and the template phrases. */
export interface Sources {
  readonly values: readonly number[];
  readonly tokens: ReadonlySet<string>;
}

export function sourcesOf(kpi: readonly KpiListItem[], budget: readonly BudgetListItem[]): Sources {
  const values: number[] = [];
  const tokens = new Set<string>();
  const templates = new Set<string>();
  for (const item of [...kpi, ...budget]) {
    for (const v of Object.values(item) as unknown[]) {
      if (typeof v === "number") values.push(v, v * 100);
      if (typeof v === "string") {
        for (const t of v.match(NUMBER) ?? []) tokens.add(t);
        for (const w of NUMBER_WORDS) if (new RegExp(`\\b${w}\\b`, "i").test(v)) tokens.add(w);
      }
    }
    templates.add(String(item.templateId));
  }
  // The one aggregate the narrative prints: the partnerships' combined award and spend, and how many they are.
  const csp = budget.filter((b) => /community safety partnership/i.test(b.serviceArea) && b.awarded !== null);
  values.push(
    csp.reduce((s, b) => s + (b.awarded ?? 0), 0),
    csp.reduce((s, b) => s + (b.spentToDate ?? 0), 0),
    csp.length,
  );
  for (const id of templates) {
    for (const k of findTemplate(id)?.kpis ?? [])
      for (const t of (k.phrase ?? "").match(NUMBER) ?? []) tokens.add(t);
  }
  return { values, tokens };
}

/** The numbers in `text` found nowhere in `sources` (empty when nothing was invented). */
export function inventedNumbers(text: string, sources: Sources): string[] {
  const invented: string[] = [];
  for (const token of text.match(NUMBER) ?? []) {
    const clean = token.replace(/,$/, "");
    if (sources.tokens.has(clean)) continue;
    const value = Number(clean.replace(/,/g, ""));
    const decimals = clean.includes(".") ? clean.split(".")[1].length : 0;
    const half = 0.5 * 10 ** -decimals + 1e-9;
    if (!sources.values.some((s) => Math.abs(Math.abs(s) - value) <= half)) invented.push(clean);
  }
  const lower = text.toLowerCase();
  NUMBER_WORDS.forEach((word, i) => {
    if (new RegExp(`\\b${word}\\b`).test(lower) && !sources.values.includes(i + 1)) {
      // A number word is fine when the providers' own text has it ("Two posts were vacant").
      if (!sources.tokens.has(word)) invented.push(word);
    }
  });
  return invented;
}
