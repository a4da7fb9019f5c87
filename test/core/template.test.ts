import { UserError } from "../../src/core/errors";
import { loadTemplate } from "../../src/core/template";
import { DEFAULT_TOLERANCE } from "../../src/core/template-vocabulary";

/** A small valid template; each bad case changes one thing. */
function good(): Record<string, unknown> {
  return {
    id: "idva",
    version: "1.0.0",
    title: "IDVA",
    serviceArea: "Domestic Abuse",
    kpis: [
      { id: "referrals", label: "Referrals", unit: "count", guidance: "Count each person once." },
      { id: "engaged", label: "Engaged", unit: "count", guidance: "Of the referrals, those engaged." },
      {
        id: "c48",
        label: "% in 48h",
        unit: "percent",
        min: 0,
        max: 1,
        guidance: "Share contacted in 48 hours.",
      },
    ],
    rules: [
      { id: "ENGAGED-LE", kind: "compare", severity: "error", left: "engaged", op: "<=", right: "referrals" },
    ],
    budgetLines: [{ id: "grant", label: "Grant", profile: [0.2, 0.5, 0.8, 1] }],
  };
}

function loadError(json: unknown): string {
  try {
    loadTemplate(json, "idva.json");
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error("expected the template to be rejected");
}

describe("loadTemplate", () => {
  it("fills defaults", () => {
    const t = loadTemplate(good(), "idva.json");
    expect(t.tolerance).toEqual(DEFAULT_TOLERANCE);
    expect(t.percentScale).toBe("fraction");
    const referrals = t.kpis[0];
    expect(referrals).toMatchObject({ required: true, integer: true, higherIsBetter: true });
    expect(t.kpis[2].integer).toBe(false);
    expect(t.budgetLines[0].profile).toEqual([0.2, 0.5, 0.8, 1]);
  });

  it("merges a partial tolerance over the defaults", () => {
    const t = loadTemplate({ ...good(), tolerance: { periodPct: 15 } }, "x.json");
    expect(t.tolerance).toEqual({ ...DEFAULT_TOLERANCE, periodPct: 15 });
  });

  const cases: [string, (t: Record<string, unknown>) => unknown, string][] = [
    [
      "an unknown unit",
      (t) => ((t.kpis as Record<string, unknown>[])[0].unit = "people"),
      'Template "idva.json": KPI "referrals" has unknown unit "people" (expected count, percent, currency, number or days).',
    ],
    [
      "a duplicate KPI id",
      (t) => ((t.kpis as Record<string, unknown>[])[1].id = "referrals"),
      'KPI id "referrals" is used twice',
    ],
    [
      "a rule naming a missing KPI",
      (t) => ((t.rules as Record<string, unknown>[])[0].right = "referals"),
      'rule "ENGAGED-LE" names KPI "referals" in "right", but the template has no such KPI.',
    ],
    ["a bad version string", (t) => (t.version = "v1"), 'version "v1" is not a version number like "1.0.0".'],
    ["a missing title", (t) => delete t.title, 'the template is missing field "title".'],
    [
      "a missing KPI label",
      (t) => delete (t.kpis as Record<string, unknown>[])[0].label,
      'KPI "referrals" is missing field "label".',
    ],
    [
      "min above max",
      (t) => Object.assign((t.kpis as Record<string, unknown>[])[2], { min: 1, max: 0.5 }),
      'KPI "c48" has min 1 greater than max 0.5.',
    ],
    [
      "a profile that falls",
      (t) => ((t.budgetLines as Record<string, unknown>[])[0].profile = [0.5, 0.4, 0.8, 1]),
      'budget line "grant" has profile [0.5,0.4,0.8,1]',
    ],
    [
      "a profile not ending at 1",
      (t) => ((t.budgetLines as Record<string, unknown>[])[0].profile = [0.25, 0.5, 0.75, 0.9]),
      "ending at 1",
    ],
    [
      "a profile of three quarters",
      (t) => ((t.budgetLines as Record<string, unknown>[])[0].profile = [0.3, 0.6, 1]),
      "4 cumulative",
    ],
    [
      "an unknown severity",
      (t) => ((t.rules as Record<string, unknown>[])[0].severity = "warning"),
      'severity "warning"',
    ],
    [
      "an unknown rule kind",
      (t) => ((t.rules as Record<string, unknown>[])[0].kind = "formula"),
      'kind "formula"',
    ],
    ["an unknown operator", (t) => ((t.rules as Record<string, unknown>[])[0].op = "=>"), 'op "=>"'],
    ["no KPIs", (t) => (t.kpis = []), '"kpis" is empty'],
    ["a misspelt field", (t) => (t.kpi = []), 'unknown field "kpi"'],
    [
      "a non-boolean required",
      (t) => ((t.kpis as Record<string, unknown>[])[0].required = "yes"),
      '"required" must be true or false',
    ],
    ["an unknown tolerance", (t) => (t.tolerance = { periodPercent: 5 }), 'unknown field "periodPercent"'],
    [
      "a negative tolerance",
      (t) => (t.tolerance = { periodPct: -5 }),
      "periodPct must be a number of 0 or more",
    ],
    [
      "green beyond red",
      (t) => (t.tolerance = { targetGreenPct: 30, targetRedPct: 20 }),
      "targetGreenPct (30)",
    ],
    ["a bad percent scale", (t) => (t.percentScale = "percent"), 'percentScale "percent"'],
    ["an upper-case id", (t) => (t.id = "IDVA"), 'id "IDVA" must be lower-case'],
    [
      "a sum without parts",
      (t) => ((t.rules as unknown[])[0] = { id: "S", kind: "sum", severity: "error", total: "referrals" }),
      '"parts"',
    ],
  ];

  it.each(cases)("rejects %s with a readable message", (_name, spoil, expected) => {
    const t = good();
    spoil(t);
    const message = loadError(t);
    expect(message).toContain(expected);
    expect(message.startsWith('Template "idva.json": ')).toBe(true);
  });

  it("reports every problem at once, one per line", () => {
    const t = good();
    t.version = "1";
    (t.kpis as Record<string, unknown>[])[0].unit = "people";
    expect(loadError(t).split("\n")).toHaveLength(2);
  });

  it("keeps the report's wording (a KPI's phrase, the plan heading) as plain optional data that round-trips", () => {
    const json = good();
    json.planHeading = "Putting Victims and Survivors First";
    (json.kpis as Record<string, unknown>[])[0].phrase = "total referrals (hospital data included)";
    const t = loadTemplate(json, "idva.json");
    expect(t.planHeading).toBe("Putting Victims and Survivors First");
    expect(t.kpis[0].phrase).toBe("total referrals (hospital data included)");
    expect(t.kpis[1].phrase).toBeUndefined();
    expect("planHeading" in loadTemplate(good(), "idva.json")).toBe(false);
    // Written out as JSON and read again, nothing changes.
    expect(loadTemplate(JSON.parse(JSON.stringify(t)), "idva.json")).toEqual(t);
  });

  it.each([
    ["planHeading", (t: Record<string, unknown>) => (t.planHeading = "")],
    ["planHeading", (t: Record<string, unknown>) => (t.planHeading = "Two\nlines")],
    ["phrase", (t: Record<string, unknown>) => ((t.kpis as Record<string, unknown>[])[0].phrase = 7)],
    [
      "phrase",
      (t: Record<string, unknown>) => ((t.kpis as Record<string, unknown>[])[0].phrase = "x".repeat(121)),
    ],
  ])("refuses a bad %s, naming the field", (field, change) => {
    const t = good();
    change(t);
    expect(loadError(t)).toContain(`"${field}" must be`);
  });

  it.each([null, [], "idva", 42])("rejects %j as a whole", (json) => {
    expect(loadError(json)).toMatch(/^Template "idva.json": the file must hold one JSON object/);
  });
});
