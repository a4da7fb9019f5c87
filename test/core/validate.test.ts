import fc from "fast-check";
import { compareFindings, validateReturn } from "../../src/core/validate";
import { parseCell } from "../../src/core/values";
import type { CellInput, Finding, Return } from "../../src/core/types";
import { builtInTemplates, findTemplate } from "../../src/templates";
import { findSeedReturn, seedReturn, seedReturns } from "../../src/seed/q2-2022-23";

describe("validateReturn on the seed", () => {
  it("validates every seed return with findings sorted by severity, then location", () => {
    for (const entry of seedReturns) {
      const v = validateReturn(seedReturn(entry), findTemplate(entry.templateId)!);
      const sorted = [...v.findings].sort(compareFindings);
      expect(v.findings).toEqual(sorted);
      const ranks = v.findings.map((f) => ["error", "query", "info"].indexOf(f.severity));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(v.counts.error + v.counts.query + v.counts.info).toBe(v.findings.length);
      expect(v.approvable).toBe(v.counts.error === 0 && v.counts.unexplained === 0);
    }
  });

  it("explains a budget query by the line's commentary", () => {
    const entry = findSeedReturn("csp-budget", "South Worcestershire CSP")!;
    const ret = seedReturn(entry);
    expect(validateReturn(ret, findTemplate("csp-budget")!).counts.unexplained).toBe(1);
    const explained: Return = {
      ...ret,
      budget: ret.budget.map((b) => ({ ...b, commentary: "Projects paid in advance." })),
    };
    const v = validateReturn(explained, findTemplate("csp-budget")!);
    expect(v.findings.find((f) => f.ruleId === "BUDGET-PROFILE-Q")?.explainedBy).toBe("commentary");
    expect(v.approvable).toBe(true);
  });

  it("does not count a commentary of spaces as an explanation", () => {
    const ret = seedReturn(findSeedReturn("victim-advice-line")!);
    const spaced: Return = { ...ret, kpis: ret.kpis.map((k) => ({ ...k, commentary: "   " })) };
    expect(validateReturn(spaced, findTemplate("victim-advice-line")!).counts.unexplained).toBe(1);
  });

  it("copes with a return built by hand with no rows at all", () => {
    const ret: Return = { ...seedReturn(findSeedReturn("idva")!), kpis: [], budget: [] };
    const v = validateReturn(ret, findTemplate("idva")!);
    expect(v.findings.filter((f) => f.ruleId === "MISSING-KPI")).toHaveLength(6);
    expect(v.findings.filter((f) => f.ruleId === "MISSING-LINE")).toHaveLength(1);
    expect(v.figures).toEqual([]);
    expect(v.approvable).toBe(false);
  });

  it("orders findings of equal severity by table, row and column", () => {
    const a: Finding = {
      ruleId: "RANGE",
      severity: "error",
      message: "",
      location: { table: "KpiReturn", row: 2, column: "Actual" },
    };
    const b: Finding = { ...a, location: { table: "KpiReturn", row: 1, column: "Actual" } };
    const c: Finding = { ...a, location: { table: "BudgetReturn", row: 0, column: "Awarded" } };
    const d: Finding = { ...a, location: { table: "Metadata" } };
    const e: Finding = { ...a, severity: "query", location: { table: "Metadata" } };
    expect([e, c, a, b, d].sort(compareFindings)).toEqual([d, b, a, c, e]);
  });
});

/** Whatever providers could put in a cell. */
const cell: fc.Arbitrary<CellInput> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double(),
  fc.date({ noInvalidDate: false }),
  fc.string(),
  fc.constantFrom(
    "£135, 640",
    "1,883",
    "95.83%",
    "#DIV/0!",
    "#REF!",
    "#N/A",
    "N/A",
    "not collected",
    "-",
    "(1,200)",
    " 492 ",
    "",
    "  ",
  ),
  fc
    .tuple(fc.constantFrom("£", "", " ", "("), fc.double({ noNaN: true }), fc.constantFrom("%", "", ")", " "))
    .map(([a, n, b]) => `${a}${n}${b}`),
);

describe("property: never throws, whatever the cells", () => {
  it("parseCell never throws and always gives a known kind", () => {
    fc.assert(
      fc.property(cell, (raw) => {
        const v = parseCell(raw);
        expect(["number", "blank", "missing", "excel-error", "text"]).toContain(v.kind);
        if (v.kind === "number") expect(Number.isFinite(v.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  const templateArb = fc.constantFrom(...builtInTemplates);
  const returnArb = templateArb.chain((template) =>
    fc
      .record({
        actuals: fc.array(cell, { minLength: template.kpis.length, maxLength: template.kpis.length }),
        refs: fc.array(fc.tuple(cell, cell, cell), {
          minLength: template.kpis.length,
          maxLength: template.kpis.length,
        }),
        commentaries: fc.array(fc.oneof(fc.constant(""), fc.string()), {
          minLength: template.kpis.length,
          maxLength: template.kpis.length,
        }),
        budget: fc.array(fc.tuple(cell, cell, fc.option(fc.double(), { nil: null })), {
          minLength: template.budgetLines.length,
          maxLength: template.budgetLines.length,
        }),
        period: fc.oneof(
          fc.constantFrom("2022-23 Q1", "2022-23 Q2", "2022-23 Q3", "2022-23 Q4"),
          fc.string(),
        ),
        dropRow: fc.option(fc.nat(template.kpis.length), { nil: null }),
      })
      .map(({ actuals, refs, commentaries, budget, period, dropRow }) => {
        const ret: Return = {
          templateId: template.id,
          templateVersion: template.version,
          provider: "Provider",
          period,
          status: "submitted",
          kpis: template.kpis
            .map((k, row) => ({
              kpiId: k.id,
              label: k.label,
              actual: parseCell(actuals[row]),
              target: parseCell(refs[row][0]),
              previous: parseCell(refs[row][1]),
              lastYear: parseCell(refs[row][2]),
              commentary: commentaries[row],
              row,
            }))
            .filter((_, row) => row !== dropRow),
          budget: template.budgetLines.map((l, row) => ({
            lineId: l.id,
            label: l.label,
            awarded: parseCell(budget[row][0]),
            spentToDate: parseCell(budget[row][1]),
            previousSpent: budget[row][2],
            commentary: "",
            row,
          })),
          overrides: [],
          history: [],
        };
        return { template, ret };
      }),
  );

  it("validateReturn never throws; every finding has a location and a message; twice gives the same", () => {
    fc.assert(
      fc.property(returnArb, ({ template, ret }) => {
        const first = validateReturn(ret, template);
        for (const f of first.findings) {
          expect(["KpiReturn", "BudgetReturn", "Metadata"]).toContain(f.location.table);
          expect(f.message.length).toBeGreaterThan(0);
          expect(f.ruleId).not.toBe("RULE-FAILED");
          // What the provider typed is quoted as typed; everything the engine wrote must be real numbers.
          expect(f.message.replace(/"[^"]*"/g, "")).not.toMatch(/NaN|undefined|Infinity/);
        }
        for (const fig of first.figures) {
          for (const v of Object.values(fig))
            if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
        }
        const second = validateReturn(ret, template);
        expect(second).toEqual(first);
      }),
      { numRuns: 500 },
    );
  });
});
