/**
 * Rounding before a threshold: the quick binary path agrees exactly with rounding the decimal digits themselves,
 * including at halves, near them, at integers and at large magnitudes where only the decimal path is used.
 */
import fc from "fast-check";
import { roundAsWritten, roundHalfAway } from "../../src/core/thresholds";

describe("roundHalfAway", () => {
  test("Excel's own examples: ROUND(2.15, 1) is 2.2, ROUND(-1.475, 2) is -1.48, and -10% stays -10", () => {
    expect(roundHalfAway(2.15, 1)).toBe(2.2);
    expect(roundHalfAway(-1.475, 2)).toBe(-1.48);
    expect(roundHalfAway(((1587.6 - 1764) / 1764) * 100, 6)).toBe(-10);
    expect(roundHalfAway(-0.0000001, 6)).toBe(0);
    expect(Object.is(roundHalfAway(-0.0000001, 6), 0)).toBe(true);
  });

  test("property: the quick path gives exactly what the decimal digits give", () => {
    const near = fc
      .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(0.5, 0.4995, 0.5005, 0, 0.999999, 1e-9))
      .map(([k, f]) => (k + Math.sign(k || 1) * f) / 1e6);
    const anyNumber = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });
    fc.assert(
      fc.property(fc.oneof(near, anyNumber), fc.integer({ min: 0, max: 6 }), (n, d) => {
        expect(roundHalfAway(n, d)).toBe(roundAsWritten(n, d));
      }),
      { numRuns: 20_000 },
    );
  });
});
