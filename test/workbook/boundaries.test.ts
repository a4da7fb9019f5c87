/**
 * Thresholds decided the same way by core and by the sheet's formulas: a figure exactly on a tolerance is within it,
 * whatever binary arithmetic makes of it; TRUE, FALSE and absurd magnitudes are errors naming their cell and no
 * figure; a return issued with the earlier formula set still validates. (test/workbook/libreoffice.test.ts holds the
 * sheet, recalculated by LibreOffice, to the same decisions.)
 */
import { roundHalfAway, forThreshold } from "../../src/core/thresholds";
import { validateReturn } from "../../src/core/validate";
import { formatCount, formatCurrency } from "../../src/core/format";
import {
  combinePlans,
  emptyPlan,
  KPI_COLUMNS,
  META,
  planNewReturn,
  planProviderInput,
  readReturn,
  type ReturnSetup,
  type ProviderInput,
  type WorkbookPlan,
} from "../../src/workbook";
import { budgetFormulas, FORMULA_VERSION, kpiFormulas } from "../../src/workbook/formulas";
import { newXlsx } from "../../src/workbook/xlsx";
import { buildQuarterlyReport } from "../../src/report/model";
import { allParagraphs, draftNarrative, paragraphText } from "../../src/report/narrative";
import { kpiItems, PERIOD as ITEMS_PERIOD } from "../report/items";
import { budgetValidation, validationFor } from "../../src/workbook/input-validation";
import {
  asIssuedWithFormulaSet1,
  boundaryInput,
  boundarySetup,
  boundaryTemplate,
  BUDGET_BOUNDARIES,
  hostileSetup,
  hostileTemplate,
  hostileValuesPlan,
  KPI_BOUNDARIES,
} from "../support/boundaries";

function written(setup: ReturnSetup, input: ProviderInput, ...more: WorkbookPlan[]) {
  const wb = newXlsx();
  wb.apply(planNewReturn(setup));
  wb.apply(planProviderInput(wb.snapshot(), input));
  for (const plan of more) wb.apply(plan);
  return wb.snapshot();
}

describe("rounding half away from zero, as Excel's ROUND does", () => {
  it("rounds Microsoft's own examples as Excel does", () => {
    // "ROUND function", support.microsoft.com: 2.15 → 2.2, 2.149 → 2.1, −1.475 → −1.48, 21.5 to −1 places → 20.
    expect(roundHalfAway(2.15, 1)).toBe(2.2);
    expect(roundHalfAway(2.149, 1)).toBe(2.1);
    expect(roundHalfAway(-1.475, 2)).toBe(-1.48);
    expect(roundHalfAway(21.5, -1)).toBe(20);
    expect(roundHalfAway(1.0000005, 6)).toBe(1.000001);
    expect(roundHalfAway(0.5, 0)).toBe(1);
    expect(roundHalfAway(-0.5, 0)).toBe(-1);
    expect(roundHalfAway(4e-7, 6)).toBe(0);
    expect(roundHalfAway(1e300, 6)).toBe(1e300);
  });

  it("takes a threshold's binary noise away", () => {
    expect(((1587.6 - 1764) / 1764) * 100).not.toBe(-10);
    expect(forThreshold(((1587.6 - 1764) / 1764) * 100)).toBe(-10);
    expect(forThreshold(((0.4125 - 0.55) / 0.55) * 100)).toBe(-25);
    expect(forThreshold((6500 / 10000 - 0.5) * 100)).toBe(15);
  });
});

describe("a figure exactly on a tolerance is within it", () => {
  const snapshot = written(boundarySetup, boundaryInput);
  const { ret, findings: read } = readReturn(snapshot, [boundaryTemplate]);
  const result = validateReturn(ret!, boundaryTemplate);

  it("reads the return cleanly", () => {
    expect(read).toEqual([]);
  });

  it.each(KPI_BOUNDARIES)("$id: $actual against $target is $rag", ({ id, rag }) => {
    const figure = result.figures.find((f) => f.kpiId === id);
    expect(figure?.rag).toBe(rag);
    const queries = result.findings.filter(
      (f) => f.ruleId === "TARGET-VARIANCE-Q" && f.location.row !== undefined,
    );
    const mine = queries.filter((f) => f.message.startsWith(`Boundary ${id} is`));
    // No query whose own message says "−10.0%, beyond the 10% tolerance"; the 25% one is amber, so queried.
    expect(mine.length).toBe(rag === "green" ? 0 : 1);
  });

  it.each(BUDGET_BOUNDARIES)("$id: £$spent of £$awarded is $rag", ({ id, rag }) => {
    expect(result.budget.find((b) => b.lineId === id)?.rag).toBe(rag);
    const profile = result.findings.filter(
      (f) =>
        f.ruleId === "BUDGET-PROFILE-Q" &&
        f.message.startsWith(`Exactly 15 points`) &&
        id === "fifteen-behind",
    );
    expect(profile).toEqual([]);
  });

  it("the sheet's RAG formulas round the same percentage to the same places", () => {
    const [tenShort] = boundaryTemplate.kpis;
    expect(kpiFormulas(boundaryTemplate, tenShort, 2).rag).toContain(
      "ROUND(-KpiReturn[[#This Row],[Variance %]]*100,6)<=10",
    );
    const rag = budgetFormulas(boundaryTemplate, boundaryTemplate.budgetLines[0], 2).rag;
    expect(rag).toContain(
      "ROUND(BudgetReturn[[#This Row],[Forecast variance]]/BudgetReturn[[#This Row],[Awarded]]*100,6)>15",
    );
    expect(rag).toContain("ROUND(ABS(BudgetReturn[[#This Row],[Variance against profile]])*100,6)>15");
  });
});

