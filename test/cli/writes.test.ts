/** Every command-line write that fails says so in one plain line naming the file, with exit 2: never Node's EEXIST/EISDIR text. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { checkOutput, freshFolder, writeOutputFile } from "../../src/cli/files";
import { writeReport } from "../../src/cli/commands/report";
import { buildQuarterlyReport } from "../../src/report/model";
import { describeFsError } from "../../src/core/file-errors";
import { testIo, tempDir, errorLines } from "./support";

/** Node's own wording must never reach the user. */
const nodeWords = /EEXIST|EISDIR|ENOTDIR|EACCES|ENOENT|mkdir|open '|illegal operation|\bat .*\(/;

describe("command-line writes", () => {
  it("`new -o` through a path where a file stands for a folder: one plain line naming the output, exit 2", async () => {
    const dir = tempDir();
    await fs.writeFile(path.join(dir, "file.xlsx"), "not a folder");
    const io = testIo(dir);
    const output = path.join("file.xlsx", "n.xlsx");
    const args = ["new", "--template", "idva", "--provider", "P", "--period", "2022-23 Q2", "-o", output];
    const code = await main(args, io);
    expect(code).toBe(ExitCode.badInput);
    const lines = errorLines(io);
    expect(lines).toEqual([
      `kpi-returns: Could not create the folder for "${output}": part of the path is a file where a folder should be.`,
    ]);
    expect(io.stderr()).not.toMatch(nodeWords);
  });

  it("`report -o d.html --force` where d.html is a folder: refused before Graph is asked, exit 2", async () => {
    const dir = tempDir();
    await fs.mkdir(path.join(dir, "d.html"));
    const io = testIo(dir);
    // No emulator runs: the output is checked first, so this never reaches Graph.
    const code = await main(
      [
        "report",
        "--period",
        "2022-23 Q2",
        "--site",
        "x:/sites/y",
        "--graph-url",
        "http://127.0.0.1:9/v1.0",
        "-o",
        "d.html",
        "--force",
      ],
      io,
    );
    expect(code).toBe(ExitCode.badInput);
    expect(errorLines(io)).toEqual([
      `kpi-returns: "d.html" is a folder, not a file: give a file name to write.`,
    ]);
  });

  it("writeReport into a folder (the race after checking) is a plain CliFailure naming the path as typed", async () => {
    const dir = tempDir();
    const folder = path.join(dir, "r.html");
    await fs.mkdir(folder);
    const report = buildQuarterlyReport([], [], "2022-23 Q2");
    const err = await writeReport(report, folder, new Date(), "site", "r.html").catch((e: unknown) => e);
    expect((err as Error).message).toBe('Could not write "r.html": it is a folder, not a file.');
    expect((err as { exitCode?: number }).exitCode).toBe(ExitCode.badInput);
  });

  it("writeOutputFile, freshFolder and checkOutput name the file and say why", async () => {
    const dir = tempDir();
    const blocker = path.join(dir, "blocker");
    await fs.writeFile(blocker, "x");
    await expect(writeOutputFile(path.join(blocker, "a.html"), "blocker/a.html", "x")).rejects.toThrow(
      /^Could not write "blocker\/a\.html": (part of the path is a file where a folder should be|no such file or folder)\.$/,
    );
    await expect(freshFolder(path.join(blocker, "out"), "blocker/out")).rejects.toThrow(
      'Could not make the folder "blocker/out": part of the path is a file where a folder should be.',
    );
    await expect(checkOutput("report.pdf", false, dir, [".xlsx", ".html"])).rejects.toThrow(
      'The output "report.pdf" must be an .xlsx or an .html file.',
    );
  });

  it("describeFsError never repeats Node's message, even for a code it does not know", () => {
    const odd = Object.assign(new Error("EWEIRD: something, mkdir '/x'\n    at stack"), { code: "EWEIRD" });
    expect(describeFsError(odd)).toBe("the file system refused it");
    expect(describeFsError(Object.assign(new Error("x"), { code: "EISDIR" }))).toBe(
      "it is a folder, not a file",
    );
    expect(describeFsError("not an error")).toBe("the file system refused it");
  });
});
