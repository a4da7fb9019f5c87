/**
 * The real command: `node bin/kpi-returns.js …` run as a child process on a fresh `npm run build:node` (made once by
 * jest's globalSetup; a stale build fails here), so the bin's contract (exit codes, one-line errors, --json on
 * stdout) is proven end to end, not only through main().
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { freshBuild, nodeBuild } from "../support/builds";
import { expectValidateFileFields, tempDir } from "./support";
import { writeCorrupt, writeSeedReturn } from "./seed-files";

const repoRoot = path.resolve(__dirname, "../..");
const bin = path.join(repoRoot, "bin", "kpi-returns.js");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function kpiReturns(args: readonly string[], cwd: string): Run {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    // No debug switch from the caller's shell may turn on stack traces here.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("bin/kpi-returns.js, built", () => {
  let dir: string;
  beforeAll(async () => {
    // What `npm ci` runs via `prepare`, made once by jest's globalSetup: the bin must be of the current sources.
    freshBuild(nodeBuild);
    dir = tempDir("kpi-bin-");
    await writeSeedReturn(dir, "idva", "q2/idva.xlsx");
    await writeCorrupt(dir, "q2/broken.xlsx");
  });

  it("--help lists every command and exits 0", () => {
    const run = kpiReturns(["--help"], dir);
    expect(run.status).toBe(0);
    for (const command of [
      "templates",
      "new",
      "validate",
      "annotate",
      "approve",
      "sync",
      "report",
      "emulator",
    ])
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
  });

  it("validate on a corrupt .xlsx: exit 2, one plain line naming the file, no stack frames", () => {
    const run = kpiReturns(["validate", "q2/broken.xlsx"], dir);
    expect(run.status).toBe(2);
    const lines = run.stderr.split("\n").filter((l) => l.trim() !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kpi-returns: .*broken\.xlsx/);
    expect(run.stderr).not.toMatch(/^\s*at /m);
    expect(run.stdout).toBe("");
  });

  it("validate --json on a good return: exit 0 and the documented JSON on stdout", () => {
    const run = kpiReturns(["validate", "q2/idva.xlsx", "--json"], dir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const files = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      file: path.join("q2", "idva.xlsx"),
      templateId: "idva",
      period: "2022-23 Q2",
      status: "draft",
    });
    expectValidateFileFields(files[0]);
    expect((files[0].figures as unknown[]).length).toBeGreaterThan(0);
  });

  it("`validate FOLDER | head -1` on 24 returns: no EPIPE stack when the reader stops early", async () => {
    const good = await fs.readFile(path.join(dir, "q2", "idva.xlsx"));
    await fs.mkdir(path.join(dir, "many"), { recursive: true });
    for (let i = 0; i < 24; i++)
      await fs.writeFile(path.join(dir, "many", `r${String(i).padStart(2, "0")}.xlsx`), good);
    const run = spawnSync(
      "bash",
      ["-c", `set -o pipefail; "${process.execPath}" "${bin}" validate many | head -1`],
      {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
        timeout: 60_000,
      },
    );
    expect(run.stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|^\s+at /m);
    // The command's own exit code (the returns are ready to approve: 0), not a crash.
    expect(run.status).toBe(0);
  });
});
