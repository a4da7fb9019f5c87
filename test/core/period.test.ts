import { UserError } from "../../src/core/errors";
import {
  formatPeriod,
  parsePeriod,
  periodContaining,
  periodDates,
  previousQuarter,
  quartersElapsed,
  sameQuarterLastYear,
} from "../../src/core/period";

describe("parsePeriod", () => {
  it.each([
    ["2022-23 Q2", 2022, 2],
    ["2022-23 q2", 2022, 2],
    ["  2022 - 23   Q 4 ", 2022, 4],
    ["1999-00 Q1", 1999, 1],
    ["2022\u201323 Q3", 2022, 3],
  ])("reads %j", (text, startYear, quarter) => {
    expect(parsePeriod(text)).toEqual({ startYear, quarter });
  });

  it("rejects the seed's other spellings with the expected form in the message", () => {
    expect(() => parsePeriod("2022/23 Q2")).toThrow(
      'Period "2022/23 Q2" is not in the form "2022-23 Q2" (financial year, then Q1–Q4).',
    );
    expect(() => parsePeriod("2022/23 Q2")).toThrow(UserError);
  });

  it.each(["2022-23 Q5", "2022-23", "Q2 2022-23", "", "22-23 Q2", "2022-2023 Q2"])("rejects %j", (text) => {
    expect(() => parsePeriod(text)).toThrow(UserError);
  });

  it("rejects a year that does not follow on", () => {
    expect(() => parsePeriod("2022-24 Q2")).toThrow(/2022 is followed by 23, so write "2022-23 Q2"/);
    // The "22/22" slip in the seed's CSP paragraph.
    expect(() => parsePeriod("2022-22 Q2")).toThrow(UserError);
  });
});

describe("stepping between quarters", () => {
  const q2 = parsePeriod("2022-23 Q2");
  it("formats canonically and round-trips", () => {
    expect(formatPeriod(q2)).toBe("2022-23 Q2");
    expect(formatPeriod(parsePeriod(" 1999 - 00 q1"))).toBe("1999-00 Q1");
  });
  it("finds the quarter a date falls in: January is Q4 of the year before, April starts Q1", () => {
    expect(formatPeriod(periodContaining(new Date(2023, 0, 10)))).toBe("2022-23 Q4");
    expect(formatPeriod(periodContaining(new Date(2023, 2, 31)))).toBe("2022-23 Q4");
    expect(formatPeriod(periodContaining(new Date(2023, 3, 1)))).toBe("2023-24 Q1");
    expect(formatPeriod(periodContaining(new Date(2022, 8, 30)))).toBe("2022-23 Q2");
  });
  it("finds the previous quarter across a year end", () => {
    expect(formatPeriod(previousQuarter(q2))).toBe("2022-23 Q1");
    expect(formatPeriod(previousQuarter(parsePeriod("2022-23 Q1")))).toBe("2021-22 Q4");
  });
  it("finds the same quarter last year and counts quarters elapsed", () => {
    expect(formatPeriod(sameQuarterLastYear(q2))).toBe("2021-22 Q2");
    expect(quartersElapsed(q2)).toBe(2);
    expect(quartersElapsed(parsePeriod("2022-23 Q4"))).toBe(4);
  });
  it("gives the quarter's dates: Q2 is Jul–Sep, Q4 is Jan–Mar of the next calendar year", () => {
    expect(periodDates(q2)).toEqual({
      first: "2022-07-01",
      last: "2022-09-30",
      months: ["July", "August", "September"],
    });
    expect(periodDates(parsePeriod("2023-24 Q4"))).toEqual({
      first: "2024-01-01",
      last: "2024-03-31",
      months: ["January", "February", "March"],
    });
    expect(periodDates(parsePeriod("2022-23 Q1")).first).toBe("2022-04-01");
  });
});
