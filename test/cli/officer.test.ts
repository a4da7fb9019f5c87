import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { readReturn } from "../../src/workbook";
import { openXlsx } from "../../src/workbook/xlsx";
import { builtInTemplates } from "../../src/templates";
import { approvalStillValid } from "../../src/core/approval";
import type { RegisterEntry } from "../../src/core/register";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { findSeedReturn } from "../../src/seed/q2-2022-23";
import { readRegisterEntry } from "../../src/sharepoint";
import { emulatorGraph } from "../support/emulator-graph";
import { testIo, errorLines } from "./support";
import { registerSeedReturns, seedReturnsFolder } from "./seed-files";

async function readBack(file: string) {
  const { ret } = readReturn((await openXlsx(file)).snapshot(), builtInTemplates);
  if (!ret) throw new Error(`${file} is not a return`);
  return ret;
}

describe("the officer's commands", () => {
  let dir: string;
  let emulator: RunningEmulator;
  let graph: string[];
  let site = 0;
  beforeAll(async () => {
    // A site per test, so each starts with a register of its own.
    emulator = await startEmulator({
      port: 0,
      sites: Array.from({ length: 30 }, (_, i) => `emulator.sharepoint.local:/sites/officer${i + 1}`),
    });
  });
  afterAll(() => emulator.stop());
  beforeEach(async () => {
    dir = await seedReturnsFolder(["victim-advice-line", "val.xlsx"], ["idva", "idva.xlsx"]);
    // A site of its own per test: the register's entries start as issued every time.
    graph = ["--site", `emulator.sharepoint.local:/sites/officer${(site += 1)}`, "--graph-url", emulator.url];
    await registerSeedReturns(graph, [findSeedReturn("victim-advice-line")!, findSeedReturn("idva")!]);
  });

  async function registerEntry(templateId: string): Promise<RegisterEntry> {
    const { client, target } = emulatorGraph(graph);
    const record = await readRegisterEntry(client, target, findSeedReturn(templateId)!);
    return record!.entry;
  }

  it("annotate writes a copy with the findings highlighted and leaves the original alone", async () => {
    const before = await fs.readFile(path.join(dir, "val.xlsx"));
    const io = testIo(dir);
    expect(await main(["annotate", "val.xlsx", "-o", "checked/val.xlsx"], io)).toBe(0);
    expect(io.stdout()).toContain(
      `Wrote ${path.join("checked", "val.xlsx")}: 0 errors, 1 query (1 unexplained)`,
    );
    expect(await fs.readFile(path.join(dir, "val.xlsx"))).toEqual(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "checked", "val.xlsx"));
    const notes: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const note = cell.note as string | { texts?: { text: string }[] } | undefined;
          if (note)
            notes.push(typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join(""));
        }),
      ),
    );
    expect(notes.some((n) => n.includes("PREV-CHANGE-Q"))).toBe(true);
    expect((await readBack(path.join(dir, "checked", "val.xlsx"))).provider).toBe("Victim Advice Line");
  });

  it("approve refuses while a query is unexplained, naming it, with exit 1", async () => {
    const io = testIo(dir);
    expect(await main(["approve", "val.xlsx", "--by", "A. Officer", ...graph], io)).toBe(ExitCode.failed);
    const lines = errorLines(io);
    expect(lines[0]).toBe(
      'kpi-returns: "val.xlsx": This return cannot be approved yet: 1 unexplained query. Errors must be fixed; each query needs a commentary from the provider or an override with a reason.',
    );
    expect(lines[1]).toMatch(/query PREV-CHANGE-Q at \S+!G\d+: Referrals fell from 4,441 to 3,834/);
    expect((await readBack(path.join(dir, "val.xlsx"))).status).toBe("draft");
    expect((await registerEntry("victim-advice-line")).status).toBe("Issued");
  });

  it("override records the officer's reason, and approve then writes the approval into the workbook", async () => {
    const kpi = "referrals";
    const o = testIo(dir);
    const override = [
      "override",
      "val.xlsx",
      "--rule",
      "PREV-CHANGE-Q",
      "--subject",
      kpi,
      "--reason",
      "IT outage in August",
      "--by",
      "A. Officer",
      ...graph,
    ];
    expect(await main(override, o)).toBe(0);
    expect(o.stdout()).toContain(
      "Recorded the override of PREV-CHANGE-Q on referrals in the Return Register and val.xlsx.",
    );
    expect((await registerEntry("victim-advice-line")).overrides).toEqual([
      expect.objectContaining({ ruleId: "PREV-CHANGE-Q", subject: kpi, by: "A. Officer" }),
    ]);
    const a = testIo(dir);
    expect(
      await main(["approve", "val.xlsx", "--by", "A. Officer", "--comment", "Checked", ...graph], a),
    ).toBe(0);
    expect(a.stdout()).toContain("Approved val.xlsx (by A. Officer), recorded in the Return Register.");
    const entry = await registerEntry("victim-advice-line");
    expect(entry.status).toBe("Approved");
    expect(entry.approval).toMatchObject({
      by: "A. Officer",
      upn: "a.officer@emulator.local",
    });
    expect(entry.history.at(-1)).toMatchObject({ to: "Approved", note: "Checked" });
    const ret = await readBack(path.join(dir, "val.xlsx"));
    expect(ret.status).toBe("approved");
    expect(ret.approval).toMatchObject({
      by: "A. Officer",
      comment: "Checked",
      at: "2022-11-01T09:30:00.000Z",
    });
    expect(approvalStillValid(ret)).toBe(true);
    expect(ret.overrides).toEqual([
      expect.objectContaining({ ruleId: "PREV-CHANGE-Q", subject: kpi, reason: "IT outage in August" }),
    ]);
    expect(ret.history.map((h) => h.to)).toEqual(["approved"]);
    expect(entry.approval?.hash).toBe(ret.approval?.hash);
  });

  it("override of a query the return does not have says which queries it has, with exit 2", async () => {
    const io = testIo(dir);
    const code = await main(
      [
        "override",
        "val.xlsx",
        "--rule",
        "TARGET-VARIANCE-Q",
        "--subject",
        "referrals",
        "--reason",
        "r",
        "--by",
        "A",
        ...graph,
      ],
      io,
    );
    expect(code).toBe(ExitCode.failed);
    expect(errorLines(io)).toEqual([
      'kpi-returns: "val.xlsx": This return has no query TARGET-VARIANCE-Q on "referrals". Its queries: PREV-CHANGE-Q on "referrals".',
    ]);
  });

  it("override without --subject on a KPI rule names the subjects that have that query", async () => {
    const io = testIo(dir);
    const args = [
      "override",
      "val.xlsx",
      "--rule",
      "PREV-CHANGE-Q",
      "--reason",
      "Known dip",
      "--by",
      "A. Officer",
      ...graph,
    ];
    expect(await main(args, io)).toBe(ExitCode.failed);
    expect(errorLines(io)).toEqual([
      'kpi-returns: "val.xlsx": This return has PREV-CHANGE-Q queries on "referrals": name the KPI or budget line (--subject) with one of them.',
    ]);
  });

  it("approve writes the approval to -o and leaves the original as it was", async () => {
    expect(
      await main(
        ["approve", "idva.xlsx", "--by", "A. Officer", "-o", "approved/idva.xlsx", ...graph],
        testIo(dir),
      ),
    ).toBe(0);
    expect((await readBack(path.join(dir, "approved", "idva.xlsx"))).status).toBe("approved");
    expect((await readBack(path.join(dir, "idva.xlsx"))).status).toBe("draft");
  });

  it.each([
    ["approve", ["--by", "A. Officer"]],
    ["return", ["--by", "A. Officer", "--reason", "Add YPIDVA figures"]],
    [
      "override",
      ["--rule", "PREV-CHANGE-Q", "--subject", "referrals", "--reason", "Known dip", "--by", "A. Officer"],
    ],
  ])(
    "%s -o onto an existing file refuses without --force and replaces it with --force",
    async (command, flags) => {
      const source = command === "override" ? "val.xlsx" : "idva.xlsx";
      const other = path.join(dir, "other.xlsx");
      await fs.writeFile(other, "keep me");
      const io = testIo(dir);
      expect(await main([command, source, ...flags, ...graph, "-o", "other.xlsx"], io)).toBe(
        ExitCode.badInput,
      );
      expect(errorLines(io)).toEqual([
        'kpi-returns: "other.xlsx" already exists. Use --force to replace it.',
      ]);
      expect(await fs.readFile(other, "utf8")).toBe("keep me");
      expect(
        await main([command, source, ...flags, ...graph, "-o", "other.xlsx", "--force"], testIo(dir)),
      ).toBe(0);
      expect((await readBack(other)).provider).toBe((await readBack(path.join(dir, source))).provider);
    },
  );

  it("-o naming the return itself needs no --force (the same as no -o)", async () => {
    expect(
      await main(["approve", "idva.xlsx", "--by", "A. Officer", "-o", "idva.xlsx", ...graph], testIo(dir)),
    ).toBe(0);
    expect((await readBack(path.join(dir, "idva.xlsx"))).status).toBe("approved");
  });

  it("return sends the return back with every reason", async () => {
    const io = testIo(dir);
    expect(
      await main(
        [
          "return",
          "idva.xlsx",
          "--by",
          "A. Officer",
          "--reason",
          "Add YPIDVA figures",
          "--reason",
          "Check 72h",
          ...graph,
        ],
        io,
      ),
    ).toBe(0);
    expect(io.stdout()).toContain("Returned idva.xlsx to the provider (2 reasons).");
    const ret = await readBack(path.join(dir, "idva.xlsx"));
    expect(ret.status).toBe("returned");
    expect(ret.returnedReasons).toEqual(["Add YPIDVA figures", "Check 72h"]);
    expect((await registerEntry("idva")).returnedReasons).toEqual(["Add YPIDVA figures", "Check 72h"]);
  });

  it("override --withdraw takes the override back out of the register, so the query stands again", async () => {
    const flags = ["--rule", "PREV-CHANGE-Q", "--subject", "referrals", "--by", "A. Officer", ...graph];
    expect(await main(["override", "val.xlsx", ...flags, "--reason", "Known dip"], testIo(dir))).toBe(0);
    const w = testIo(dir);
    expect(await main(["override", "val.xlsx", ...flags, "--withdraw"], w)).toBe(0);
    expect(w.stdout()).toContain("Withdrew the override of PREV-CHANGE-Q on referrals");
    expect((await registerEntry("victim-advice-line")).overrides).toEqual([]);
    expect(await main(["approve", "val.xlsx", "--by", "A. Officer", ...graph], testIo(dir))).toBe(
      ExitCode.failed,
    );
  });

  it("--by is refused against a tenant: the officer is the signed-in account", async () => {
    const io = testIo(dir, { GRAPH_TOKEN: "x" });
    const tenant = [
      "--site",
      "contoso.sharepoint.com:/sites/c",
      "--graph-url",
      "https://graph.microsoft.com/v1.0",
    ];
    expect(await main(["approve", "idva.xlsx", "--by", "Anyone", ...tenant], io)).toBe(ExitCode.badInput);
    expect(errorLines(io)).toEqual([
      "kpi-returns: --by is accepted only against the emulator: against a tenant the officer is the account you sign in with, so leave --by out.",
    ]);
  });

  it("without --by against the emulator, the officer is who GET /me says is signed in", async () => {
    const o = testIo(dir);
    expect(await main(["return", "idva.xlsx", "--reason", "Add YPIDVA figures", ...graph], o)).toBe(0);
    expect((await registerEntry("idva")).history.at(-1)).toMatchObject({
      by: "Demo Officer",
      to: "Returned",
    });
  });
});
