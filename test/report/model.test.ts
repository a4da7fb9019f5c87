import { buildQuarterlyReport, fundingTotals } from "../../src/report/model";
import { saferStreets4Template } from "../../src/seed/safer-streets-4";
import { builtInTemplates } from "../../src/templates";
import { PERIOD, SEED_CSPS, cspItem, kpiItems, seedBudgetItems, seedKpiItems } from "./items";

const round1 = (fraction: number | null): number | null =>
  fraction === null ? null : Math.round(fraction * 1000) / 10;

describe("buildQuarterlyReport", () => {
  const report = buildQuarterlyReport(seedKpiItems(), seedBudgetItems(), PERIOD);

  it("reproduces the seed's Community Safety Partnership totals", () => {
    expect(report.cspTotal.awarded).toBe(636541);
    expect(report.cspTotal.spent).toBe(515579);
    expect(round1(report.cspTotal.utilisation)).toBe(81.0);
  });

  it("gives each CSP the seed's utilisation, listed in the seed's order", () => {
    expect(report.csps.map((c) => [c.area, round1(c.utilisation)])).toEqual([
      ["Shropshire CSP", 51.0],
      ["Herefordshire CSP", 88.1],
      ["Telford & Wrekin CSP", 85.3],
      ["South Worcestershire CSP", 100.0],
      ["North Worcestershire CSP", 73.1],
    ]);
  });

  it("keeps only the requested quarter", () => {
    const other = [...seedBudgetItems(), cspItem("Shropshire CSP", 1000, 1000, "2022-23 Q1")];
    const r = buildQuarterlyReport([], other, "2022-23 q2");
    expect(r.period).toBe("2022-23 Q2");
    expect(r.csps).toHaveLength(SEED_CSPS.length);
    expect(r.sources.budgetItems).toBe(SEED_CSPS.length);
  });

  it("names the comparison quarters", () => {
    expect(report.previousPeriod).toBe("2022-23 Q1");
    expect(report.lastYearPeriod).toBe("2021-22 Q2");
  });

  it("groups KPIs by service, areas in the PCC report's order, and keeps each commentary once", () => {
    expect(report.services.map((s) => s.service)).toEqual([
      "West Mercia Women's Aid IDVA service",
      "RoadPeace",
      "Victim Advice Line",
    ]);
    const idva = report.services[0];
    expect(idva.kpis.map((k) => k.kpiId)).toEqual(["referrals", "contacted-48h"]);
    expect(idva.commentary).toHaveLength(1);
    expect(idva.kpis[1].percentScale).toBe("fraction");
  });

  it("draws each service's referrals trend from its referrals KPI", () => {
    const val = report.referrals.find((r) => r.service === "Victim Advice Line");
    expect(val).toMatchObject({ previous: 4441, actual: 3834, lastYear: null });
    const idva = report.referrals.find((r) => r.provider === "West Mercia Women's Aid");
    expect(idva).toMatchObject({ lastYear: 465, actual: 492 });
  });

  it("counts RAG over the quarter's KPIs", () => {
    const all = seedKpiItems();
    expect(report.rag.green + report.rag.amber + report.rag.red + report.rag.none).toBe(all.length);
    expect(report.rag.green).toBe(all.filter((k) => k.rag === "green").length);
  });

  it("reports a service by a template it is given (the KPI Templates list's), not only by the built-in ones", () => {
    // The list's own order is not the template's: the template puts it right.
    const items = kpiItems(
      "West Mercia PCC",
      "safer-streets-4",
      "Safer Streets 4",
      "Reassuring West Mercia",
      [
        {
          kpiId: "projects-moving",
          label: "Projects moving after the procurement review",
          actual: 4,
          target: 5,
        },
        {
          kpiId: "streetwatch-volunteers",
          label: "Streetwatch volunteers recruited",
          actual: 0,
          target: 500,
        },
      ],
    );
    const builtInOnly = buildQuarterlyReport(items, [], PERIOD).services[0];
    expect(builtInOnly.kpis.map((k) => [k.kpiId, k.targetBasis, k.cumulative])).toEqual([
      ["projects-moving", "quarter", false],
      ["streetwatch-volunteers", "quarter", false],
    ]);
    const templates = [...builtInTemplates, saferStreets4Template];
    const withLibrary = buildQuarterlyReport(items, [], PERIOD, { templates }).services[0];
    expect(withLibrary.kpis.map((k) => [k.kpiId, k.targetBasis, k.cumulative])).toEqual([
      ["streetwatch-volunteers", "annual", true],
      ["projects-moving", "quarter", false],
    ]);
    expect(withLibrary.planHeading).toBe("Reassuring West Mercia");
    // Only the exact version the return was issued with counts.
    const other = { ...saferStreets4Template, version: "2.0.0" };
    const wrongVersion = buildQuarterlyReport(items, [], PERIOD, { templates: [other] }).services[0];
    expect(wrongVersion.kpis[0].kpiId).toBe("projects-moving");
  });

  it("rejects a malformed period with the core's message", () => {
    expect(() => buildQuarterlyReport([], [], "2022/23 Q2")).toThrow(/not in the form "2022-23 Q2"/);
  });
});

describe("fundingTotals", () => {
  it("measures utilisation only over lines that report both awarded and spent", () => {
    const a = { ...cspItem("A", 100, 50) };
    const t = fundingTotals([
      { ...lineOf(a), awarded: 100, spent: 50 },
      { ...lineOf(a), awarded: 100, spent: null },
    ]);
    expect(t.awarded).toBe(200);
    expect(t.spent).toBe(50);
    expect(t.utilisation).toBe(0.5);
  });
});

function lineOf(b: ReturnType<typeof cspItem>) {
  return {
    area: b.area,
    provider: b.provider,
    service: b.service,
    serviceArea: b.serviceArea,
    lineLabel: b.lineLabel,
    awarded: b.awarded,
    spent: b.spentToDate,
    utilisation: null,
    expectedUtilisation: null,
    forecastOutturn: null,
    forecastVariance: null,
    rag: null,
    commentary: "",
  };
}
