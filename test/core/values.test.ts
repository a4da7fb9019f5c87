import { describeInput, numberOf, parseCell, wasCleaned } from "../../src/core/values";
import type { CellInput } from "../../src/core/types";

describe("parseCell: numbers providers type", () => {
  it.each<[CellInput, number, boolean]>([
    [492, 492, false],
    [0, 0, false],
    [0.9583, 0.9583, false],
    [-3, -3, false],
    ["£135, 640", 135640, true],
    ["1,883", 1883, true],
    ["£ 100,666", 100666, true],
    [" 492 ", 492, true],
    ["95.83%", 0.9583, true],
    ["97.23 %", 0.9723, true],
    ["(1,200)", -1200, true],
    ["-12.5", -12.5, true],
    ["\u22124", -4, true],
    ["135 640", 135640, true],
    ["100666£", 100666, true],
    ["0", 0, true],
    [".5", 0.5, true],
  ])("%j → %d (cleaned %s)", (raw, value, cleaned) => {
    const v = parseCell(raw);
    expect(v.kind).toBe("number");
    expect(numberOf(v)).toBeCloseTo(value, 12);
    expect(wasCleaned(v)).toBe(cleaned);
  });

  it("marks a % sign, which fixes the scale", () => {
    expect(parseCell("95.83%")).toMatchObject({ kind: "number", value: 0.9583, percentSign: true });
    expect(parseCell("95.83")).not.toHaveProperty("percentSign");
  });
});

describe("parseCell: everything else", () => {
  it.each<[CellInput, string]>([
    [null, "blank"],
    [undefined, "blank"],
    ["", "blank"],
    ["   ", "blank"],
    ["\u00a0", "blank"],
    ["#DIV/0!", "excel-error"],
    ["#REF!", "excel-error"],
    ["#N/A", "excel-error"],
    ["#VALUE!", "excel-error"],
    ["#NAME?", "excel-error"],
    ["#NUM!", "excel-error"],
    ["#NULL!", "excel-error"],
    ["N/A", "missing"],
    ["n/a", "missing"],
    ["NA", "missing"],
    ["n.a.", "missing"],
    ["Not collected", "missing"],
    ["not available", "missing"],
    ["Nil return", "missing"],
    ["-", "missing"],
    [true, "text"],
    [false, "text"],
    ["twelve", "text"],
    ["1,5", "text"],
    ["12,34,567", "text"],
    ["22/22", "text"],
    ["£", "text"],
    ["%", "text"],
    ["(-5)", "text"],
    [Number.NaN, "text"],
    [Number.POSITIVE_INFINITY, "text"],
    [new Date(Date.UTC(2022, 8, 30)), "text"],
  ])("%j → %s", (raw, kind) => {
    expect(parseCell(raw).kind).toBe(kind);
    expect(numberOf(parseCell(raw))).toBeNull();
  });

  it("keeps blank, a missing code and zero apart", () => {
    const kinds = [parseCell(""), parseCell("N/A"), parseCell(0)].map((v) => v.kind);
    expect(new Set(kinds).size).toBe(3);
  });

  it("names Excel errors in Excel's own spelling", () => {
    expect(parseCell(" #div/0! ")).toEqual({ kind: "excel-error", code: "#DIV/0!" });
  });

  it("describes what was typed, for messages", () => {
    expect(describeInput(parseCell("£135, 640"))).toBe('"£135, 640"');
    expect(describeInput(parseCell(""))).toBe("blank");
    expect(describeInput(parseCell("#REF!"))).toBe("#REF!");
    expect(describeInput(parseCell(12))).toBe("12");
  });
});
