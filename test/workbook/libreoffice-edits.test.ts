/**
 * Returns edited in LibreOffice Calc as providers edit them (a row inserted inside the KPI table, a column inserted
 * inside it) and saved by Calc: each edit gets its one right finding, and an unexplained query always blocks approval,
 * whatever the table's shape. Calc is driven over UNO (test/support/libreoffice.ts).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { readReturn } from "../../src/workbook";
import { openXlsx } from "../../src/workbook/xlsx";
import { builtInTemplates } from "../../src/templates";
import { editInCalc, requireCalcEditing, type CalcJob } from "../support/libreoffice";
import { startEmulator } from "../../src/emulator";
import { findSeedReturn } from "../../src/seed/q2-2022-23";
import { registerSeedReturns, writeSeedReturn } from "../cli/seed-files";
import { tempDir, testIo } from "../cli/support";

const withCalc = requireCalcEditing("the LibreOffice row and column insert checks")
  ? describe
  : describe.skip;

withCalc("a return edited in LibreOffice Calc", () => {
  let dir: string;
  const file = (name: string): string => path.join(dir, name);
  beforeAll(async () => {
    dir = tempDir("kpi-calc-edits-");
    const original = await writeSeedReturn(dir, "idva", "idva.xlsx");
    const jobs: CalcJob[] = [
      { in: original, out: file("row.xlsx"), edits: [{ op: "insertRow", sheet: "KPIs", index: 6 }] },
      {
        in: original,
        out: file("row-filled.xlsx"),
        edits: [
          { op: "insertRow", sheet: "KPIs", index: 6 },
          { op: "set", sheet: "KPIs", cell: "A7", value: "extra-kpi" },
          { op: "set", sheet: "KPIs", cell: "G7", value: 12 },
        ],
      },
      { in: original, out: file("column.xlsx"), edits: [{ op: "insertColumn", sheet: "KPIs", index: 7 }] },
    ];
    await editInCalc(jobs);
  }, 120_000);

  const findingsOf = async (name: string): Promise<{ ruleId: string; severity: string; message: string }[]> =>
    readReturn((await openXlsx(file(name))).snapshot(), builtInTemplates).findings;

  test("a blank row inserted inside the table: one ROW-BLANK, no formula findings", async () => {
    const findings = await findingsOf("row.xlsx");
    expect(findings.map((f) => f.ruleId)).toEqual(["ROW-BLANK"]);
  });

  test("a row inserted and filled in: one ROW-ADDED, and no 'holds nothing instead of its formula'", async () => {
    const findings = await findingsOf("row-filled.xlsx");
    expect(findings.map((f) => f.ruleId)).toEqual(["ROW-ADDED"]);
    expect(findings[0].message).toContain('"extra-kpi"');
  });

  test("a column inserted inside the KPI table: a COLUMN-EXTRA query that blocks approval", async () => {
    const findings = await findingsOf("column.xlsx");
    expect(findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual(["query COLUMN-EXTRA"]);
    const validate = testIo(dir);
    expect(await main(["validate", "column.xlsx"], validate)).toBe(ExitCode.failed);
    expect(validate.stdout()).toContain("queries to explain");
    expect(validate.stdout()).not.toContain("ready to approve");
    const before = await fs.readFile(file("column.xlsx"));
    // Decisions are the Return Register's: the return is issued there, so approval is refused for what stands,
    // not for want of a register.
    const emulator = await startEmulator({ port: 0 });
    try {
      const graph = ["--site", "emulator.sharepoint.local:/sites/commissioning", "--graph-url", emulator.url];
      await registerSeedReturns(graph, [findSeedReturn("idva")!]);
      const approve = testIo(dir);
      expect(await main(["approve", "column.xlsx", "--by", "A. Officer", ...graph], approve)).toBe(
        ExitCode.failed,
      );
      expect(approve.stderr()).toMatch(
        /"column\.xlsx": This return cannot be approved yet: 1 unexplained query/,
      );
      expect(approve.stderr()).toContain("query COLUMN-EXTRA at KPIs!H5");
    } finally {
      await emulator.stop();
    }
    expect(await fs.readFile(file("column.xlsx"))).toEqual(before);
  });
});
