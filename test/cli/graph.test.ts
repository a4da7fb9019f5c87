import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { findSeedReturn } from "../../src/seed/q2-2022-23";
import { seedCspReturns, seedCspTotals } from "../support/seed-totals";
import { testIo, tempDir, errorLines } from "./support";
import { registerSeedReturns, writeApprovedCspReturns, writeSeedReturn } from "./seed-files";
import { closedPort } from "../support/emulator-graph";

const SITE = "emulator.sharepoint.local:/sites/commissioning";

describe("sync, provision and report against the emulator", () => {
  let emulator: RunningEmulator;
  let dir: string;
  let graph: string[];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    dir = tempDir();
    graph = ["--site", SITE, "--graph-url", emulator.url];
    await writeApprovedCspReturns(dir, graph);
    await writeSeedReturn(dir, "victim-advice-line", "unapproved/val.xlsx");
    await registerSeedReturns(graph, [findSeedReturn("victim-advice-line")!]);
  });
  afterAll(async () => emulator.stop());

  it("provision creates the lists", async () => {
    const io = testIo(dir);
    expect(await main(["provision", ...graph], io)).toBe(0);
    expect(io.stdout()).toContain("KPI Returns");
    expect(io.stdout()).toContain("Budget Returns");
  });

  it("sync --dry-run plans the creates and writes nothing", async () => {
    emulator.resetStats();
    const io = testIo(dir);
    expect(await main(["sync", "returns", "--dry-run", ...graph], io)).toBe(0);
    expect(io.stdout()).toContain(`Dry run, nothing written: would create ${seedCspReturns.length * 2}`);
    expect(emulator.stats().itemsCreated).toBe(0);
  });

  it("sync --json writes every approved figure, and marks the workbooks synced", async () => {
    const io = testIo(dir);
    expect(await main(["sync", "returns/*.xlsx", "--json", "--by", "Finance Bot", ...graph], io)).toBe(0);
    const result = JSON.parse(io.stdout()) as { totals: Record<string, number>; returns: unknown[] };
    expect(result.returns).toHaveLength(seedCspReturns.length);
    expect(result.totals).toMatchObject({ conflict: 0, failed: 0, refused: 0 });
    expect(result.totals.create).toBe(emulator.stats().itemsCreated);
    const v = testIo(dir);
    await main(["validate", "returns", "--json"], v);
    expect((JSON.parse(v.stdout()) as { status: string }[]).every((r) => r.status === "synced")).toBe(true);
  });

  it("a second sync of the same figures writes nothing", async () => {
    emulator.resetStats();
    const io = testIo(dir);
    expect(await main(["sync", "returns", ...graph], io)).toBe(0);
    expect(emulator.stats().writes).toBe(0);
    expect(io.stdout()).toMatch(/Created 0, updated 0, unchanged \d+; 0 conflicts/);
  });

  it("sync refuses an unapproved return, writes nothing for it, and exits 1", async () => {
    emulator.resetStats();
    const io = testIo(dir);
    expect(await main(["sync", "unapproved/val.xlsx", ...graph], io)).toBe(ExitCode.failed);
    expect(io.stdout()).toMatch(/not approved/);
    expect(io.stdout()).toMatch(/; 0 conflicts, 0 failed, 1 return refused\.$/m);
    expect(emulator.stats().itemsCreated).toBe(0);
  });

  it("report writes the HTML and the xlsx from the lists, with the seed's CSP figures", async () => {
    const html = testIo(dir);
    expect(await main(["report", "--period", "2022-23 Q2", ...graph, "-o", "out/report.html"], html)).toBe(0);
    expect(html.stdout()).toContain(`${seedCspReturns.length} returns`);
    const page = await fs.readFile(path.join(dir, "out", "report.html"), "utf8");
    const { awarded, spent } = seedCspTotals();
    expect(awarded).toBe(636541);
    expect(spent).toBe(515579);
    expect(page).toContain("The five CSPs were awarded £636,541 and have spent £515,579: 81.0% utilisation.");
    for (const [csp, pct] of [
      ["Shropshire", "51.0%"],
      ["Herefordshire", "88.1%"],
      ["Telford &amp; Wrekin", "85.3%"],
      ["South Worcestershire", "100.0%"],
      ["North Worcestershire", "73.1%"],
    ]) {
      expect(page).toContain(`${csp} CSP ${pct}`);
    }

    const xlsx = testIo(dir);
    expect(await main(["report", "--period", "2022-23 Q2", ...graph, "-o", "out/report.xlsx"], xlsx)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "out", "report.xlsx"));
    const rows = wb.getWorksheet("Budget data")!.getSheetValues().slice(2) as unknown[][];
    const awardedTotal = rows.reduce((sum, r) => sum + Number(r[7]), 0);
    const spentTotal = rows.reduce((sum, r) => sum + Number(r[8]), 0);
    expect([awardedTotal, spentTotal]).toEqual([636541, 515579]);
  });

  it("report --format docx writes the Word report from the lists, and --docx-base says what it kept", async () => {
    const first = testIo(dir);
    expect(
      await main(
        ["report", "--period", "2022-23 Q2", ...graph, "--format", "docx", "-o", "out/draft.docx"],
        first,
      ),
    ).toBe(0);
    const document = await (
      await JSZip.loadAsync(await fs.readFile(path.join(dir, "out", "draft.docx")))
    )
      .file("word/document.xml")!
      .async("string");
    expect(document).toContain("awarded a combined total of £636,541");
    const again = testIo(dir);
    expect(
      await main(
        [
          "report",
          "--period",
          "2022-23 Q2",
          ...graph,
          "--format",
          "docx",
          "--docx-base",
          "out/draft.docx",
          "-o",
          "out/next.docx",
        ],
        again,
      ),
    ).toBe(0);
    expect(again.stdout()).toContain(
      "No paragraph of out/draft.docx was rewritten by the officer: every paragraph is drafted afresh.",
    );
    const wrong = testIo(dir);
    expect(
      await main(
        ["report", "--period", "2022-23 Q2", ...graph, "--docx-base", "out/draft.docx", "-o", "out/r.html"],
        wrong,
      ),
    ).toBe(ExitCode.badInput);
    expect(errorLines(wrong)[0]).toContain("--docx-base keeps paragraphs of a Word report");
    const missing = testIo(dir);
    expect(
      await main(
        ["report", "--period", "2022-23 Q2", ...graph, "--docx-base", "out/none.docx", "-o", "out/n.docx"],
        missing,
      ),
    ).toBe(ExitCode.badInput);
    expect(errorLines(missing)).toEqual(['kpi-returns: The previous draft "out/none.docx" does not exist.']);
  });

  it("report for a quarter the lists hold nothing for warns in a sentence that starts with a capital", async () => {
    const io = testIo(dir);
    expect(await main(["report", "--period", "2019-20 Q1", ...graph, "-o", "out/empty.html"], io)).toBe(0);
    expect(errorLines(io)).toEqual([
      `kpi-returns: The lists on ${SITE} hold no approved returns for 2019-20 Q1; the report is empty.`,
    ]);
  });

  it("report refuses a file type it cannot write, and a wrong period, with exit 2", async () => {
    const a = testIo(dir);
    expect(await main(["report", "--period", "2022-23 Q2", ...graph, "-o", "report.pdf"], a)).toBe(
      ExitCode.badInput,
    );
    expect(errorLines(a)).toEqual([
      'kpi-returns: The report "report.pdf" must be an .xlsx, an .html or a .docx file.',
    ]);
    const b = testIo(dir);
    expect(await main(["report", "--period", "Q2 2022", ...graph, "-o", "r.html"], b)).toBe(
      ExitCode.badInput,
    );
    expect(errorLines(b)[0]).toContain('Period "Q2 2022" is not in the form "2022-23 Q2"');
  });

  it("says plainly when the emulator is down, with exit 3", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/v1.0`;
    for (const args of [
      ["sync", "returns", "--site", SITE, "--graph-url", url],
      ["report", "--period", "2022-23 Q2", "--site", SITE, "--graph-url", url, "-o", "down.html"],
      ["provision", "--site", SITE, "--graph-url", url],
    ]) {
      const io = testIo(dir);
      expect(await main(args, io)).toBe(ExitCode.unreachable);
      expect(errorLines(io)).toEqual([
        `kpi-returns: Could not reach Microsoft Graph at ${url} — is the emulator running? Start it with \`npx kpi-returns emulator --port ${port}\`.`,
      ]);
    }
  });

  it("against a real tenant with no GRAPH_TOKEN and no app registration, says how to sign in, before any request", async () => {
    const io = testIo(dir, {});
    const code = await main(["sync", "returns", "--site", "contoso.sharepoint.com:/sites/commissioning"], io);
    expect(code).toBe(ExitCode.badInput);
    expect(errorLines(io)).toHaveLength(1);
    expect(errorLines(io)[0]).toMatch(/^kpi-returns: No way to sign in to Microsoft Graph: set GRAPH_TOKEN/);
  });

  it("refuses plain http to anywhere but this machine, so a token never crosses the network in clear", async () => {
    const io = testIo(dir);
    expect(
      await main(["sync", "returns", "--site", SITE, "--graph-url", "http://graph.example.org/v1.0"], io),
    ).toBe(ExitCode.badInput);
    expect(errorLines(io)[0]).toMatch(/must use https/);
  });
});

describe("kpi-returns emulator", () => {
  it("serves until interrupted, keeping its state in the data file", async () => {
    const dir = tempDir();
    const io = testIo(dir);
    const running = main(["emulator", "--port", "0", "--data", "state/emulator.json"], io);
    for (let i = 0; i < 100 && !io.stdout().includes("listening at"); i++)
      await new Promise((r) => setTimeout(r, 20));
    const url = /listening at (\S+)/.exec(io.stdout())?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
    expect(await main(["provision", "--site", SITE, "--graph-url", url!], testIo(dir))).toBe(0);
    io.interrupt();
    expect(await running).toBe(0);
    expect(io.stdout()).toContain("Emulator stopped.");
    await expect(fs.stat(path.join(dir, "state", "emulator.json"))).resolves.toBeTruthy();
  });

  it("refuses a port that is not a number", async () => {
    const io = testIo(tempDir());
    expect(await main(["emulator", "--port", "http"], io)).toBe(ExitCode.badInput);
    expect(errorLines(io)).toEqual([
      'kpi-returns: --port must be a whole number from 0 to 65535, not "http".',
    ]);
  });
});
