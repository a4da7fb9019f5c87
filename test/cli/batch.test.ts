/**
 * One bad file never stops a batch, and every file is named plainly: in a folder, files that are not .xlsx returns
 * (.xlsm, .xls, .ods, .csv, encrypted, empty, a zip of text) each get their own sentence; a malformed metadata value
 * is a finding, not the end of the run; sync's refusal reasons are shown whole; a provider name too long for the
 * lists is refused at `new`.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { syncTable } from "../../src/cli/commands/sync";
import { NOT_CHECKED_AGAINST_REGISTER } from "../../src/cli/commands/validate";
import type { SyncRunResult } from "../../src/sharepoint";
import { combinePlans } from "../../src/workbook";
import { xlsxFromBuffer } from "../../src/workbook/xlsx";
import { editPackage, foreignFiles, macroEnabledType, seedReturnBytes } from "../support/hostile";
import { errorLines, tempDir, testIo } from "./support";

/** A seed return whose metadata has `changes` written over it, as a hand-edited or hostile file holds them. */
async function withMetadata(changes: Record<string, string>): Promise<Buffer> {
  const wb = await xlsxFromBuffer(await seedReturnBytes(), "seed.xlsx");
  wb.apply({ ...combinePlans(), metadata: changes });
  return wb.toBuffer();
}

describe("a folder of what providers send", () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir("kpi-batch-");
    const folder = path.join(dir, "q2");
    await fs.mkdir(folder);
    const good = await seedReturnBytes();
    await fs.writeFile(path.join(folder, "idva.xlsx"), good);
    await fs.writeFile(path.join(folder, "macro.xlsm"), await editPackage(good, macroEnabledType));
    for (const [name, bytes] of Object.entries(await foreignFiles()))
      await fs.writeFile(path.join(folder, name), bytes);
  });

  test("validate names every file that is not a return, in its own words, and checks the rest", async () => {
    const io = testIo(dir);
    const code = await main(["validate", "q2"], io);
    expect(code).toBe(ExitCode.badInput);
    const lines = errorLines(io).filter((l) => l.startsWith("kpi-returns: "));
    const about = (name: string): string =>
      lines.find((l) => l.includes(`"q2/${name}"`)) ?? `(nothing on ${name})`;
    expect(about("empty.xlsx")).toMatch(/is empty \(0 bytes\)/);
    expect(about("encrypted.xlsx")).toMatch(/protected with a password/);
    expect(about("old.xls")).toMatch(/old Excel 97–2003 workbook \(\.xls\)/);
    expect(about("figures.csv")).toMatch(/such as a CSV file/);
    expect(about("figures.ods")).toMatch(/OpenDocument spreadsheet \(\.ods\)/);
    expect(about("notes.xlsx")).toMatch(/zip archive of other files/);
    expect(about("macro.xlsm")).toMatch(/macro-enabled workbook \(\.xlsm\)/);
    expect(lines).toHaveLength(7);
    expect(io.stdout()).toContain("q2/idva.xlsx: ");
  });

  test("validate --json gives every file its verdict, readable or not", async () => {
    const io = testIo(dir);
    await main(["validate", "q2", "--json"], io);
    const verdicts = JSON.parse(io.stdout()) as { file: string }[];
    expect(verdicts.map((v) => path.basename(v.file)).sort()).toEqual([
      "empty.xlsx",
      "encrypted.xlsx",
      "figures.csv",
      "figures.ods",
      "idva.xlsx",
      "macro.xlsm",
      "notes.xlsx",
      "old.xls",
    ]);
  });
});

