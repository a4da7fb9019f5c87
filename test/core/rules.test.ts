/** Each rule in the catalogue fires on a return made to break it, and stays quiet on a clean one. */
import { loadTemplate } from "../../src/core/template";
import { ruleCatalogue } from "../../src/core/rules/catalogue";
import { figuresHash } from "../../src/core/approval";
import { validateReturn } from "../../src/core/validate";
import { parseCell } from "../../src/core/values";
import type { BudgetEntry, CellInput, Finding, KpiEntry, Return, Severity } from "../../src/core/types";
import { findTemplate } from "../../src/templates";
import { findSeedReturn, seedReturn } from "../../src/seed/q2-2022-23";

const template = loadTemplate(
  {
    id: "test",
    version: "1.0.0",
    title: "Test service",
    serviceArea: "Tests",
    kpis: [
      { id: "referrals", label: "Referrals", unit: "count", min: 0, guidance: "Count each person once." },
      { id: "engaged", label: "Engaged", unit: "count", min: 0, guidance: "Of the referrals." },
      { id: "rate", label: "Contact rate", unit: "percent", min: 0, max: 1, guidance: "A share." },
      { id: "change", label: "Change in reports", unit: "percent", min: -1, guidance: "Signed." },
      { id: "a", label: "Part A", unit: "count", guidance: "A part." },
      { id: "b", label: "Part B", unit: "count", guidance: "A part." },
      { id: "total", label: "Total", unit: "count", guidance: "A + B." },
      { id: "groups", label: "Groups", unit: "count", allowedValues: [1, 2, 3], guidance: "One to three." },
      { id: "optional", label: "Optional", unit: "count", required: false, guidance: "If known." },
    ],
    rules: [
      { id: "ENGAGED-LE", kind: "compare", severity: "error", left: "engaged", op: "<=", right: "referrals" },
      { id: "TOTAL-SUMQ", kind: "sum", severity: "query", parts: ["a", "b"], total: "total" },
    ],
    budgetLines: [{ id: "grant", label: "Grant" }],
  },
  "test.json",
);

interface Spec {
  actual?: Record<string, CellInput>;
  target?: Record<string, CellInput>;
  previous?: Record<string, CellInput>;
  lastYear?: Record<string, CellInput>;
  commentary?: Record<string, string>;
  label?: Record<string, string>;
  awarded?: CellInput;
  spent?: CellInput;
  previousSpent?: number | null;
  budgetCommentary?: string;
  period?: string;
  templateVersion?: string;
  dropKpi?: string;
  addKpi?: string;
  duplicateKpi?: string;
  dropLine?: boolean;
  addLine?: string;
  /** Marks the return approved, with the approval's hash taken over the return this other spec builds. */
  approvedWith?: Spec;
}

const BASE: Record<string, CellInput> = {
  referrals: 100,
  engaged: 50,
  rate: 0.8,
  change: 0.1,
  a: 10,
  b: 20,
  total: 30,
  groups: 2,
  optional: null,
};

