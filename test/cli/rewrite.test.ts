/**
 * A provider's file is never lost or damaged by a command that rewrites it: writes go to a temporary file renamed over
 * the return (killed mid-write, on a full disk or at a file-size limit the return is untouched), and what the .xlsx
 * executor cannot write back (a chart…) makes the command refuse, leaving the file as it was.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { chartAdded, editPackage } from "../support/hostile";
import { writeSeedReturn } from "./seed-files";
import { errorLines, tempDir, testIo } from "./support";

/** The CSP return needs an override before approval; IDVA approves as it is. */
const approveArgs = (file: string): string[] => ["approve", file, "--by", "A. Officer"];

afterEach(() => {
  jest.restoreAllMocks();
});

describe("writes in place are atomic", () => {
  /**
   * A disk that fills after 8 KB: every write through fs.promises.writeFile puts 8 KB in its file, then fails. With the
   * old in-place write the return was left as those 8 KB.
   */
  function diskFullAfter8Kb(): void {
    const real = fs.writeFile.bind(fs);
    jest.spyOn(fs, "writeFile").mockImplementation(async (file, data) => {
      const bytes = typeof data === "string" ? Buffer.from(data) : Buffer.from(data as Uint8Array);
      await real(file as string, bytes.subarray(0, 8192));
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    });
  }

  test.each([
    ["approve", (f: string) => approveArgs(f)],
    ["return", (f: string) => ["return", f, "--by", "A. Officer", "--reason", "Please add commentary"]],
  ])(
    "`%s` on a full disk: one plain line, and the return is byte for byte as it was",
    async (_what, args) => {
      const dir = tempDir();
      const file = await writeSeedReturn(dir, "idva", "idva.xlsx");
      const before = await fs.readFile(file);
      diskFullAfter8Kb();
      const io = testIo(dir);
      const code = await main(args("idva.xlsx"), io);
      expect(code).toBe(ExitCode.badInput);
      expect(errorLines(io)).toEqual([`kpi-returns: Could not write "${file}": the disk is full.`]);
      expect(await fs.readFile(file)).toEqual(before);
      // No temporary file is left behind after a failure that could be cleaned up.
      expect(await fs.readdir(dir)).toEqual(["idva.xlsx"]);
    },
  );

  test("killed mid-write (the write never finishes): the return on disk is still whole", async () => {
    const dir = tempDir();
    const file = await writeSeedReturn(dir, "idva", "idva.xlsx");
    const before = await fs.readFile(file);
    const real = fs.writeFile.bind(fs);
    let midWrite: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (midWrite = resolve));
    jest.spyOn(fs, "writeFile").mockImplementation(async (target, data) => {
      const bytes = Buffer.from(data as Uint8Array);
      await real(target as string, bytes.subarray(0, 4096));
      midWrite();
      // The process "dies" here: the write never completes.
      return new Promise<void>(() => undefined);
    });
    void main(approveArgs("idva.xlsx"), testIo(dir));
    await reached;
    expect(await fs.readFile(file)).toEqual(before);
  });

  test("a successful approve replaces the file and keeps its permissions", async () => {
    const dir = tempDir();
    const file = await writeSeedReturn(dir, "idva", "idva.xlsx");
    await fs.chmod(file, 0o640);
    expect(await main(approveArgs("idva.xlsx"), testIo(dir))).toBe(ExitCode.ok);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o640);
    expect(await fs.readdir(dir)).toEqual(["idva.xlsx"]);
  });
});

describe("what a rewrite cannot carry is refused, never dropped", () => {
  test.each([
    ["approve", approveArgs],
    ["override", (f: string) => ["override", f, "--rule", "X", "--reason", "r", "--by", "A. Officer"]],
    ["return", (f: string) => ["return", f, "--by", "A. Officer", "--reason", "r"]],
    ["annotate", (f: string) => ["annotate", f, "-o", "annotated.xlsx"]],
  ])(
    "`%s` on a return holding a chart: refused, naming the chart; the file is untouched",
    async (_what, args) => {
      const dir = tempDir();
      const file = await writeSeedReturn(dir, "idva", "idva.xlsx");
      await fs.writeFile(file, await editPackage(await fs.readFile(file), chartAdded));
      const before = await fs.readFile(file);
      const io = testIo(dir);
      const code = await main(args("idva.xlsx"), io);
      expect(code).toBe(ExitCode.badInput);
      expect(errorLines(io)).toEqual([
        'kpi-returns: "idva.xlsx" holds a chart (xl/charts/chart1.xml), which the command line cannot keep when it ' +
          "writes the workbook, so nothing was written. Make the change in Excel with the KPI Returns add-in, or " +
          "remove what is named and try again.",
      ]);
      expect(await fs.readFile(file)).toEqual(before);
      expect((await fs.readdir(dir)).sort()).toEqual(["idva.xlsx"]);
    },
  );

  test("validate still reads a return holding a chart", async () => {
    const dir = tempDir();
    const file = await writeSeedReturn(dir, "idva", path.join("q2", "idva.xlsx"));
    await fs.writeFile(file, await editPackage(await fs.readFile(file), chartAdded));
    const io = testIo(dir);
    await main(["validate", "q2"], io);
    expect(io.stdout()).toContain("q2/idva.xlsx: ");
  });
});
