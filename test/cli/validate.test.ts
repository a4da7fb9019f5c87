import path from "node:path";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { NOT_CHECKED_AGAINST_REGISTER } from "../../src/cli/commands/validate";
import { testIo, errorLines, expectValidateFileFields } from "./support";
import { seedReturnsFolder, writeCorrupt, writeNotAReturn } from "./seed-files";

describe("kpi-returns validate", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await seedReturnsFolder(
      ["idva", "q2/idva.xlsx"],
      ["victim-advice-line", "q2/val.xlsx"],
      ["csp-budget", "q2/csp/telford.xlsx", "Telford & Wrekin CSP"],
    );
    await writeNotAReturn(dir, "other/budget.xlsx");
    await writeCorrupt(dir, "other/broken.xlsx");
  });

  it("exits 0 for a return with no errors and no unexplained queries", async () => {
    const io = testIo(dir);
    expect(await main(["validate", "q2/idva.xlsx"], io)).toBe(ExitCode.ok);
    expect(io.stdout()).toContain("West Mercia Women's Aid");
    expect(io.stdout()).toContain("ready to approve");
  });

  it("exits 1 when a query is unexplained, and names the rule and cell", async () => {
    const io = testIo(dir);
    expect(await main(["validate", "q2/val.xlsx"], io)).toBe(ExitCode.failed);
    expect(io.stdout()).toMatch(
      /query\s+no\s+PREV-CHANGE-Q\s+\S+!G\d+\s+Referrals fell from 4,441 to 3,834 \(−13\.7%\)/,
    );
  });

  it("prints every finding's message in full (wrapped under its row, never cut), within 100 columns", async () => {
    const json = testIo(dir);
    await main(["validate", "q2", "--json"], json);
    const messages = (JSON.parse(json.stdout()) as { findings: { message: string }[] }[]).flatMap((f) =>
      f.findings.map((x) => x.message),
    );
    expect(messages.some((m) => m.length > 110)).toBe(true); // the case that used to be cut at 110
    const io = testIo(dir);
    await main(["validate", "q2"], io);
    const text = io.stdout().replace(/\s+/g, " ");
    for (const m of messages) expect(text).toContain(m.replace(/\s+/g, " "));
    expect(io.stdout()).not.toContain("…");
    const findingLines = io
      .stdout()
      .split("\n")
      .filter((l) => l.startsWith("  "));
    for (const line of findingLines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it("prints the --json contract: one object per file with exactly the documented fields", async () => {
    const io = testIo(dir);
    expect(await main(["validate", "q2", "--json"], io)).toBe(ExitCode.failed);
    const files = JSON.parse(io.stdout()) as Record<string, unknown>[];
    expect(files).toHaveLength(3);
    for (const f of files) {
      expectValidateFileFields(f);
    }
    const val = files.find((f) => f.templateId === "victim-advice-line")!;
    expect(val).toMatchObject({ file: path.join("q2", "val.xlsx"), period: "2022-23 Q2", status: "draft" });
    const findings = val.findings as Record<string, unknown>[];
    const query = findings.find((f) => f.ruleId === "PREV-CHANGE-Q")!;
    expect(Object.keys(query).sort()).toEqual(["cell", "kpiId", "message", "ruleId", "severity", "sheet"]);
    expect(query.cell).toMatch(/^[A-Z]+\d+$/);
    const figures = val.figures as Record<string, unknown>[];
    expect(Object.keys(figures[0]).sort()).toEqual(
      [
        "actual",
        "changeVsLastYearPct",
        "changeVsPreviousPct",
        "kpiId",
        "rag",
        "target",
        "variance",
        "variancePct",
      ].sort(),
    );
    const referrals = figures.find((f) => f.actual === 3834)!;
    expect(Math.round((referrals.changeVsPreviousPct as number) * 10) / 10).toBe(-13.7);
    const csp = files.find((f) => f.templateId === "csp-budget")!;
    const [line] = csp.budget as Record<string, unknown>[];
    expect(Object.keys(line).sort()).toEqual(
      [
        "awarded",
        "expectedUtilisation",
        "forecastOutturn",
        "lineId",
        "rag",
        "spentToDate",
        "utilisation",
      ].sort(),
    );
    expect(line).toMatchObject({ awarded: 158934, spentToDate: 135640 });
    expect(Math.round((line.utilisation as number) * 1000) / 10).toBe(85.3);
  });

  it("answers a file that is not a return with one line and exit 2", async () => {
    const io = testIo(dir);
    expect(await main(["validate", "other/budget.xlsx"], io)).toBe(ExitCode.badInput);
    const lines = errorLines(io);
    expect(lines).toHaveLength(1);
    // A full stop, not a colon, before the reason, which is a sentence of its own.
    expect(lines[0]).toMatch(
      /^kpi-returns: "other\/budget\.xlsx" is not a KPI return\. This workbook has no/,
    );
  });

  it("answers a corrupt .xlsx with one line naming the file, and exit 2", async () => {
    const io = testIo(dir);
    expect(await main(["validate", "other/broken.xlsx"], io)).toBe(ExitCode.badInput);
    const lines = errorLines(io);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kpi-returns: .*broken\.xlsx/);
    expect(io.stderr()).not.toMatch(/\n\s+at /);
  });

  it("still checks the readable files when one is broken, and exits 2", async () => {
    const io = testIo(dir);
    expect(await main(["validate", "q2/idva.xlsx", "other/broken.xlsx", "--json"], io)).toBe(
      ExitCode.badInput,
    );
    const files = JSON.parse(io.stdout()) as Record<string, unknown>[];
    expect(files.map((f) => f.file)).toEqual([
      path.join("other", "broken.xlsx"),
      path.join("q2", "idva.xlsx"),
    ]);
    expect(files[1]).toMatchObject({ templateId: "idva", provider: "West Mercia Women's Aid" });
  });

  it("--json gives every unreadable file its own object: identity null, one error finding with the reason", async () => {
    const io = testIo(dir);
    expect(await main(["validate", "other", "q2/val.xlsx", "--json"], io)).toBe(ExitCode.badInput);
    const lines = errorLines(io).filter((l) => !l.startsWith("Not checked against the Return Register"));
    expect(errorLines(io)).toContain(NOT_CHECKED_AGAINST_REGISTER);
    expect(lines).toHaveLength(2); // stderr keeps one line per unreadable file
    const files = JSON.parse(io.stdout()) as Record<string, unknown>[];
    expect(files).toHaveLength(3);
    const byFile = new Map(files.map((f) => [f.file, f]));
    for (const [name, ruleId, reason] of [
      [path.join("other", "broken.xlsx"), "UNREADABLE", /broken\.xlsx/],
      [path.join("other", "budget.xlsx"), "METADATA-MISSING", /is not a KPI return/],
    ] as const) {
      const f = byFile.get(name);
      expect(f).toBeDefined();
      expectValidateFileFields(f!);
      expect(f).toMatchObject({
        templateId: null,
        templateVersion: null,
        provider: null,
        period: null,
        status: null,
        figures: [],
        budget: [],
      });
      const findings = f!.findings as Record<string, unknown>[];
      expect(findings).toHaveLength(1);
      expect(Object.keys(findings[0]).sort()).toEqual(["cell", "message", "ruleId", "severity", "sheet"]);
      expect(findings[0]).toMatchObject({ ruleId, severity: "error", sheet: null, cell: null });
      const message = findings[0].message as string;
      expect(message).toMatch(reason);
      expect(message).not.toContain("\n");
      // The same plain reason the stderr line gives.
      expect(lines).toContain(`kpi-returns: ${message}`);
    }
    expect(byFile.get(path.join("q2", "val.xlsx"))).toMatchObject({ templateId: "victim-advice-line" });
  });
});
