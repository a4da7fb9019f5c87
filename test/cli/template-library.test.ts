/**
 * The KPI Templates list through the command line, against the emulator: provisioning, publish and its version rules,
 * retire, `templates`, new returns issued from the library, returns checked against their own version (retired or not),
 * the offline cache, and migration between versions.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { planProviderInput } from "../../src/workbook";
import { openXlsx } from "../../src/workbook/xlsx";
import { testIo, tempDir } from "./support";
import { closedPort } from "../support/emulator-graph";

const SITE = "emulator.sharepoint.local:/sites/commissioning";

describe("the KPI Templates library", () => {
  let emulator: RunningEmulator;
  let dir: string;
  let graph: string[];
  const run = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const io = testIo(dir);
    const code = await main(args, io);
    return { code, out: io.stdout(), err: io.stderr() };
  };

  /** The idva template workbook with some cells changed, saved as `name`. */
  async function idvaWorkbook(
    name: string,
    edits: Record<string, Record<string, ExcelJS.CellValue>>,
  ): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "idva.xlsx"));
    for (const [sheet, cells] of Object.entries(edits))
      for (const [cell, value] of Object.entries(cells)) wb.getWorksheet(sheet)!.getCell(cell).value = value;
    await wb.xlsx.writeFile(path.join(dir, name));
    return name;
  }
  /** A new KPI on the KPIs sheet's row 12 (the idva template has six, rows 6 to 11). */
  /** The KPIs sheet's row 11 emptied: the idva template's last KPI, yp-declined, removed. */
  const clearRow11 = Object.fromEntries([..."ABCDEFGHIJKLMNOPQRST"].map((c) => [`${c}11`, null]));
  const newKpi = {
    A12: "repeat-victims",
    B12: "Repeat victims",
    C12: "Victims referred again within 12 months.",
    D12: "count",
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    dir = tempDir("kpi-library-");
    graph = ["--site", SITE, "--graph-url", emulator.url];
    expect((await run(["template", "export", "idva", "-o", "idva.xlsx"])).code).toBe(0);
  });
  afterAll(async () => emulator.stop());

  it("provision creates the KPI Templates list with the other lists", async () => {
    const r = await run(["provision", ...graph]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("KPI Templates");
  });

  it("publishing a built-in template unchanged publishes nothing", async () => {
    const r = await run(["template", "publish", "idva.xlsx", ...graph, "--by", "Amira Khan"]);
    expect(r.code).toBe(ExitCode.ok);
    expect(r.out).toContain(
      "idva@1.0.0 is already built in, exactly as in this workbook: nothing to publish.",
    );
  });

  it("refuses a changed template under an existing version, and a version raised by too little", async () => {
    const same = await idvaWorkbook("same-version.xlsx", { KPIs: { B6: "Referrals received" } });
    let r = await run(["template", "publish", same, ...graph, "--by", "Amira Khan"]);
    expect(r.code).toBe(ExitCode.failed);
    expect(r.err).toContain("idva@1.0.0 is already built in, and a published version never changes");
    expect(r.err).toContain('KPI "referrals" label reworded');

    const patchForMinor = await idvaWorkbook("patch.xlsx", { Template: { B7: "1.0.1" }, KPIs: newKpi });
    r = await run(["template", "publish", patchForMinor, ...graph, "--by", "Amira Khan"]);
    expect(r.code).toBe(ExitCode.failed);
    expect(r.err).toContain(
      'Found a minor change from 1.0.0 (KPI "repeat-victims" added), so the version must be at least 1.1.0, not 1.0.1.',
    );
  });

  it("publishes a minor change, records who and the hash, and says which change it found", async () => {
    const minor = await idvaWorkbook("minor.xlsx", { Template: { B7: "1.1.0" }, KPIs: newKpi });
    const r = await run(["template", "publish", minor, ...graph, "--by", "Amira Khan"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(ExitCode.ok);
    expect(r.out).toBe(
      'Published idva@1.1.0 to the KPI Templates list, by Amira Khan. Found a minor change from 1.0.0 (KPI "repeat-victims" added).\n',
    );
    // Without --by the signed-in officer (GET /me) is recorded, as on a real site.
    const fresh = await idvaWorkbook("fresh.xlsx", { Template: { B6: "idva-pilot" } });
    const me = await run(["template", "publish", fresh, ...graph]);
    expect(me.out).toBe(
      "Published idva-pilot@1.0.0 to the KPI Templates list, by Demo Officer (demo.officer@commissioning.example). Found a new template.\n",
    );
    const again = await run(["template", "publish", minor, ...graph, "--by", "Amira Khan"]);
    expect(again.out).toContain("idva@1.1.0 is already published, exactly as in this workbook");
  });

  it("wants a major version for a removed or re-defined KPI, and a patch is enough for wording", async () => {
    const removed = await idvaWorkbook("removed.xlsx", {
      Template: { B7: "1.2.0" },
      KPIs: {
        ...newKpi,
        ...clearRow11,
      },
    });
    let r = await run(["template", "publish", removed, ...graph, "--by", "Amira Khan"]);
    expect(r.code).toBe(ExitCode.failed);
    expect(r.err).toContain('Found a major change from 1.1.0 (KPI "yp-declined" removed)');
    expect(r.err).toContain("the version must be at least 2.0.0, not 1.2.0");

    const patch = await idvaWorkbook("patch-ok.xlsx", {
      Template: { B7: "1.1.1" },
      KPIs: { ...newKpi, C12: "Victims referred again within 12 months of an earlier referral." },
    });
    r = await run(["template", "publish", patch, ...graph, "--by", "Amira Khan"]);
    expect(r.code).toBe(ExitCode.ok);
    expect(r.out).toContain('Found a patch change from 1.1.0 (KPI "repeat-victims" guidance reworded).');
  });

  it("--by is refused against a real site (the officer is whoever signed in)", async () => {
    const r = await run([
      "template",
      "publish",
      "minor.xlsx",
      "--site",
      SITE,
      "--graph-url",
      "https://graph.microsoft.com/v1.0",
      "--by",
      "Someone",
    ]);
    expect(r.code).toBe(ExitCode.badInput);
    expect(r.err.trim()).toBe(
      "kpi-returns: --by is accepted only against the emulator: against a tenant the officer is the account you sign in with, so leave --by out.",
    );
  });

  it("templates lists built-in and published versions with their source and status", async () => {
    const r = await run(["templates", "--json", ...graph]);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.out) as {
      id: string;
      version: string;
      source: string;
      status: string;
      publishedBy?: string;
    }[];
    const idva = listed
      .filter((t) => t.id === "idva")
      .map((t) => [t.version, t.source, t.status, t.publishedBy ?? ""]);
    expect(idva).toEqual([
      ["1.0.0", "built-in", "Built-in", ""],
      ["1.1.0", "library", "Published", "Amira Khan"],
      ["1.1.1", "library", "Published", "Amira Khan"],
    ]);
  });

  it("issues new returns with the latest published version, and checks each return against its own version", async () => {
    let r = await run([
      "new",
      "--template",
      "idva",
      "--provider",
      "West Mercia Women's Aid",
      "--period",
      "2022-23 Q2",
      "-o",
      "latest.xlsx",
      ...graph,
    ]);
    expect(r.code).toBe(0);
    const latest = await openXlsx(path.join(dir, "latest.xlsx"));
    expect(latest.snapshot().metadata?.templateVersion).toBe("1.1.1");
    r = await run([
      "new",
      "--template",
      "idva@1.1.0",
      "--provider",
      "West Mercia Women's Aid",
      "--period",
      "2022-23 Q2",
      "-o",
      "older.xlsx",
      ...graph,
    ]);
    expect(r.code).toBe(0);

    // Without the library the 1.1.x versions are unknown; with it each return is read by its own version.
    r = await run(["validate", "latest.xlsx", "--json"]);
    expect(r.out).toContain("TEMPLATE-UNKNOWN");
    r = await run(["validate", "latest.xlsx", "older.xlsx", "--json", ...graph]);
    const verdicts = JSON.parse(r.out) as { templateVersion: string; findings: { ruleId: string }[] }[];
    expect(verdicts.map((v) => v.templateVersion)).toEqual(["1.1.1", "1.1.0"]);
    for (const v of verdicts) expect(v.findings.map((f) => f.ruleId)).not.toContain("TEMPLATE-UNKNOWN");
    expect(verdicts[0].findings.some((f) => f.ruleId === "REQUIRED")).toBe(true);
  });

  it("issue, receive and approve work with a template from the library, as with a built-in one", async () => {
    await fs.writeFile(
      path.join(dir, "plan.json"),
      JSON.stringify([
        { provider: "Pilot Provider", email: "returns@pilot.example", template: "idva-pilot" },
      ]),
    );
    const officer = ["--by", "Amira Khan", ...graph];
    let r = await run([
      "issue",
      "--plan",
      "plan.json",
      "--period",
      "2022-23 Q3",
      "--due",
      "2023-01-14",
      "-o",
      "issued",
      ...officer,
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const file = path.join("issued", "Pilot Provider - idva-pilot.xlsx");
    const issued = await openXlsx(path.join(dir, file));
    expect(issued.snapshot().metadata).toMatchObject({ templateId: "idva-pilot", templateVersion: "1.0.0" });
    issued.apply(
      planProviderInput(issued.snapshot(), {
        kpis: {
          referrals: { actual: 120 },
          "contacted-48h": { actual: 0.95 },
          "contacted-72h": { actual: 0.98 },
          "ypidva-referrals": { actual: 20 },
          "yp-engaged": { actual: 15 },
          "yp-declined": { actual: 5 },
        },
        budget: {},
      }),
    );
    await issued.save(path.join(dir, file));
    r = await run(["receive", file, "--json", ...officer]);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("TEMPLATE-UNKNOWN");
    expect(JSON.parse(r.out)).toMatchObject([{ templateId: "idva-pilot", received: true }]);
    // The officer's decision reads the return by the library's version too.
    r = await run(["approve", file, ...officer]);
    expect(r.err).not.toContain("TEMPLATE-UNKNOWN");
    expect(r.code).toBe(0);
    expect((await openXlsx(path.join(dir, file))).snapshot().metadata?.status).toBe("approved");
  });

  it("retire stops new returns with a version, and returns already issued with it are still checked against it", async () => {
    let r = await run(["template", "retire", "idva@1.1.1", ...graph]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Retired idva@1.1.1");
    r = await run([
      "new",
      "--template",
      "idva@1.1.1",
      "--provider",
      "P",
      "--period",
      "2022-23 Q2",
      "-o",
      "x.xlsx",
      ...graph,
    ]);
    expect(r.code).toBe(ExitCode.badInput);
    expect(r.err).toContain("Template idva@1.1.1 is retired");
    r = await run([
      "new",
      "--template",
      "idva",
      "--provider",
      "P",
      "--period",
      "2022-23 Q2",
      "-o",
      "after-retire.xlsx",
      ...graph,
    ]);
    expect((await openXlsx(path.join(dir, "after-retire.xlsx"))).snapshot().metadata?.templateVersion).toBe(
      "1.1.0",
    );
    r = await run(["validate", "latest.xlsx", "--json", ...graph]);
    expect(r.out).not.toContain("TEMPLATE-UNKNOWN");
    r = await run(["template", "retire", "idva@1.0.0", ...graph]);
    expect(r.err).toContain("idva@1.0.0 is built into the add-in");
  });

  it("works offline from the cache, re-checking every cached template, and falls back to the built-ins", async () => {
    const offline = ["--site", SITE, "--graph-url", `http://127.0.0.1:${await closedPort()}/v1.0`];
    let r = await run(["templates", "--json", ...offline]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Could not reach Microsoft Graph.*Using the KPI Templates cached at/);
    expect(
      (JSON.parse(r.out) as { id: string; version: string }[])
        .filter((t) => t.id === "idva")
        .map((t) => t.version),
    ).toEqual(["1.0.0", "1.1.0", "1.1.1"]);

    // Someone edits the cache on disk: that template is refused (its hash no longer matches), nothing else changes.
    const cacheFile = path.join(dir, ".kpi-returns", "template-cache.json");
    const cache = JSON.parse(await fs.readFile(cacheFile, "utf8")) as {
      items: { version: string; json: string }[];
    };
    cache.items[0].json = cache.items[0].json.replace("Repeat victims", "<script>alert(1)</script>");
    await fs.writeFile(cacheFile, JSON.stringify(cache));
    r = await run(["templates", "--json", ...offline]);
    expect(r.err).toContain(
      `The KPI Templates item idva@${cache.items[0].version} is not used: its JSON no longer matches the hash`,
    );
    expect(r.out).not.toContain("<script>");

    await fs.writeFile(cacheFile, "{ not json");
    r = await run(["templates", ...offline]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("No cached KPI Templates either: using the built-in templates only.");
  });

  it("migrates a return not yet approved, carrying figures and listing what was added, removed and changed", async () => {
    // An idva 1.0.0 return with the seed's figures typed in.
    let r = await run([
      "new",
      "--template",
      "idva@1.0.0",
      "--provider",
      "West Mercia Women's Aid",
      "--period",
      "2022-23 Q2",
      "-o",
      "v1.xlsx",
      "--force",
    ]);
    expect(r.code).toBe(0);
    const wb = await openXlsx(path.join(dir, "v1.xlsx"));
    wb.apply(
      planProviderInput(wb.snapshot(), {
        kpis: {
          referrals: { actual: 492, commentary: "Hospital data included." },
          "yp-declined": { actual: 3 },
        },
      }),
    );
    await wb.save(path.join(dir, "v1.xlsx"));

    r = await run(["migrate", "v1.xlsx", "--to", "1.1.0", "-o", "v1-migrated.xlsx", "--json", ...graph]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as {
      carried: { id: string }[];
      added: { id: string }[];
      removed: unknown[];
      from: string;
      to: string;
    };
    expect([report.from, report.to]).toEqual(["1.0.0", "1.1.0"]);
    expect(report.added.map((a) => a.id)).toEqual(["repeat-victims"]);
    expect(report.removed).toEqual([]);
    expect(report.carried.map((c) => c.id)).toContain("referrals");
    const migrated = await openXlsx(path.join(dir, "v1-migrated.xlsx"));
    const kpis = migrated.snapshot().tables.find((t) => t.name === "KpiReturn")!;
    const row = kpis.values.find((v) => v[0] === "referrals")!;
    expect(row).toContain(492);
    expect(row).toContain("Hospital data included.");
    expect(migrated.snapshot().metadata?.templateVersion).toBe("1.1.0");
  });

  it("reports the figures a removed KPI drops, and never migrates an approved return", async () => {
    // A 2.0.0 without yp-declined.
    const major = await idvaWorkbook("major.xlsx", {
      Template: { B7: "2.0.0" },
      KPIs: {
        ...clearRow11,
      },
    });
    expect((await run(["template", "publish", major, ...graph, "--by", "Amira Khan"])).code).toBe(0);
    let r = await run(["migrate", "v1.xlsx", "--to", "2.0.0", "-o", "v2.xlsx", ...graph]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('KPI "yp-declined" (Young people declining the service): actual 3');
    expect(r.out).toContain("Carried over (6)");

    await fs.copyFile(path.join(dir, "v1-migrated.xlsx"), path.join(dir, "approved.xlsx"));
    const wb = await openXlsx(path.join(dir, "approved.xlsx"));
    const all: Record<string, { actual: number }> = {};
    for (const id of ["contacted-48h", "contacted-72h"]) all[id] = { actual: 0.9 };
    for (const id of ["referrals", "ypidva-referrals", "yp-engaged", "yp-declined", "repeat-victims"])
      all[id] = { actual: 4 };
    wb.apply(planProviderInput(wb.snapshot(), { kpis: all, budget: { grant: { spentToDate: 0 } } }));
    // The workbook's copy of an approval, as approve stamps it (the decision itself lives in the Return Register).
    wb.apply({
      ...planProviderInput(wb.snapshot(), {}),
      metadata: {
        status: "approved",
        approval: JSON.stringify({ by: "Amira Khan", at: "2022-10-20T10:00:00Z", hash: "stamped" }),
      },
    });
    await wb.save(path.join(dir, "approved.xlsx"));
    r = await run(["migrate", "approved.xlsx", "--to", "2.0.0", "-o", "nope.xlsx", ...graph]);
    expect(r.code).toBe(ExitCode.failed);
    expect(r.err).toContain(
      "approved and synced returns keep the template version they were approved with, and are never migrated",
    );
    await expect(fs.stat(path.join(dir, "nope.xlsx"))).rejects.toThrow();
  });
});
