import * as fs from "fs";
import * as path from "path";
import { builtInTemplates, compareVersions, findTemplate } from "../../src/templates";
import { loadTemplate } from "../../src/core/template";

const dir = path.join(__dirname, "../../src/templates");

describe("built-in templates", () => {
  it("loads every JSON file in src/templates, and only those", () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(builtInTemplates.map((t) => `${t.id}.json`).sort()).toEqual(files.sort());
    expect(builtInTemplates.length).toBeGreaterThanOrEqual(20);
  });

  it("each file passes the loader on its own and keeps its id unique", () => {
    const ids = new Set<string>();
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".json"))) {
      const t = loadTemplate(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")), f);
      expect(ids.has(t.id)).toBe(false);
      ids.add(t.id);
    }
  });

  it("gives every KPI guidance for providers and every percent KPI a 0–1 range in fraction templates", () => {
    for (const t of builtInTemplates) {
      for (const k of t.kpis) {
        expect(k.guidance.length).toBeGreaterThan(20);
        if (k.unit === "percent" && t.percentScale === "fraction") expect(k.max ?? 1).toBeLessThanOrEqual(1);
      }
    }
  });

  it("names queries' template rules with a trailing Q", () => {
    for (const t of builtInTemplates) {
      for (const r of t.rules) expect(r.id.endsWith("Q")).toBe(r.severity === "query");
    }
  });

  it("finds templates by id and version", () => {
    expect(findTemplate("idva")?.title).toBe("West Mercia Women's Aid IDVA service");
    expect(findTemplate("idva", "1.0.0")?.id).toBe("idva");
    expect(findTemplate("idva", "9.9.9")).toBeUndefined();
    expect(findTemplate("nope")).toBeUndefined();
    expect(findTemplate("roadpeace")?.kpis.find((k) => k.id === "new-referrals")?.targetBasis).toBe("annual");
    expect(findTemplate("csp-budget")?.budgetLines.map((l) => l.id)).toEqual(["csp-grant"]);
  });

  it("orders versions numerically", () => {
    expect(compareVersions("1.10.0", "1.9.0")).toBeGreaterThan(0);
    expect(compareVersions("1.0.0", "1.0.0")).toBe(0);
    expect(compareVersions("0.9.9", "1.0.0")).toBeLessThan(0);
  });
});