describe("TRUE, FALSE and absurd magnitudes in number cells", () => {
  const snapshot = written(hostileSetup, {}, hostileValuesPlan());
  const { ret, findings: read } = readReturn(snapshot, [hostileTemplate]);
  const result = validateReturn(ret!, hostileTemplate);
  const about = (ruleId: string, row: number, column: string) =>
    [...read, ...result.findings].filter(
      (f) => f.ruleId === ruleId && f.location.row === row && f.location.column === column,
    );

  it("TRUE and FALSE are type errors at their cells, and no figure", () => {
    expect(about("TYPE", 0, KPI_COLUMNS.actual)).toHaveLength(1);
    expect(about("TYPE", 1, KPI_COLUMNS.actual)).toHaveLength(1);
    expect(result.figures[0].variance).toBeNull();
    expect(result.figures[0].rag).toBeNull();
    expect(result.budget[0].rag).toBeNull();
  });

  it("1e308 is a plain range error at its cell, written as Excel would show it, and no figure", () => {
    const [huge] = about("RANGE", 2, KPI_COLUMNS.actual);
    expect(huge.message).toBe(
      `Boundary huge is 1.00E+308, beyond any plausible figure (at most ${formatCount(1e9)} either way), so nothing is calculated from it. ` +
        huge.message.split("so nothing is calculated from it. ")[1],
    );
    expect(about("RANGE", 3, KPI_COLUMNS.actual)[0].message).toContain("−1.00E+308");
    expect(about("RANGE", 4, KPI_COLUMNS.actual)[0].message).toContain("1.00E+302%");
    for (const i of [2, 3, 4]) {
      expect(result.figures[i].actual).toBeNull();
      expect(result.figures[i].rag).toBeNull();
    }
    // At the limit itself the figure stands.
    expect(result.figures[5].actual).toBe(1e9);
    expect(about("RANGE", 5, KPI_COLUMNS.actual)).toEqual([]);
    const spend = result.findings.filter((f) => f.ruleId === "BUDGET-RANGE");
    expect(spend.map((f) => f.message)).toEqual([
      expect.stringContaining(
        `1e308 as spend is £1.00E+308, beyond any plausible sum (at most ${formatCurrency(1e11)})`,
      ),
    ]);
    expect(result.budget[1].utilisation).toBeNull();
    expect(result.budget[1].rag).toBeNull();
  });

  it("data validation refuses a figure past its unit's limit typed in Excel, and says where the limit is", () => {
    const count = validationFor(hostileTemplate, hostileTemplate.kpis[2], "KPIs", "G8");
    expect(count.rule).toEqual({ kind: "wholeNumber", min: 0, max: 1e9 });
    expect(count.alert.message).toContain("between 0 and 1,000,000,000");
    // A template's own, tighter bound still wins; a looser one is cut to the limit.
    expect(validationFor(hostileTemplate, hostileTemplate.kpis[4], "KPIs", "G10").rule).toMatchObject({
      max: 100,
    });
    expect(budgetValidation("Budget", "D6", hostileTemplate.budgetLines[0]).rule).toEqual({
      kind: "decimal",
      min: 0,
      max: 1e11,
    });
  });

  it("no message spells out a long number", () => {
    for (const f of [...read, ...result.findings]) expect(f.message).not.toMatch(/\d[\d,]{30}/);
  });
});

describe("formula sets: a return keeps validating with the set it was issued with", () => {
  it("a new return records the current set", () => {
    const wb = newXlsx();
    wb.apply(planNewReturn(boundarySetup));
    expect(wb.snapshot().metadata?.[META.formulas]).toBe(FORMULA_VERSION);
  });

  it("a return issued with the earlier set (no record) validates with no FORMULA-OVERWRITTEN", () => {
    const snapshot = written(boundarySetup, boundaryInput, asIssuedWithFormulaSet1(boundarySetup));
    expect(snapshot.metadata?.[META.formulas]).toBeUndefined();
    const { findings } = readReturn(snapshot, [boundaryTemplate]);
    expect(findings).toEqual([]);
  });

  it("a return recording the current set is held to it: the earlier set's RAG there is tampering", () => {
    const old = asIssuedWithFormulaSet1(boundarySetup);
    const snapshot = written(boundarySetup, boundaryInput, { ...old, metadata: undefined });
    const { findings } = readReturn(snapshot, [boundaryTemplate]);
    expect(findings.map((f) => f.ruleId)).toContain("FORMULA-OVERWRITTEN");
  });

  it("a return recording a set this product does not know is checked against every known set", () => {
    const snapshot = written(
      boundarySetup,
      boundaryInput,
      combinePlans(asIssuedWithFormulaSet1(boundarySetup), {
        ...emptyPlan(),
        metadata: { [META.formulas]: "99" },
      }),
    );
    expect(readReturn(snapshot, [boundaryTemplate]).findings).toEqual([]);
  });
});

describe("the report's narrative judges a change at the boundary as core's change queries do", () => {
  const draft = (actual: number): string => {
    const items = kpiItems("Victim Support", "victim-support", "Victim Support", "Victim Services", [
      { kpiId: "valid-referrals", label: "Valid referrals received", actual, lastYear: 1764 },
    ]);
    return allParagraphs(draftNarrative(buildQuarterlyReport(items, [], ITEMS_PERIOD)))
      .map(paragraphText)
      .join(" ");
  };

  it("a change of exactly half the 10% tolerance (1,764 → 1,852.2, +5.000000000000003% in binary) is slight", () => {
    expect(((1852.2 - 1764) / 1764) * 100).toBeGreaterThan(5);
    expect(draft(1852.2)).toMatch(/up slightly/);
    expect(draft(1853)).not.toMatch(/slight/);
  });
});
