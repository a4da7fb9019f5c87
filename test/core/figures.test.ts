import { budgetRag, kpiRag } from "../../src/core/figures";
import { validateReturn } from "../../src/core/validate";
import { loadTemplate } from "../../src/core/template";
import { DEFAULT_TOLERANCE } from "../../src/core/template-vocabulary";
import { parseCell } from "../../src/core/values";
import type { KpiEntry, KpiTemplate, Return } from "../../src/core/types";
import { findTemplate } from "../../src/templates";
import { findSeedReturn, seedReturn } from "../../src/seed/q2-2022-23";
import { seedCspReturns } from "../support/seed-totals";

const round1 = (n: number | null | undefined): number | null =>
  n == null ? null : Math.round(n * 1000) / 10;

/** The figures validation works out for each KPI row, and for each budget line. */
const kpiFigures = (ret: Return, template: KpiTemplate) => validateReturn(ret, template).figures;
const budgetFigures = (ret: Return, template: KpiTemplate) => validateReturn(ret, template).budget;

describe("golden figures from the Q2 2022/23 report", () => {
  const csp = findTemplate("csp-budget")!;
  const figures = seedCspReturns.map((entry) => budgetFigures(seedReturn(entry), csp)[0]);

  it("totals the five CSPs: £636,541 awarded, £515,579 spent, 81.0% utilisation", () => {
    const awarded = figures.reduce((n, f) => n + (f.awarded ?? 0), 0);
    const spent = figures.reduce((n, f) => n + (f.spentToDate ?? 0), 0);
    expect(awarded).toBe(636541);
    expect(spent).toBe(515579);
    expect(round1(spent / awarded)).toBe(81.0);
  });

  it("gives each CSP's utilisation, reading Telford's '£135, 640' as 135,640", () => {
    expect(seedCspReturns.map((r, i) => [r.area, round1(figures[i].utilisation)])).toEqual([
      ["Shropshire", 51.0],
      ["Herefordshire", 88.1],
      ["Telford & Wrekin", 85.3],
      ["South Worcestershire", 100.0],
      ["North Worcestershire", 73.1],
    ]);
    expect(figures[2].spentToDate).toBe(135640);
  });

  it("forecasts outturn at the run rate against a straight-line profile", () => {
    const shropshire = figures[0];
    expect(shropshire.expectedUtilisation).toBe(0.5);
    expect(shropshire.forecastOutturn).toBe(100400);
    expect(shropshire.forecastVariance).toBe(100400 - 98441);
    expect(shropshire.varianceVsProfile).toBeCloseTo(50200 / 98441 - 0.5, 12);
    expect(shropshire.rag).toBe("green");
    // South Worcestershire has spent its whole award by half way: a forecast overspend.
    expect(figures[3].rag).toBe("red");
  });

  it("IDVA referrals: 492 against 465 in the same quarter last year is +5.8%", () => {
    const f = kpiFigures(seedReturn(findSeedReturn("idva")!), findTemplate("idva")!);
    const referrals = f.find((x) => x.kpiId === "referrals")!;
    expect(round1((referrals.changeVsLastYearPct ?? 0) / 100)).toBe(5.8);
    expect(referrals.direction).toBe("improving");
    const c48 = f.find((x) => x.kpiId === "contacted-48h")!;
    expect(c48.actual).toBe(0.9583);
    expect(c48.variance).toBeCloseTo(0.0583, 12);
    expect(c48.rag).toBe("green");
  });

  it("Victim Advice Line: 3,834 against 4,441 in the previous quarter is −13.7%", () => {
    const f = kpiFigures(
      seedReturn(findSeedReturn("victim-advice-line")!),
      findTemplate("victim-advice-line")!,
    );
    expect(round1((f[0].changeVsPreviousPct ?? 0) / 100)).toBe(-13.7);
    expect(f[0].changeVsPreviousPoints).toBeNull();
  });

  it("RoadPeace: 30 new referrals in Q2 against an annual target of 60 is double the quarter's share", () => {
    const f = kpiFigures(seedReturn(findSeedReturn("roadpeace")!), findTemplate("roadpeace")!);
    expect(f[0]).toMatchObject({
      target: 60,
      proRataTarget: 15,
      variance: 15,
      variancePct: 100,
      rag: "green",
    });
  });
});

