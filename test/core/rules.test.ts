/**
 * Every rule fires on the returns its own file says break it, and stays quiet on the near ones it says do not: the
 * examples live in the rule files, so adding a rule adds its cases here.
 */
import { rules, ruleCatalogue } from "../../src/core/rules/catalogue";
import type { ReturnChange } from "../../src/core/rules/example-return";
import type { Rule } from "../../src/core/rules/rule";
import { validateReturn } from "../../src/core/validate";
import { parseCell } from "../../src/core/values";
import type { Finding, Return } from "../../src/core/types";
import { findTemplate } from "../../src/templates";
import { findSeedReturn, seedReturn } from "../../src/seed/q2-2022-23";
import { describeRuleExamples } from "../support/rule-example-suite";
import { exampleReturn as build, exampleTemplate as template } from "../support/rule-examples";

function findingsOf(change: ReturnChange): Finding[] {
  return [...validateReturn(build(change), template).findings];
}

const all: readonly Rule[] = rules;

describe("the clean example return", () => {
  it("raises nothing", () => {
    expect(findingsOf({})).toEqual([]);
  });
});

describeRuleExamples(all, {
  findingsOf,
  // A template rule's interpreter files its findings under the example template's rule.
  filedAs: (example) => example.templateRule,
  eachFinding(f, { column }) {
    // A finding names its KPI or line, unless it is about the return as a whole or a whole table.
    const whole = f.location.table === "Metadata" || (f.location.row === undefined && column === undefined);
    expect(f.kpiId ?? f.lineId ?? (whole ? "" : undefined)).toBeDefined();
  },
});

describe("rule ids are a typed union", () => {
  it("a finding naming a rule that does not exist does not compile (npm run typecheck fails if it does)", () => {
    const at = { table: "Metadata" } as const;
    // @ts-expect-error KPI-REQUIRED is no rule's id (REQUIRED is)
    const required: Finding = { ruleId: "KPI-REQUIRED", severity: "error", message: "", location: at };
    // @ts-expect-error VALUE-CLEANED is no rule's id (CLEANED is)
    const cleaned: Finding = { ruleId: "VALUE-CLEANED", severity: "info", message: "", location: at };
    const real: Finding = { ruleId: "CLEANED", severity: "info", message: "", location: at };
    expect([required, cleaned, real].map((f) => f.ruleId)).toEqual([
      "KPI-REQUIRED",
      "VALUE-CLEANED",
      "CLEANED",
    ]);
  });
});

describe("the catalogue", () => {
  it("ends query ids in Q and only query ids", () => {
    for (const { id, severity } of ruleCatalogue) {
      if (severity !== "template") expect(id.endsWith("-Q")).toBe(severity === "query");
    }
  });
});

