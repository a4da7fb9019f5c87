/**
 * Hand-made list items for report tests, in the shape the "KPI Returns" and "Budget Returns" lists hold, with the
 * seed's Q2 2022/23 figures. Derived figures (utilisation, change %) are left for the code under test to compute
 * where the report computes them, so a test cannot pass by reading back what it wrote.
 */
import type { BudgetListItem, KpiListItem } from "../../src/sharepoint/list-items";
import type { Unit } from "../../src/core/types";

const audit = {
  approvedBy: "A. Officer",
  approvedAt: "2022-11-01T10:00:00Z",
  approvalHash: "0".repeat(64),
  syncedBy: "A. Officer",
  syncedAt: "2022-11-02T10:00:00Z",
  templateVersion: "1.0.0",
  sourceWorkbook: "fixture.xlsx",
};

export const PERIOD = "2022-23 Q2";

export function cspItem(provider: string, awarded: number, spent: number, period = PERIOD): BudgetListItem {
  const returnKey = `${provider}|csp-budget|${period}`;
  return {
    ...audit,
    templateId: "csp-budget",
    key: `${returnKey}|csp-grant`,
    returnKey,
    provider,
    service: "Community Safety Partnership budget return",
    serviceArea: "Community Safety Partnership",
    period,
    lineId: "csp-grant",
    lineLabel: "Community Safety Partnership grant",
    area: provider,
    awarded,
    spentToDate: spent,
    utilisation: null,
    expectedUtilisation: 0.5,
    varianceVsProfile: null,
    forecastOutturn: spent * 2,
    forecastVariance: spent * 2 - awarded,
    rag: null,
    commentary: "",
  };
}

/** The seed's five CSPs: awarded and spent to date at the end of Q2 2022/23. */
export const SEED_CSPS: readonly [string, number, number][] = [
  ["North Worcestershire CSP", 139250, 101789],
  ["Telford & Wrekin CSP", 158934, 135640],
  ["Shropshire CSP", 98441, 50200],
  ["South Worcestershire CSP", 139250, 139250],
  ["Herefordshire CSP", 100666, 88700],
];

export interface KpiSpec {
  kpiId: string;
  label: string;
  unit?: Unit;
  actual: number | null;
  target?: number | null;
  previous?: number | null;
  lastYear?: number | null;
  commentary?: string;
}

export function kpiItems(
  provider: string,
  templateId: string,
  service: string,
  serviceArea: string,
  specs: readonly KpiSpec[],
  period = PERIOD,
): KpiListItem[] {
  const returnKey = `${provider}|${templateId}|${period}`;
  const change = (a: number | null, b: number | null | undefined): number | null =>
    a === null || b === null || b === undefined || b === 0 ? null : ((a - b) / b) * 100;
  return specs.map((s) => {
    const target = s.target ?? null;
    const variance = s.actual !== null && target !== null ? s.actual - target : null;
    return {
      ...audit,
      templateId,
      key: `${returnKey}|${s.kpiId}`,
      returnKey,
      provider,
      service,
      serviceArea,
      period,
      kpiId: s.kpiId,
      label: s.label,
      unit: s.unit ?? "count",
      actual: s.actual,
      target,
      variance,
      variancePct: variance !== null && target ? (variance / target) * 100 : null,
      previous: s.previous ?? null,
      lastYear: s.lastYear ?? null,
      changeVsPreviousPct: s.unit === "percent" ? null : change(s.actual, s.previous),
      changeVsPreviousPoints:
        s.unit === "percent" && s.actual !== null && s.previous != null
          ? (s.actual - s.previous) * 100
          : null,
      changeVsLastYearPct: s.unit === "percent" ? null : change(s.actual, s.lastYear),
      changeVsLastYearPoints:
        s.unit === "percent" && s.actual !== null && s.lastYear != null
          ? (s.actual - s.lastYear) * 100
          : null,
      rag: variance === null ? null : variance >= 0 ? "green" : "amber",
      direction: null,
      commentary: s.commentary ?? "",
    };
  });
}

export function seedKpiItems(): KpiListItem[] {
  return [
    ...kpiItems("West Mercia Women's Aid", "idva", "West Mercia Women's Aid IDVA service", "Domestic Abuse", [
      {
        kpiId: "referrals",
        label: "Total referrals (hospital data included)",
        actual: 492,
        lastYear: 465,
        target: 450,
      },
      {
        kpiId: "contacted-48h",
        label: "% of victims/survivors contacted within 48 hours",
        unit: "percent",
        actual: 0.9583,
        target: 0.95,
        commentary: "Timely contact remains the greatest priority; 95.83% contacted within 48 hours.",
      },
    ]),
    ...kpiItems("Victim Support", "victim-advice-line", "Victim Advice Line", "Victim Services", [
      {
        kpiId: "referrals",
        label: "Referrals",
        actual: 3834,
        previous: 4441,
        commentary: "IT disruption during the quarter <script>alert(1)</script> & recruitment.",
      },
    ]),
    ...kpiItems("RoadPeace", "roadpeace", "RoadPeace", "Victim Services", [
      { kpiId: "new-referrals", label: "New referrals", actual: 30, target: 30, previous: 24 },
    ]),
  ];
}

export function seedBudgetItems(): BudgetListItem[] {
  return SEED_CSPS.map(([p, a, s]) => cspItem(p, a, s));
}
