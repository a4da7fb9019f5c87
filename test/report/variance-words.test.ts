/**
 * A KPI's variance from target is written by core's one formatter for both readers: the quarterly report's tables and
 * the officer's KPI cards agree, but for two deliberate differences (the cards write counts to one decimal, and add
 * the variance as a % of the target).
 */
import fc from "fast-check";
import { formatChangePct } from "../../src/core/format";
import type { KpiFigure, KpiTemplate, Unit } from "../../src/core/types";
import type { ReportKpi } from "../../src/report/model";
import { varianceText } from "../../src/report/text";
import { varianceWithPct } from "../../src/taskpane/figures-text";

type Scale = KpiTemplate["percentScale"];

/** Only the fields the two writers read: the rest of a report KPI or a figure plays no part. */
function reportKpi(variance: number | null, unit: Unit, percentScale: Scale): ReportKpi {
  return { variance, unit, percentScale } as unknown as ReportKpi;
}
function figure(variance: number | null, unit: Unit, variancePct: number | null): KpiFigure {
  return { variance, unit, variancePct } as unknown as KpiFigure;
}

const units = fc.constantFrom<Unit>("count", "percent", "currency", "number", "days");
const scales = fc.constantFrom<Scale>("fraction", "points");
const amounts = fc.double({ min: -1e7, max: 1e7, noNaN: true });

describe("a KPI's variance, in the report and in the task pane", () => {
  it("is written alike for whole amounts and every percent or currency amount", () => {
    fc.assert(
      fc.property(units, scales, amounts, (unit, scale, raw) => {
        const variance = unit === "percent" || unit === "currency" ? raw : Math.round(raw);
        expect(varianceWithPct(figure(variance, unit, null), scale)).toBe(
          varianceText(reportKpi(variance, unit, scale)),
        );
      }),
    );
  });

  it("differs only where it says: counts to one decimal in the pane, two in the report", () => {
    expect(varianceText(reportKpi(2.25, "number", "fraction"))).toBe("+2.25");
    expect(varianceWithPct(figure(2.25, "number", null), "fraction")).toBe("+2.3");
  });

  it("carries the % of the target in the pane, except for a percent KPI (already in points)", () => {
    expect(varianceWithPct(figure(383, "count", 25.53), "fraction")).toBe(`+383 (${formatChangePct(25.53)})`);
    expect(varianceWithPct(figure(383, "count", 25.53), "fraction")).toBe("+383 (+25.5%)");
    expect(varianceWithPct(figure(0.05, "percent", 5.2), "fraction")).toBe("+5.0 percentage points");
    expect(varianceText(reportKpi(383, "count", "fraction"))).toBe("+383");
  });

  it("says no variance in each reader's way", () => {
    expect(varianceText(reportKpi(null, "count", "fraction"))).toBe("–");
    expect(varianceWithPct(figure(null, "count", null), "fraction")).toBe("not worked out");
  });
});
