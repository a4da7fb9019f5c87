/**
 * Formulas are never believed: a formula in a cell the provider types is an error at that cell and its cached result
 * is never used (not validated, not hashed, not synced); a computed cell holding a different formula than the one the
 * return was made with is reported; what a typed formula reaches (another workbook, DDE, the internet) is named.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/main";
import { numberOf } from "../../src/core/values";
import { builtInTemplates } from "../../src/templates";
import { readReturn } from "../../src/workbook";
import { xlsxFromBuffer } from "../../src/workbook/xlsx";
import { editPackage, formulaInCell, seedReturnBytes } from "../support/hostile";
import { tempDir, testIo } from "../cli/support";

let good: Buffer;
beforeAll(async () => {
  good = await seedReturnBytes();
});

async function read(bytes: Uint8Array): Promise<ReturnType<typeof readReturn>> {
  return readReturn((await xlsxFromBuffer(bytes, "r.xlsx")).snapshot(), builtInTemplates);
}

describe("a formula typed into a provider's cell", () => {
  test.each([
    ["=9999 stored with 40 as its result", "=9999", 40, /holds the formula =9999, not a typed figure/],
    [
      "WEBSERVICE",
      '=WEBSERVICE("https://example.org/x")',
      40,
      /which fetches data from the internet \(WEBSERVICE\)/,
    ],
    ["a DDE link", "=cmd|' /C calc'!A0", 40, /which is a DDE link that runs another program/],
    ["a link to another workbook", "=[1]Sheet1!A1", 40, /which links to another workbook/],
    ["a formula with no stored result", "=1+1", undefined, /holds the formula =1\+1, not a typed figure/],
  ])(
    "%s: FORMULA-TYPED error at KPIs!G6, the cached value never used",
    async (_what, formula, cached, message) => {
      const { ret, findings } = await read(
        await editPackage(good, formulaInCell("KPIs", "G6", formula, cached)),
      );
      const typed = findings.filter((f) => f.ruleId === "FORMULA-TYPED");
      expect(typed).toHaveLength(1);
      expect(typed[0]).toMatchObject({
        severity: "error",
        kpiId: "referrals",
        location: { table: "KpiReturn", row: 0, column: "Actual" },
      });
      expect(typed[0].message).toMatch(message);
      expect(typed[0].message).toContain("KPIs!G6");
      const actual = ret?.kpis.find((k) => k.kpiId === "referrals")?.actual;
      // Never the stored 40, and never "blank" (the old advice was "type 0 if there were none").
      expect(numberOf(actual ?? { kind: "blank" })).toBeNull();
      expect(actual?.kind).toBe("text");
    },
  );

  test("validate --json: the error is at its cell, the figure is not 40, and the return is not approvable", async () => {
    const dir = tempDir();
    await fs.writeFile(
      path.join(dir, "r.xlsx"),
      await editPackage(good, formulaInCell("KPIs", "G6", "=9999", 40)),
    );
    const io = testIo(dir);
    expect(await main(["validate", "r.xlsx", "--json"], io)).toBe(1);
    const [verdict] = JSON.parse(io.stdout()) as {
      findings: { ruleId: string; sheet: string; cell: string }[];
      figures: { kpiId: string; actual: number | null }[];
    }[];
    expect(verdict.findings).toContainEqual(
      expect.objectContaining({ ruleId: "FORMULA-TYPED", sheet: "KPIs", cell: "G6" }),
    );
    expect(verdict.figures.find((f) => f.kpiId === "referrals")?.actual).toBeNull();
  });

  test("annotate does not ask the officer's spreadsheet to run a typed formula on opening", async () => {
    const dir = tempDir();
    const bytes = await editPackage(
      good,
      formulaInCell("KPIs", "G6", '=WEBSERVICE("https://example.org/x")', 40),
    );
    // As Excel saves it: results stored, no request to compute on opening.
    const saved = await editPackage(bytes, async (zip) => {
      const xml = await zip.file("xl/workbook.xml")!.async("string");
      zip.file("xl/workbook.xml", xml.replace(/\s*fullCalcOnLoad="1"/, ""));
    });
    await fs.writeFile(path.join(dir, "r.xlsx"), saved);
    await main(["annotate", "r.xlsx", "-o", "a.xlsx"], testIo(dir));
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, "a.xlsx")));
    expect(await zip.file("xl/workbook.xml")!.async("string")).not.toMatch(/fullCalcOnLoad="1"/);
  });
});

describe("a computed cell holding a different formula", () => {
  test('RAG ="Green" on a KPI: FORMULA-OVERWRITTEN at its cell, naming the formula', async () => {
    const { findings } = await read(
      await editPackage(good, formulaInCell("KPIs", "M6", '="Green"', "Green")),
    );
    const changed = findings.filter((f) => f.ruleId === "FORMULA-OVERWRITTEN");
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ kpiId: "referrals", location: { row: 0, column: "RAG" } });
    expect(changed[0].message).toContain('holds the formula ="Green" instead of its formula');
  });

  test("the formulas the return was made with are accepted, whatever their spacing or case", async () => {
    expect((await read(good)).findings).toEqual([]);
  });
});
