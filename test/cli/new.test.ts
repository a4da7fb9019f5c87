import { promises as fs } from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { openXlsx } from "../../src/workbook/xlsx";
import { readReturn } from "../../src/workbook";
import { builtInTemplates, findTemplate } from "../../src/templates";
import { numberOf } from "../../src/core/values";
import { testIo, tempDir, errorLines } from "./support";

describe("kpi-returns new", () => {
  it("writes a blank return with the targets and prior figures from JSON and CSV files", async () => {
    const dir = tempDir();
    const idva = findTemplate("idva")!;
    const [referrals] = idva.kpis;
    await fs.writeFile(path.join(dir, "targets.json"), JSON.stringify({ [referrals.id]: 450 }));
    await fs.writeFile(path.join(dir, "history.csv"), `id,previous,lastYear\n${referrals.id},470,465\n`);
    const io = testIo(dir);
    const code = await main(
      [
        "new",
        "--template",
        "idva",
        "--provider",
        "West Mercia Women's Aid",
        "--period",
        "2022-23 q2",
        "--targets",
        "targets.json",
        "--history",
        "history.csv",
        "-o",
        "out/idva.xlsx",
      ],
      io,
    );
    expect(io.stderr()).toBe("");
    expect(code).toBe(0);
    expect(io.stdout()).toContain(
      `Wrote ${path.join("out", "idva.xlsx")}: West Mercia Women's Aid, 2022-23 Q2.`,
    );

    const { ret, template } = readReturn(
      (await openXlsx(path.join(dir, "out", "idva.xlsx"))).snapshot(),
      builtInTemplates,
    );
    expect(template?.id).toBe("idva");
    expect(ret?.provider).toBe("West Mercia Women's Aid");
    expect(ret?.period).toBe("2022-23 Q2");
    const row = ret!.kpis.find((k) => k.kpiId === referrals.id)!;
    expect(numberOf(row.target)).toBe(450);
    expect(numberOf(row.previous)).toBe(470);
    expect(numberOf(row.lastYear)).toBe(465);
    expect(row.actual.kind).toBe("blank");
  });

  it("refuses to replace an existing file without --force", async () => {
    const dir = tempDir();
    await fs.writeFile(path.join(dir, "x.xlsx"), "");
    const args = [
      "new",
      "--template",
      "roadpeace",
      "--provider",
      "RoadPeace",
      "--period",
      "2022-23 Q2",
      "-o",
      "x.xlsx",
    ];
    const io = testIo(dir);
    expect(await main(args, io)).toBe(ExitCode.badInput);
    expect(errorLines(io)).toEqual(['kpi-returns: "x.xlsx" already exists. Use --force to replace it.']);
    expect(await main([...args, "--force"], testIo(dir))).toBe(0);
  });

  it("answers an unknown template with one line naming it, and exit 2", async () => {
    const io = testIo(tempDir());
    const code = await main(
      ["new", "--template", "idvaa", "--provider", "P", "--period", "2022-23 Q2", "-o", "x.xlsx"],
      io,
    );
    expect(code).toBe(ExitCode.badInput);
    const lines = errorLines(io);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^kpi-returns: Unknown template "idvaa"\. Did you mean "idva"\? Run `kpi-returns templates`/,
    );
  });

  it("answers a wrong period format with the expected form, and exit 2", async () => {
    const io = testIo(tempDir());
    const code = await main(
      ["new", "--template", "idva", "--provider", "P", "--period", "2022/23 Q2", "-o", "x.xlsx"],
      io,
    );
    expect(code).toBe(ExitCode.badInput);
    expect(errorLines(io)).toEqual([
      'kpi-returns: Period "2022/23 Q2" is not in the form "2022-23 Q2" (financial year, then Q1–Q4).',
    ]);
  });
});