describe("a malformed metadata value", () => {
  test.each([
    ["overrides: [null]", { overrides: "[null]" }, "overrides"],
    ["history: [1]", { history: "[1]" }, "history"],
    ["approval: {}", { approval: "{}" }, "approval"],
  ])(
    "%s is a METADATA-UNREADABLE finding, and the good return beside it is checked",
    async (_what, changes, key) => {
      const dir = tempDir();
      await fs.mkdir(path.join(dir, "q2"));
      await fs.writeFile(path.join(dir, "q2", "a-good.xlsx"), await seedReturnBytes());
      await fs.writeFile(path.join(dir, "q2", "b-bad.xlsx"), await withMetadata(changes));
      const io = testIo(dir);
      const code = await main(["validate", "q2", "--json"], io);
      expect(code).not.toBe(ExitCode.unexpected);
      const verdicts = JSON.parse(io.stdout()) as {
        file: string;
        findings: { ruleId: string; message: string }[];
      }[];
      expect(verdicts).toHaveLength(2);
      const bad = verdicts.find((v) => v.file.endsWith("b-bad.xlsx"));
      expect(bad?.findings).toContainEqual(
        expect.objectContaining({
          ruleId: "METADATA-UNREADABLE",
          message: expect.stringContaining(`"${key}"`),
        }),
      );
    },
  );

  test("an issued line that is text: the issued figures are ignored, the return is still checked", async () => {
    const dir = tempDir();
    const issued = JSON.stringify({ kpis: { referrals: "four hundred" }, budget: {} });
    await fs.writeFile(path.join(dir, "r.xlsx"), await withMetadata({ issued }));
    const io = testIo(dir);
    const code = await main(["validate", "r.xlsx", "--json"], io);
    expect(code).not.toBe(ExitCode.unexpected);
    // Nothing on stderr but the one offline notice: no error line for the malformed issued figures.
    expect(io.stderr()).toBe(`${NOT_CHECKED_AGAINST_REGISTER}\n`);
    expect(JSON.parse(io.stdout())).toHaveLength(1);
  });
});

describe("sync's refusal reasons", () => {
  test("are shown whole under their row, never cut at 70 characters", () => {
    const reason =
      "The same return (Provider, idva, 2022-23 Q2) was given twice: in a.xlsx and in b.xlsx. Sync one of them.";
    const result = {
      dryRun: false,
      returns: [
        {
          provider: "Provider",
          period: "2022-23 Q2",
          templateId: "idva",
          returnKey: "k",
          plan: { create: 0, update: 0, unchanged: 0, conflict: 0, failed: 0 },
          conflicts: [],
          items: [],
          refused: reason,
        },
      ],
    } as unknown as SyncRunResult;
    const table = syncTable(result);
    expect(table.replace(/\s+/g, " ")).toContain(reason);
    expect(table).not.toContain("…");
    for (const line of table.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe("a provider name too long for the lists", () => {
  /** `new` for an IDVA return of 2022-23 Q2 to n.xlsx, for `provider`. */
  const newIdvaArgs = (provider: string): string[] => [
    "new",
    "--template",
    "idva",
    "--provider",
    provider,
    "--period",
    "2022-23 Q2",
    "-o",
    "n.xlsx",
  ];

  test("is refused at `new`, with the most it may be", async () => {
    const dir = tempDir();
    const io = testIo(dir);
    const provider = "P".repeat(260);
    const args = newIdvaArgs(provider);
    expect(await main(args, io)).toBe(ExitCode.badInput);
    expect(errorLines(io)).toEqual([
      expect.stringMatching(
        /^kpi-returns: --provider is 260 characters long; a provider's name can be at most \d+ characters/,
      ),
    ]);
    await expect(fs.stat(path.join(dir, "n.xlsx"))).rejects.toThrow();
  });

  test("a name of the longest allowed length is accepted", async () => {
    const dir = tempDir();
    const { longestProviderName } = await import("../../src/sharepoint/list-items");
    const { builtInTemplates } = await import("../../src/templates");
    const idva = builtInTemplates.find((t) => t.id === "idva")!;
    const provider = "P".repeat(longestProviderName(idva, "2022-23 Q2"));
    const args = newIdvaArgs(provider);
    expect(await main(args, testIo(dir))).toBe(ExitCode.ok);
  });
});
