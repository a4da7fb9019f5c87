import { findTemplate } from "../../src/templates";
import { numberOf } from "../../src/core/values";
import { findSeedReturn, seedReturn, seedReturns, seedSetup } from "../../src/seed/q2-2022-23";
import { seedCspReturns, seedCspTotals } from "../support/seed-totals";

describe("the Q2 2022/23 seed", () => {
  it("names only built-in templates, and only their KPI and budget line ids", () => {
    for (const entry of seedReturns) {
      const template = findTemplate(entry.templateId);
      expect(template).toBeDefined();
      const kpiIds = new Set(template?.kpis.map((k) => k.id));
      const lineIds = new Set(template?.budgetLines.map((l) => l.id));
      for (const id of [
        ...Object.keys(entry.input.kpis),
        ...Object.keys(entry.targets),
        ...Object.keys(entry.previous),
        ...Object.keys(entry.lastYear),
        ...Object.keys(entry.queryAnswers ?? {}),
      ]) {
        expect(kpiIds.has(id) ? id : `${entry.templateId}: unknown KPI ${id}`).toBe(id);
      }
      for (const id of [...Object.keys(entry.input.budget), ...Object.keys(entry.awarded)]) {
        expect(lineIds.has(id) ? id : `${entry.templateId}: unknown line ${id}`).toBe(id);
      }
    }
  });

  it("covers every built-in template", () => {
    const used = new Set(seedReturns.map((r) => r.templateId));
    expect([...used].sort()).toEqual(
      expect.arrayContaining(["idva", "victim-advice-line", "csp-budget", "roadpeace"]),
    );
    expect(used.size).toBeGreaterThanOrEqual(20);
  });

  it("holds the five CSPs with the report's awards, and the Telford slip as typed", () => {
    expect(seedCspReturns.map((r) => r.area)).toEqual([
      "Shropshire",
      "Herefordshire",
      "Telford & Wrekin",
      "South Worcestershire",
      "North Worcestershire",
    ]);
    expect(seedCspTotals()).toEqual({ awarded: 636541, spent: 515579 });
    expect(findSeedReturn("csp-budget", "Telford & Wrekin CSP")?.input.budget["csp-grant"].spentToDate).toBe(
      "£135, 640",
    );
  });

  it("builds a Return in template order, with every cell parsed", () => {
    const ret = seedReturn(findSeedReturn("idva")!);
    expect(ret.kpis.map((k) => k.kpiId)).toEqual(findTemplate("idva")!.kpis.map((k) => k.id));
    expect(ret.kpis.map((k) => k.row)).toEqual(ret.kpis.map((_, i) => i));
    expect(numberOf(ret.kpis[0].actual)).toBe(492);
    expect(numberOf(ret.kpis[0].lastYear)).toBe(465);
    expect(ret.kpis[1].actual).toMatchObject({ kind: "number", value: 0.9583, cleaned: true });
    expect(ret.status).toBe("draft");
  });

  it("adds the provider's answer to a query as commentary when asked", () => {
    const val = findSeedReturn("victim-advice-line")!;
    expect(seedReturn(val).kpis[0].commentary).toBe("");
    expect(seedReturn(val, { answerQueries: true }).kpis[0].commentary).toMatch(/historical patterns/);
  });

  it("gives the workbook layer a setup it can use directly", () => {
    const setup = seedSetup(findSeedReturn("roadpeace")!);
    expect(setup.template.id).toBe("roadpeace");
    expect(setup.targets).toEqual({ "new-referrals": 60 });
    expect(setup.period).toBe("2022-23 Q2");
  });
});
