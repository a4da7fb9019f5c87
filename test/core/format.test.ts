import fc from "fast-check";
import {
  formatChangePct,
  formatCount,
  formatCurrency,
  formatPercent,
  formatPercentPoints,
  formatPoints,
  formatValue,
  formatVariance,
} from "../../src/core/format";

describe("en-GB formatting", () => {
  it.each<[string, string, string]>([
    ["count", formatCount(3834), "3,834"],
    ["count, negative", formatCount(-1200), "−1,200"],
    ["count, fraction", formatCount(2.256), "2.26"],
    ["currency", formatCurrency(135640), "£135,640"],
    ["currency with pence", formatCurrency(12.5), "£12.50"],
    ["currency, negative", formatCurrency(-200), "−£200"],
    ["percent of a fraction", formatPercent(0.9583), "95.8%"],
    ["percent of points", formatPercentPoints(95.83), "95.8%"],
    ["change up", formatChangePct(5.806), "+5.8%"],
    ["change down", formatChangePct(-13.668), "−13.7%"],
    ["no change", formatChangePct(0.01), "0.0%"],
    ["points", formatPoints(1.4), "+1.4 percentage points"],
    ["points down", formatPoints(-5), "−5.0 percentage points"],
    ["value: percent fraction", formatValue(0.987, "percent"), "98.7%"],
    ["value: percent points", formatValue(98.7, "percent", "points"), "98.7%"],
    ["value: currency", formatValue(21000, "currency"), "£21,000"],
    ["value: days", formatValue(15, "days"), "15 days"],
    ["value: one day", formatValue(1, "days"), "1 day"],
    ["value: count", formatValue(1883, "count"), "1,883"],
    ["variance: count over", formatVariance(27, "count"), "+27"],
    ["variance: currency under", formatVariance(-1200, "currency"), "−£1,200"],
    ["variance: percent fraction", formatVariance(0.012, "percent"), "+1.2 percentage points"],
    ["variance: percent points", formatVariance(-1.2, "percent", "points"), "−1.2 percentage points"],
    ["variance: none", formatVariance(0, "count"), "0"],
    ["variance: two decimals", formatVariance(2.25, "number"), "+2.25"],
    ["variance: one decimal", formatVariance(2.25, "number", "fraction", 1), "+2.3"],
    ["variance: days", formatVariance(-3, "days"), "−3"],
  ])("%s", (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it("never shows a minus on a value that rounds to zero", () => {
    expect(formatCount(-0.001)).toBe("0");
    expect(formatPercent(-0.00001)).toBe("0.0%");
  });
});

describe("the fast path writes exactly what Intl.NumberFormat('en-GB') writes", () => {
  it("for any non-negative number and decimals", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 0, max: 1e16, noNaN: true }),
          fc.integer({ min: 0, max: 1e9 }),
          fc.constantFrom(0.5, 1.005, 2.675, 999.95, 999999.5, 1e15 - 1),
        ),
        fc.nat(4),
        fc.nat(4),
        (n, a, b) => {
          // Through the public faces: a count takes 0..max decimals, a percentage exactly d of them.
          const intl = (min: number, max: number) =>
            new Intl.NumberFormat("en-GB", { minimumFractionDigits: min, maximumFractionDigits: max }).format(
              n,
            );
          expect(formatCount(n, a)).toBe(intl(0, a));
          expect(formatPercentPoints(n, b)).toBe(`${intl(b, b)}%`);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