function build(spec: Spec = {}): Return {
  const actual = { ...BASE, ...spec.actual };
  const ref = (m: Record<string, CellInput> | undefined, id: string, d: CellInput): KpiEntry["target"] =>
    parseCell(m && id in m ? m[id] : d);
  let kpis: KpiEntry[] = template.kpis
    .filter((k) => k.id !== spec.dropKpi)
    .map((k, row) => ({
      kpiId: k.id,
      label: spec.label?.[k.id] ?? k.label,
      actual: parseCell(actual[k.id]),
      target: ref(spec.target, k.id, k.id === "referrals" ? 100 : null),
      previous: ref(spec.previous, k.id, k.id === "referrals" ? 100 : k.id === "rate" ? 0.8 : null),
      lastYear: ref(spec.lastYear, k.id, k.id === "referrals" ? 100 : null),
      commentary: spec.commentary?.[k.id] ?? "",
      row,
    }));
  if (spec.addKpi) {
    kpis = [...kpis, { ...kpis[0], kpiId: spec.addKpi, label: "Extra", row: kpis.length }];
  }
  if (spec.duplicateKpi) {
    const dup = kpis.find((k) => k.kpiId === spec.duplicateKpi)!;
    kpis = [...kpis, { ...dup, row: kpis.length }];
  }
  const line: BudgetEntry = {
    lineId: "grant",
    label: "Grant",
    awarded: parseCell(spec.awarded === undefined ? 1000 : spec.awarded),
    spentToDate: parseCell(spec.spent === undefined ? 500 : spec.spent),
    previousSpent: spec.previousSpent === undefined ? 200 : spec.previousSpent,
    commentary: spec.budgetCommentary ?? "",
    row: 0,
  };
  let budget: BudgetEntry[] = spec.dropLine ? [] : [line];
  if (spec.addLine) budget = [...budget, { ...line, lineId: spec.addLine, row: budget.length }];
  const ret: Return = {
    templateId: "test",
    templateVersion: spec.templateVersion ?? "1.0.0",
    provider: "Test provider",
    period: spec.period ?? "2022-23 Q2",
    status: "submitted",
    kpis,
    budget,
    overrides: [],
    history: [],
  };
  if (!spec.approvedWith) return ret;
  const approval = {
    by: "Dana Officer",
    at: "2022-10-20T10:00:00Z",
    hash: figuresHash(build(spec.approvedWith)),
  };
  return { ...ret, status: "approved", approval };
}

function findingsOf(spec: Spec): Finding[] {
  return [...validateReturn(build(spec), template).findings];
}

/** Rule id → [severity, a spec that breaks it, a near spec that does not, expected location column]. */
const cases: Record<string, [Severity, Spec, Spec, string | undefined]> = {
  "TEMPLATE-VERSION": ["error", { templateVersion: "0.9.0" }, { templateVersion: "1.0.0" }, "Template"],
  PERIOD: ["error", { period: "2022/23 Q2" }, { period: "2022-23 q2" }, "Period"],
  "APPROVAL-VOID": [
    "info",
    { approvedWith: {}, actual: { referrals: 101 } },
    { approvedWith: { actual: { referrals: 100 } } },
    undefined,
  ],
  "MISSING-KPI": ["error", { dropKpi: "groups" }, {}, "KPI ID"],
  "UNKNOWN-KPI": ["error", { addKpi: "extra" }, {}, "KPI ID"],
  "DUPLICATE-ROW": ["error", { duplicateKpi: "referrals" }, {}, "KPI ID"],
  "LABEL-CHANGED": ["info", { label: { referrals: "Refs" } }, { label: { referrals: "Referrals " } }, "KPI"],
  REQUIRED: ["error", { actual: { referrals: null } }, { actual: { referrals: 0, engaged: 0 } }, "Actual"],
  TYPE: ["error", { actual: { referrals: "lots" } }, { actual: { referrals: "100" } }, "Actual"],
  "EXCEL-ERROR": ["error", { actual: { referrals: "#DIV/0!" } }, { actual: { referrals: "N/A" } }, "Actual"],
  INTEGER: ["error", { actual: { referrals: 99.5 } }, { actual: { rate: 0.805 } }, "Actual"],
  RANGE: ["error", { actual: { referrals: -1 } }, { actual: { referrals: 0, engaged: 0 } }, "Actual"],
  "ALLOWED-VALUES": ["error", { actual: { groups: 4 } }, { actual: { groups: 3 } }, "Actual"],
  "PERCENT-SCALE": ["error", { actual: { rate: 80 } }, { actual: { rate: "80%" } }, "Actual"],
  "PERCENT-SCALE-Q": ["query", { actual: { change: 17.6 } }, { actual: { change: 0.176 } }, "Actual"],
  "REFERENCE-TYPE": ["error", { target: { referrals: "abc" } }, { target: { referrals: null } }, "Target"],
  CLEANED: ["info", { actual: { referrals: " 100 " } }, { actual: { referrals: 100 } }, "Actual"],
  "MISSING-CODE": ["info", { actual: { optional: "N/A" } }, { actual: { optional: 0 } }, "Actual"],
  "MISSING-CODE-Q": [
    "query",
    { actual: { groups: "not collected" } },
    { actual: { optional: "not collected" } },
    "Actual",
  ],
  "ENGAGED-LE": ["error", { actual: { engaged: 101 } }, { actual: { engaged: 100 } }, "Actual"],
  "TOTAL-SUMQ": ["query", { actual: { total: 31 } }, { actual: { a: 11, total: 31 } }, "Actual"],
  "PREV-CHANGE-Q": [
    "query",
    { actual: { referrals: 111 }, lastYear: { referrals: null } },
    { actual: { referrals: 110 } },
    "Actual",
  ],
  "LAST-YEAR-CHANGE-Q": [
    "query",
    { actual: { referrals: 111 }, previous: { referrals: null } },
    { actual: { referrals: 111 }, lastYear: { referrals: 15 }, previous: { referrals: null } },
    "Actual",
  ],
  "TARGET-VARIANCE-Q": [
    "query",
    { actual: { referrals: 89 }, previous: { referrals: null }, lastYear: { referrals: null } },
    { actual: { referrals: 90 } },
    "Actual",
  ],
  "MISSING-LINE": ["error", { dropLine: true }, {}, "Line ID"],
  "UNKNOWN-LINE": ["error", { addLine: "other" }, {}, "Line ID"],
  "BUDGET-REQUIRED": ["error", { spent: null }, { spent: 0, previousSpent: 0, awarded: 0 }, "Spent to date"],
  "BUDGET-TYPE": ["error", { spent: "not known" }, { spent: "£500" }, "Spent to date"],
  "BUDGET-RANGE": ["error", { spent: -5, previousSpent: null }, { spent: 500 }, "Spent to date"],
  "BUDGET-NO-AWARD": ["info", { awarded: null }, { awarded: null, spent: null }, "Awarded"],
  "BUDGET-OVERSPENT": [
    "error",
    { spent: 1001 },
    { spent: 1000, budgetCommentary: "Spent early" },
    "Spent to date",
  ],
  "BUDGET-BELOW-PREVIOUS-Q": [
    "query",
    { spent: 450, previousSpent: 460 },
    { spent: 460, previousSpent: 460 },
    "Spent to date",
  ],
  "BUDGET-PROFILE-Q": ["query", { spent: 601 }, { spent: 600 }, "Spent to date"],
};

