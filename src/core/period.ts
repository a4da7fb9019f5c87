/**
 * UK financial-year quarters, written "2022-23 Q2": parse, format and step between them.
 * Q1 is Apr–Jun, Q2 Jul–Sep, Q3 Oct–Dec and Q4 Jan–Mar of the following calendar year.
 */
import { UserError } from "./errors";
import type { Period } from "./types";

const PERIOD_PATTERN = /^(\d{4})\s*-\s*(\d{2})\s*q\s*([1-4])$/i;

/** Reads "2022-23 Q2" (tolerant of spacing and case: "2022 - 23 q2"). Throws UserError saying what was expected. */
export function parsePeriod(text: string): Period {
  const trimmed = String(text ?? "")
    .replace(/[\u00a0\u2013\u2014]/g, (c) => (c === "\u00a0" ? " " : "-"))
    .trim();
  const match = PERIOD_PATTERN.exec(trimmed);
  if (!match) {
    throw new UserError(
      `Period "${String(text)}" is not in the form "2022-23 Q2" (financial year, then Q1–Q4).`,
      "period",
    );
  }
  const startYear = Number(match[1]);
  const endYear = Number(match[2]);
  const quarter = Number(match[3]) as Period["quarter"];
  if ((startYear + 1) % 100 !== endYear) {
    const expected = formatPeriod({ startYear, quarter });
    throw new UserError(
      `Period "${String(text)}" is not a financial year: ${startYear} is followed by ${String((startYear + 1) % 100).padStart(2, "0")}, so write "${expected}".`,
      "period",
    );
  }
  return { startYear, quarter };
}

/** Writes a period the one canonical way: "2022-23 Q2". */
export function formatPeriod(p: Period): string {
  return `${p.startYear}-${String((p.startYear + 1) % 100).padStart(2, "0")} Q${p.quarter}`;
}

export function previousQuarter(p: Period): Period {
  return p.quarter === 1
    ? { startYear: p.startYear - 1, quarter: 4 }
    : { startYear: p.startYear, quarter: (p.quarter - 1) as Period["quarter"] };
}

/** The financial-year quarter a date falls in (its local calendar date): 10 January 2023 → 2022-23 Q4. */
export function periodContaining(date: Date): Period {
  const month = date.getMonth();
  return {
    startYear: month >= 3 ? date.getFullYear() : date.getFullYear() - 1,
    quarter: (Math.floor(((month + 9) % 12) / 3) + 1) as Period["quarter"],
  };
}

export function sameQuarterLastYear(p: Period): Period {
  return { startYear: p.startYear - 1, quarter: p.quarter };
}

/** Quarters of the financial year completed by the end of this one: Q2 → 2. */
export function quartersElapsed(p: Period): number {
  return p.quarter;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** The quarter's first and last days as ISO dates (yyyy-mm-dd), and its three month names. */
export function periodDates(p: Period): { first: string; last: string; months: readonly string[] } {
  // Month index (0-based) of the quarter's first month: Apr, Jul, Oct, then Jan of the next calendar year.
  const firstMonth = ((p.quarter - 1) * 3 + 3) % 12;
  const year = p.quarter === 4 ? p.startYear + 1 : p.startYear;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth + 1, 0)).getUTCDate();
  const pad = (n: number): string => String(n).padStart(2, "0");
  return {
    first: `${year}-${pad(firstMonth + 1)}-01`,
    last: `${year}-${pad(lastMonth + 1)}-${pad(lastDay)}`,
    months: [MONTHS[firstMonth], MONTHS[firstMonth + 1], MONTHS[lastMonth]],
  };
}