describe("figure definitions", () => {
  const template: KpiTemplate = loadTemplate(
    {
      id: "t",
      version: "1.0.0",
      title: "T",
      serviceArea: "S",
      kpis: [
        {
          id: "people",
          label: "People",
          unit: "count",
          targetBasis: "annual",
          cumulative: true,
          guidance: "since April",
        },
        { id: "wait", label: "Wait", unit: "days", higherIsBetter: false, guidance: "days waiting" },
        { id: "rate", label: "Rate", unit: "percent", guidance: "a share" },
      ],
      budgetLines: [{ id: "grant", label: "Grant", profile: [0.1, 0.3, 0.6, 1] }],
    },
    "t.json",
  );
  function entry(
    kpiId: string,
    row: number,
    actual: unknown,
    target?: number,
    previous?: number,
    lastYear?: number,
  ): KpiEntry {
    return {
      kpiId,
      label: kpiId,
      actual: parseCell(actual as number),
      target: parseCell(target),
      previous: parseCell(previous),
      lastYear: parseCell(lastYear),
      commentary: "",
      row,
    };
  }
  function ret(period: string, kpis: KpiEntry[], spent: unknown = null, awarded: unknown = null): Return {
    return {
      templateId: "t",
      templateVersion: "1.0.0",
      provider: "P",
      period,
      status: "draft",
      kpis,
      budget: [
        {
          lineId: "grant",
          label: "Grant",
          awarded: parseCell(awarded as number),
          spentToDate: parseCell(spent as number),
          previousSpent: null,
          commentary: "",
          row: 0,
        },
      ],
      overrides: [],
      history: [],
    };
  }

  it("compares a cumulative KPI against its annual target pro rata", () => {
    const [f] = kpiFigures(ret("2022-23 Q3", [entry("people", 0, 600, 1000)]), template);
    expect(f.proRataTarget).toBe(750);
    expect(f.variance).toBe(-150);
    expect(f.variancePct).toBe(-20);
    expect(f.rag).toBe("amber");
  });

  it("treats lower-is-better KPIs the other way round", () => {
    const [f] = kpiFigures(ret("2022-23 Q2", [entry("wait", 0, 8, 10, 6, 12)]), template);
    expect(f.variancePct).toBe(-20);
    expect(f.rag).toBe("green");
    expect(f.direction).toBe("improving");
    const [g] = kpiFigures(ret("2022-23 Q2", [entry("wait", 0, 14, 10, 6, 14)]), template);
    expect(g.rag).toBe("red");
    expect(g.direction).toBe("steady");
  });

  it("measures percent KPIs' change in percentage points", () => {
    const [f] = kpiFigures(ret("2022-23 Q2", [entry("rate", 0, 0.9, undefined, 0.95, 0.8)]), template);
    expect(f.changeVsPreviousPoints).toBeCloseTo(-5, 12);
    expect(f.changeVsLastYearPoints).toBeCloseTo(10, 12);
    expect(f.variance).toBeNull();
    expect(f.rag).toBeNull();
  });

  it("leaves figures null, not NaN, when cells are blank, text or zero bases", () => {
    const [f] = kpiFigures(ret("2022-23 Q2", [entry("wait", 0, "N/A", 0, 0, undefined)]), template);
    expect(Object.values(f).some((v) => typeof v === "number" && !Number.isFinite(v))).toBe(false);
    expect(f.variance).toBeNull();
    const [g] = kpiFigures(ret("2022-23 Q2", [entry("wait", 0, 5, 0, 0)]), template);
    expect(g.variance).toBe(5);
    expect(g.variancePct).toBeNull();
    expect(g.changeVsPreviousPct).toBeNull();
  });

  it("uses the template's budget profile and the run rate", () => {
    const [b] = budgetFigures(ret("2022-23 Q2", [], 30000, 100000), template);
    expect(b.expectedUtilisation).toBe(0.3);
    expect(b.utilisation).toBe(0.3);
    expect(b.varianceVsProfile).toBe(0);
    expect(b.forecastOutturn).toBe(60000);
    expect(b.forecastVariance).toBe(-40000);
    expect(b.rag).toBe("green");
    const [unknownPeriod] = budgetFigures(ret("Q2", [], 30000, 100000), template);
    expect(unknownPeriod.expectedUtilisation).toBeNull();
    expect(unknownPeriod.forecastOutturn).toBeNull();
  });

  it("sets budget RAG by overspend, forecast and distance from profile", () => {
    const t = { ...DEFAULT_TOLERANCE, budgetProfilePoints: 10 };
    expect(budgetRag(100, 101, 0, 0, t)).toBe("red");
    expect(budgetRag(100, 60, 0.1, 11, t)).toBe("red");
    expect(budgetRag(100, 60, 0.11, 10, t)).toBe("amber");
    expect(budgetRag(100, 60, -0.11, -10, t)).toBe("amber");
    expect(budgetRag(100, 60, 0.1, 10, t)).toBe("green");
    expect(budgetRag(null, 60, 0.1, 10, t)).toBeNull();
  });

  it("sets KPI RAG at the tolerance edges", () => {
    const t = { ...DEFAULT_TOLERANCE, targetGreenPct: 10, targetRedPct: 25 };
    expect(kpiRag(-10, true, t)).toBe("green");
    expect(kpiRag(-10.01, true, t)).toBe("amber");
    expect(kpiRag(-25, true, t)).toBe("amber");
    expect(kpiRag(-25.01, true, t)).toBe("red");
    expect(kpiRag(50, true, t)).toBe("green");
    expect(kpiRag(50, false, t)).toBe("red");
  });
});
