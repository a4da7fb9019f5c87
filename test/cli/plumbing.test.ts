import { promises as fs } from "node:fs";
import path from "node:path";
import { expandReturnFiles, shownPath } from "../../src/cli/files";
import { CliFailure, ExitCode } from "../../src/cli/exit";
import { renderTable } from "../../src/cli/table";
import { startProgress } from "../../src/cli/progress";
import { main } from "../../src/cli/main";
import { graphBaseUrl } from "../../src/cli/graph";
import { testIo, tempDir, errorLines } from "./support";

async function touch(file: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, "");
}

describe("expandReturnFiles", () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    await touch(path.join(dir, "q2", "idva.xlsx"));
    await touch(path.join(dir, "q2", "val.XLSX"));
    await touch(path.join(dir, "q2", "~$idva.xlsx"));
    await touch(path.join(dir, "q2", "notes.txt"));
    await touch(path.join(dir, "q2", "deeper", "csp.xlsx"));
    await fs.mkdir(path.join(dir, "empty"));
  });

  it("takes a folder's .xlsx files, recursively, and skips Excel's lock files", async () => {
    const files = await expandReturnFiles(["q2"], dir);
    expect(files.map((f) => path.relative(dir, f)).sort()).toEqual(
      [
        path.join("q2", "deeper", "csp.xlsx"),
        path.join("q2", "idva.xlsx"),
        path.join("q2", "val.XLSX"),
      ].sort(),
    );
  });

  it("takes globs and plain names, without duplicates", async () => {
    const files = await expandReturnFiles(["q2/*.xlsx", "q2/idva.xlsx"], dir);
    expect(files.map((f) => path.basename(f)).sort()).toEqual(["idva.xlsx", "val.XLSX"]);
  });

  it("says which file does not exist", async () => {
    await expect(expandReturnFiles(["q2/missing.xlsx"], dir)).rejects.toThrow(
      'File "q2/missing.xlsx" does not exist.',
    );
  });

  it("says when a glob or a folder finds nothing", async () => {
    await expect(expandReturnFiles(["q3/*.xlsx"], dir)).rejects.toThrow('No .xlsx files match "q3/*.xlsx".');
    const err = await expandReturnFiles(["empty"], dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliFailure);
    expect((err as CliFailure).exitCode).toBe(ExitCode.badInput);
  });

  it("shows paths relative to where the user is", () => {
    expect(shownPath(path.join(dir, "q2", "idva.xlsx"), dir)).toBe(path.join("q2", "idva.xlsx"));
    expect(shownPath("/elsewhere/x.xlsx", dir)).toBe("/elsewhere/x.xlsx");
  });
});

describe("renderTable", () => {
  it("pads columns, right-aligns numbers and cuts long cells", () => {
    const text = renderTable(
      [
        { header: "Name", value: (r: { n: string; v: number }) => r.n },
        { header: "Value", value: (r) => String(r.v), align: "right" },
        { header: "Note", value: () => "a very long note indeed", max: 10 },
      ],
      [
        { n: "IDVA", v: 492 },
        { n: "Victim Advice Line", v: 3834 },
      ],
    );
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^Name {16}Value {2}Note$/);
    expect(lines[2]).toContain("IDVA                  492");
    expect(lines[3]).toContain("Victim Advice Line   3834  a very lo…");
  });
});

describe("startProgress", () => {
  it("prints plain lines off a terminal, about every tenth item, and the last one", () => {
    const io = testIo("/");
    const p = startProgress(io, "Validating", 20);
    for (let i = 0; i < 20; i++) p.tick(`f${i}.xlsx`);
    p.stop();
    const lines = errorLines(io);
    expect(lines).toHaveLength(10);
    expect(lines[lines.length - 1]).toBe("Validating: 20/20 f19.xlsx");
  });

  it("stays quiet on short runs", () => {
    const io = testIo("/");
    const p = startProgress(io, "Validating", 2);
    p.tick("a");
    p.tick("b");
    expect(io.stderr()).toBe("");
  });
});

describe("main: usage", () => {
  it("shows help and exits 2 when no command is given", async () => {
    const io = testIo("/");
    expect(await main([], io)).toBe(ExitCode.badInput);
    expect(io.stderr()).toContain("Usage: kpi-returns");
  });

  it("prints help for a command and exits 0", async () => {
    const io = testIo("/");
    expect(await main(["help", "validate"], io)).toBe(0);
    expect(io.stdout()).toContain("--json");
  });

  it("prints the version", async () => {
    const io = testIo("/");
    expect(await main(["--version"], io)).toBe(0);
    expect(io.stdout().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("answers an unknown command with one line and exit 2", async () => {
    const io = testIo("/");
    expect(await main(["valdate", "x.xlsx"], io)).toBe(ExitCode.badInput);
    const lines = errorLines(io);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kpi-returns: unknown command 'valdate'/);
    expect(lines[0]).toContain("validate");
  });

  it("answers a missing required flag with one line naming it", async () => {
    const io = testIo("/");
    expect(await main(["new", "--template", "idva", "-o", "x.xlsx"], io)).toBe(ExitCode.badInput);
    const lines = errorLines(io);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("--provider");
  });

  it("answers a missing file with one line and exit 2", async () => {
    const dir = tempDir();
    const io = testIo(dir);
    expect(await main(["validate", "nowhere.xlsx"], io)).toBe(ExitCode.badInput);
    expect(errorLines(io)).toEqual(['kpi-returns: File "nowhere.xlsx" does not exist.']);
  });
});

describe("the Graph address", () => {
  const flags = { site: "x:/sites/y" };
  it("comes from --graph-url, else KPI_GRAPH_URL, else KPI_GRAPH_BASE_URL (the add-in's name), else Graph", () => {
    const dir = tempDir();
    const both = { KPI_GRAPH_URL: "http://127.0.0.1:7001", KPI_GRAPH_BASE_URL: "http://127.0.0.1:7002" };
    expect(graphBaseUrl({ ...flags, graphUrl: "http://localhost:7000/v1.0" }, testIo(dir, both))).toBe(
      "http://localhost:7000/v1.0",
    );
    expect(graphBaseUrl(flags, testIo(dir, both))).toBe("http://127.0.0.1:7001/v1.0");
    expect(graphBaseUrl(flags, testIo(dir, { KPI_GRAPH_BASE_URL: "http://127.0.0.1:7002" }))).toBe(
      "http://127.0.0.1:7002/v1.0",
    );
    expect(graphBaseUrl(flags, testIo(dir))).toBe("https://graph.microsoft.com/v1.0");
  });

  it("names the variable a bad address came from", () => {
    expect(() =>
      graphBaseUrl(flags, testIo(tempDir(), { KPI_GRAPH_BASE_URL: "http://graph.example" })),
    ).toThrow('KPI_GRAPH_BASE_URL "http://graph.example" must use https');
  });
});
