/**
 * The task pane host reads the KPI Templates list (over HTTP, from the emulator), caches it on this computer, works
 * from the cache when the site cannot be reached, issues a return from a library version, and checks a return against
 * the exact version it was issued with, reading the library when it meets a version it does not know yet.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { EMULATOR_SITE } from "../../src/sharepoint/target";
import { main } from "../../src/cli/main";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { createExcelHost, type TemplateCacheStore } from "../../src/taskpane/excel-host";
import { officeWorkbook } from "../../src/taskpane/office-workbook";
import { loadTemplate } from "../../src/core/template";
import { findTemplate } from "../../src/templates";
import { submittedIdvaReturn } from "../support/excel-office";
import { FakeWorkbook } from "../support/fake-excel";
import { testIo, tempDir } from "../cli/support";
import { closedPort } from "../support/emulator-graph";

let emulator: RunningEmulator;
let search: string;
const dir = tempDir("kpi-pane-library-");

/** The idva 1.1.0 the library publishes (a KPI added), as the pane would load it. */
function idva110() {
  const idva = findTemplate("idva")!;
  return loadTemplate(
    {
      ...JSON.parse(JSON.stringify(idva)),
      version: "1.1.0",
      kpis: [
        ...idva.kpis,
        { id: "repeat-victims", label: "Repeat victims", unit: "count", guidance: "Victims referred again." },
      ],
    },
    "test",
  );
}

function memoryCache(): TemplateCacheStore & { text: string | null } {
  const store = {
    text: null as string | null,
    read: () => store.text,
    write: (t: string) => void (store.text = t),
  };
  return store;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  search = `?emulator=${encodeURIComponent(emulator.url)}`;
  const graph = ["--site", EMULATOR_SITE, "--graph-url", emulator.url];
  const run = async (args: string[]): Promise<number> => main(args, testIo(dir));
  expect(await run(["provision", ...graph])).toBe(0);
  expect(await run(["template", "export", "idva", "-o", "idva.xlsx"])).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, "idva.xlsx"));
  wb.getWorksheet("Template")!.getCell("B7").value = "1.1.0";
  const kpis = wb.getWorksheet("KPIs")!;
  Object.entries({
    A12: "repeat-victims",
    B12: "Repeat victims",
    C12: "Victims referred again.",
    D12: "count",
  }).forEach(([cell, value]) => (kpis.getCell(cell).value = value));
  await wb.xlsx.writeFile(path.join(dir, "idva-1.1.0.xlsx"));
  expect(await run(["template", "publish", "idva-1.1.0.xlsx", ...graph, "--by", "Amira Khan"])).toBe(0);
});
afterAll(async () => emulator.stop());

describe("the task pane host's template library", () => {
  it("lists built-in and published versions, and caches them", async () => {
    const cache = memoryCache();
    const host = createExcelHost({ workbook: officeWorkbook, search, templateCache: cache });
    const library = await host.templateLibrary!();
    expect(library.from).toBe("list");
    expect(library.notice).toBeNull();
    expect(
      library.entries
        .filter((e) => e.id === "idva")
        .map((e) => [e.version, e.source, e.status, e.publishedBy]),
    ).toEqual([
      ["1.0.0", "built-in", "Built-in", undefined],
      ["1.1.0", "library", "Published", "Amira Khan"],
    ]);
    expect(JSON.parse(cache.text ?? "{}")).toMatchObject({ site: EMULATOR_SITE });
  });

  it("works from the cache when the site cannot be reached, checking a return against its cached version", async () => {
    const cache = memoryCache();
    await createExcelHost({ workbook: officeWorkbook, search, templateCache: cache }).templateLibrary!();
    const offline = `?emulator=${encodeURIComponent(`http://127.0.0.1:${await closedPort()}`)}`;
    const host = createExcelHost({ workbook: officeWorkbook, search: offline, templateCache: cache });
    const library = await host.templateLibrary!();
    expect(library.from).toBe("cache");
    expect(library.notice).toMatch(
      /^Could not reach the local emulator at http:\/\/127\.0\.0\.1:\d+\/v1\.0\. Start it on this computer, then try again\. Showing the templates saved on this computer\.$/,
    );
    expect(library.entries.some((e) => e.id === "idva" && e.version === "1.1.0")).toBe(true);

    // Offline, a return issued with 1.1.0 is still checked against 1.1.0, from the cache.
    const uninstall = (await submittedIdvaReturn(idva110())).install();
    try {
      const check = await host.checkReturn();
      expect(check.template?.version).toBe("1.1.0");
      expect(check.findings.map((f) => f.ruleId)).not.toContain("TEMPLATE-UNKNOWN");
    } finally {
      uninstall();
    }
  });

  it("issues a new return with the library version asked for", async () => {
    const host = createExcelHost({ workbook: officeWorkbook, search, templateCache: memoryCache() });
    await host.templateLibrary!();
    const wb = new FakeWorkbook();
    const uninstall = wb.install();
    try {
      await host.createReturn({
        templateId: "idva",
        templateVersion: "1.1.0",
        provider: "West Mercia Women's Aid",
        period: "2022-23 Q2",
      });
      const check = await host.checkReturn();
      expect(check.ret?.templateVersion).toBe("1.1.0");
      expect(check.ret?.kpis.map((k) => k.kpiId)).toContain("repeat-victims");
      await expect(
        host.createReturn({
          templateId: "idva",
          templateVersion: "7.0.0",
          provider: "P",
          period: "2022-23 Q2",
        }),
      ).rejects.toThrow('There is no published template "idva@7.0.0". Choose one from the list.');
    } finally {
      uninstall();
    }
  });

  it("an edited cache is refused, item by item, leaving the built-in set", async () => {
    const cache = memoryCache();
    await createExcelHost({ workbook: officeWorkbook, search, templateCache: cache }).templateLibrary!();
    cache.text = (cache.text ?? "").replace("Repeat victims", "<img src=x onerror=alert(1)>");
    const offline = `?emulator=${encodeURIComponent(`http://127.0.0.1:${await closedPort()}`)}`;
    const library = await createExcelHost({ workbook: officeWorkbook, search: offline, templateCache: cache })
      .templateLibrary!();
    expect(library.entries.every((e) => e.source === "built-in")).toBe(true);
    expect(JSON.stringify(library)).not.toContain("onerror");
  });

  it("checks a return against the exact version it was issued with, reading the library the first time it meets it", async () => {
    const published = loadTemplate(
      {
        ...JSON.parse(JSON.stringify(findTemplate("idva"))),
        version: "1.1.0",
        kpis: [
          ...findTemplate("idva")!.kpis,
          {
            id: "repeat-victims",
            label: "Repeat victims",
            unit: "count",
            guidance: "Victims referred again.",
          },
        ],
      },
      "test",
    );
    const uninstall = (await submittedIdvaReturn(published)).install();
    try {
      const host = createExcelHost({ workbook: officeWorkbook, search, templateCache: memoryCache() });
      const check = await host.checkReturn();
      expect(check.ret?.templateVersion).toBe("1.1.0");
      expect(check.template?.version).toBe("1.1.0");
      expect(check.findings.map((f) => f.ruleId)).not.toContain("TEMPLATE-UNKNOWN");
    } finally {
      uninstall();
    }
  });
});