describe("the clean return", () => {
  it("raises nothing", () => {
    expect(findingsOf({})).toEqual([]);
  });
});

describe.each(Object.entries(cases))("%s", (ruleId, [severity, fires, quiet, column]) => {
  it("fires when broken, with its severity and a location", () => {
    const hits = findingsOf(fires).filter((f) => f.ruleId === ruleId);
    expect(hits.length).toBeGreaterThanOrEqual(1);
    for (const f of hits) {
      expect(f.severity).toBe(severity);
      expect(f.location.column).toBe(column);
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.kpiId ?? f.lineId ?? (f.location.table === "Metadata" ? "" : undefined)).toBeDefined();
    }
  });
  it("stays quiet just short of it", () => {
    expect(findingsOf(quiet).filter((f) => f.ruleId === ruleId)).toEqual([]);
  });
});

describe("the catalogue", () => {
  it("has a test case for every rule (template interpreters through their template rules)", () => {
    const tested = new Set(Object.keys(cases));
    for (const { id, severity } of ruleCatalogue) {
      if (severity === "template") continue;
      expect(tested.has(id) ? id : `no test case for ${id}`).toBe(id);
    }
  });

  it("ends query ids in Q and only query ids", () => {
    for (const { id, severity } of ruleCatalogue) {
      if (severity !== "template") expect(id.endsWith("-Q")).toBe(severity === "query");
    }
  });

  it("has unique ids and a description for each", () => {
    expect(new Set(ruleCatalogue.map((r) => r.id)).size).toBe(ruleCatalogue.length);
    for (const r of ruleCatalogue) expect(r.description.length).toBeGreaterThan(30);
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
  const withoutKpis: Return = { ...build(), kpis: [], missingTables: ["KpiReturn"] };
  const withoutBudget: Return = { ...build({ dropLine: true }), missingTables: ["BudgetReturn"] };

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