describe("messages name the KPI and the numbers", () => {
  it("change against the previous quarter, in % with an en-GB minus", () => {
    const [f] = findingsOf({
      actual: { referrals: 1300 },
      previous: { referrals: 1500 },
      lastYear: { referrals: null },
      target: { referrals: null },
    });
    expect(f.message).toBe(
      "Referrals fell from 1,500 to 1,300 (−13.3%) against the previous quarter, beyond the 10% tolerance. Please amend, or explain the change in the Commentary column.",
    );
  });

  it("percent KPIs change in percentage points, not %", () => {
    const f = findingsOf({ actual: { rate: 0.86 } }).find((x) => x.ruleId === "PREV-CHANGE-Q")!;
    expect(f.message).toContain("rose from 80.0% to 86.0% (+6.0 percentage points)");
    expect(findingsOf({ actual: { rate: 0.84 } }).filter((x) => x.ruleId === "PREV-CHANGE-Q")).toEqual([]);
  });

  it("small bases swing without a query", () => {
    expect(
      findingsOf({
        actual: { referrals: 40, engaged: 0 },
        previous: { referrals: 19 },
        lastYear: { referrals: null },
        target: { referrals: null },
      }),
    ).toEqual([]);
  });

  it("needs BOTH the absolute and the % threshold", () => {
    // +10 people is 50%, but not more than the 10-person threshold.
    expect(
      findingsOf({
        actual: { referrals: 30, engaged: 0 },
        previous: { referrals: 20 },
        lastYear: { referrals: null },
        target: { referrals: null },
      }),
    ).toEqual([]);
    expect(
      findingsOf({
        actual: { referrals: 31, engaged: 0 },
        previous: { referrals: 20 },
        lastYear: { referrals: null },
        target: { referrals: null },
      }).map((f) => f.ruleId),
    ).toEqual(["PREV-CHANGE-Q"]);
  });

  it("the percent-scale slip is reported, never rescaled", () => {
    const v = validateReturn(build({ actual: { rate: 95.83 } }), template);
    const f = v.findings.find((x) => x.ruleId === "PERCENT-SCALE")!;
    expect(f.message).toContain(
      "is 95.83, which this return reads as 9,583.0%. If you meant 95.8%, type 95.83%",
    );
    expect(v.findings.some((x) => x.ruleId === "RANGE")).toBe(false);
    expect(v.figures.find((x) => x.kpiId === "rate")?.actual).toBe(95.83);
  });

  it("a budget overspend names both amounts", () => {
    const f = findingsOf({ spent: 1200 }).find((x) => x.ruleId === "BUDGET-OVERSPENT")!;
    expect(f.message).toBe(
      "Spent to date on Grant is £1,200, more than the £1,000 awarded (over by £200). Please amend.",
    );
    expect(f).toMatchObject({
      lineId: "grant",
      location: { table: "BudgetReturn", row: 0, column: "Spent to date" },
    });
  });

  it("Telford & Wrekin's '£135, 640' is read as £135,640, and the finding says so", () => {
    const template = findTemplate("csp-budget")!;
    const v = validateReturn(seedReturn(findSeedReturn("csp-budget", "Telford & Wrekin CSP")!), template);
    const f = v.findings.find((x) => x.ruleId === "CLEANED")!;
    expect(f.severity).toBe("info");
    expect(f.message).toContain('"£135, 640", and has been read as £135,640');
    expect(v.budget[0].spentToDate).toBe(135640);
  });

  it("IDVA: 72h below 48h breaks the template's own rule, by its id", () => {
    const template = findTemplate("idva")!;
    const ret = seedReturn(findSeedReturn("idva")!);
    const swapped = {
      ...ret,
      kpis: ret.kpis.map((k) => (k.kpiId === "contacted-72h" ? { ...k, actual: parseCell(0.9) } : k)),
    };
    const f = validateReturn(swapped, template).findings.find((x) => x.ruleId === "IDVA-72H-GE-48H")!;
    expect(f.severity).toBe("error");
    expect(f.message).toContain(
      "% of victims/survivors contacted within 72 hours (90.0%) should be at least % of victims/survivors contacted within 48 hours (95.8%)",
    );
  });
});

describe("a table missing altogether is reported once, not row by row", () => {
  const withoutKpis: Return = build({ missingTable: "KpiReturn" });
  const withoutBudget: Return = build({ missingTable: "BudgetReturn" });

  it("no KpiReturn table: one TABLE-MISSING error at the table, and no MISSING-KPI", () => {
    const v = validateReturn(withoutKpis, template);
    expect(v.findings.filter((f) => f.ruleId === "MISSING-KPI")).toEqual([]);
    const missing = v.findings.filter((f) => f.ruleId === "TABLE-MISSING");
    expect(missing).toEqual([
      expect.objectContaining({ severity: "error", location: { table: "KpiReturn" } }),
    ]);
    expect(missing[0].message).toContain(`none of its ${template.kpis.length} KPIs`);
    // The return still cannot be approved: its figures were never read.
    expect(v.approvable).toBe(false);
  });

  it("no BudgetReturn table: one TABLE-MISSING error, no MISSING-LINE, and its one line named so", () => {
    const v = validateReturn(withoutBudget, template);
    expect(v.findings.map((f) => f.ruleId)).toEqual(["TABLE-MISSING"]);
    expect(v.findings[0]).toMatchObject({ location: { table: "BudgetReturn" } });
    expect(v.findings[0].message).toContain("its budget line cannot be read");
    expect(v.approvable).toBe(false);
  });

  it("a Return built without missingTables still reports each missing row", () => {
    const v = validateReturn({ ...build(), kpis: [] }, template);
    expect(v.findings.filter((f) => f.ruleId === "MISSING-KPI")).toHaveLength(template.kpis.length);
    expect(v.findings.filter((f) => f.ruleId === "TABLE-MISSING")).toEqual([]);
  });

  it("naming the other table as missing leaves this table's rows checked one by one", () => {
    const v = validateReturn({ ...build({ dropKpi: "groups" }), missingTables: ["BudgetReturn"] }, template);
    expect(v.findings.filter((f) => f.ruleId === "MISSING-KPI").map((f) => f.kpiId)).toEqual(["groups"]);
    expect(v.findings.filter((f) => f.ruleId === "TABLE-MISSING")).toHaveLength(1);
  });
});
