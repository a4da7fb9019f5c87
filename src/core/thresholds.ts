/**
 * How every threshold decision rounds first, so core and the return's own formulas decide alike at the boundary.
 *
 * A figure exactly on a tolerance (−10% against a 10% tolerance: 1,587.6 against a target of 1,764) comes out of
 * binary arithmetic a hair either side of it (−10.000000000000005), and Excel and LibreOffice compare with their own
 * allowances for that noise, so without a rule core could say amber where the sheet says Green. The rule: the
 * percentage or percentage points compared with a tolerance are first rounded to THRESHOLD_DECIMALS decimal places,
 * half away from zero, as the sheet's ROUND(…, 6) does. Excel's ROUND rounds the number as written in decimal, half
 * away from zero ("ROUND function", support.microsoft.com: ROUND(2.15, 1) is 2.2 and ROUND(-1.475, 2) is −1.48, though
 * neither is exact in binary), and Excel keeps 15 significant digits ("Floating-point arithmetic may give inaccurate
 * results in Excel"), so `roundHalfAway` reads the number at 15 significant digits and rounds that decimal.
 */

/** Decimal places a percentage (or percentage points) is rounded to before it is compared with a tolerance. */
export const THRESHOLD_DECIMALS = 6;

/** Significant decimal digits Excel keeps of a number. */
const EXCEL_DIGITS = 15;

/**
 * Below this many units of the last decimal kept, reading `n` at 15 significant digits moves it by less than
 * HALF_MARGIN of a unit, so a figure that far from a half rounds the same way however it is read.
 */
const FAST_LIMIT = 1e11;
const HALF_MARGIN = 1e-3;

/** `n` rounded to `decimals` places, half away from zero, reading `n` as Excel does (15 significant digits). */
export function roundHalfAway(n: number, decimals: number): number {
  if (!Number.isFinite(n) || n === 0) return n;
  // Most figures are nowhere near a half: round them in binary (k / 10^d is the same double as the decimal "ke-d").
  // Only near a half does the decimal reading below decide, and it is some twenty times slower.
  const scale = 10 ** decimals;
  const scaled = Math.abs(n) * scale;
  if (scaled < FAST_LIMIT) {
    const whole = Math.floor(scaled);
    const fraction = scaled - whole;
    if (Math.abs(fraction - 0.5) > HALF_MARGIN) {
      const result = (fraction > 0.5 ? whole + 1 : whole) / scale;
      return n < 0 && result !== 0 ? -result : result;
    }
  }
  return roundAsWritten(n, decimals);
}

/** `roundHalfAway` by the decimal digits themselves: exact at a half, for any magnitude. */
export function roundAsWritten(n: number, decimals: number): number {
  if (!Number.isFinite(n) || n === 0) return n;
  // "d.dddddddddddddde±x": 15 significant digits and the power of ten of the first.
  const [mantissa, power] = Math.abs(n)
    .toExponential(EXCEL_DIGITS - 1)
    .split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(power);
  // Digits kept: those before the decimal point (exponent + 1) and `decimals` after it.
  const keep = exponent + 1 + decimals;
  if (keep >= digits.length) return Math.sign(n) * Number(`${mantissa}e${exponent}`);
  if (keep < 0) return 0;
  const kept = keep === 0 ? 0 : Number(digits.slice(0, keep));
  const rounded = digits.charCodeAt(keep) >= "5".charCodeAt(0) ? kept + 1 : kept;
  const result = Number(`${rounded}e${-decimals}`);
  return n < 0 && result !== 0 ? -result : result;
}

/** A percentage or percentage points as a threshold decision sees it: rounded to THRESHOLD_DECIMALS places. */
export function forThreshold(n: number): number {
  return roundHalfAway(n, THRESHOLD_DECIMALS);
}
