/**
 * The package looked at before ExcelJS reads it: files written by other tools are read, files that are not workbooks
 * are named plainly, and hostile packages are refused within the stated limits in bounded time and memory.
 */
import JSZip from "jszip";
import { UserError } from "../../src/core/errors";
import { readReturn } from "../../src/workbook";
import { PACKAGE_LIMITS } from "../../src/workbook/package";
import { xlsxFromBuffer } from "../../src/workbook/xlsx";
import { builtInTemplates } from "../../src/templates";
import {
  absolutePartNames,
  chartAdded,
  editPackage,
  farCellOnMetadata,
  foreignFiles,
  longSharedString,
  macroEnabledType,
  macrosAdded,
  manyRows,
  seedReturnBytes,
  tableToLastCell,
  zipBomb,
} from "../support/hostile";

let good: Buffer;
beforeAll(async () => {
  good = await seedReturnBytes();
});

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  const err = await xlsxFromBuffer(bytes, name).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  const message = (err as UserError).message;
  expect(message).toContain(`"${name}"`);
  expect(message).not.toMatch(/\n\s+at |undefined|TypeError/);
  return message;
}

describe("files other tools write", () => {
  test("absolute part names (as openpyxl writes them) are read like any return", async () => {
    const bytes = await editPackage(good, absolutePartNames);
    const { ret, findings } = readReturn(
      (await xlsxFromBuffer(bytes, "openpyxl.xlsx")).snapshot(),
      builtInTemplates,
    );
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(ret?.kpis.map((k) => k.kpiId)).toContain("referrals");
  });
});

describe("what is not an .xlsx workbook is named plainly", () => {
  let files: Record<string, Buffer>;
  beforeAll(async () => {
    files = await foreignFiles();
  });
  test.each([
    ["empty.xlsx", /is empty \(0 bytes\)/],
    ["encrypted.xlsx", /protected with a password \(encrypted\)/],
    ["old.xls", /old Excel 97–2003 workbook \(\.xls\).*save it as an Excel Workbook \(\.xlsx\)/],
    ["figures.csv", /looks like text, such as a CSV file.*save it as an Excel Workbook \(\.xlsx\)/],
    ["figures.ods", /OpenDocument spreadsheet \(\.ods\).*save it as an Excel Workbook \(\.xlsx\)/],
    ["notes.xlsx", /zip archive of other files \(notes\.txt\), not an \.xlsx workbook/],
  ])("%s", async (name, expected) => {
    const message = await refusal(files[name], name);
    expect(message).toMatch(expected);
    // The old advice for every one of these was to re-save an .xls.
    if (name !== "old.xls") expect(message).not.toMatch(/older \.xls/);
  });

  test("a macro-enabled workbook (.xlsm) is told to save as .xlsx", async () => {
    const message = await refusal(await editPackage(good, macroEnabledType), "return.xlsm");
    expect(message).toMatch(/macro-enabled workbook \(\.xlsm\).*save it as an Excel Workbook \(\.xlsx\)/);
  });
});

describe("what a rewrite cannot keep is listed, never dropped", () => {
  test("a chart and macros are listed as not kept; a plain return lists nothing", async () => {
    expect((await xlsxFromBuffer(good, "plain.xlsx")).notKept).toEqual([]);
    const wb = await xlsxFromBuffer(
      await editPackage(await editPackage(good, chartAdded), macrosAdded),
      "c.xlsx",
    );
    expect(wb.notKept).toEqual(
      expect.arrayContaining([
        { what: "a chart", part: "xl/charts/chart1.xml", reachesOut: false },
        { what: "macros", part: "xl/vbaProject.bin", reachesOut: true },
      ]),
    );
  });

  test("saving a workbook holding a chart is refused, naming the chart", async () => {
    const wb = await xlsxFromBuffer(await editPackage(good, chartAdded), "chart.xlsx");
    await expect(wb.save("/nonexistent/never-written.xlsx")).rejects.toThrow(
      /"chart\.xlsx" holds a chart \(xl\/charts\/chart1\.xml\), which the command line cannot keep .* nothing was written/,
    );
  });
});

describe("bounded reading", () => {
  /** Reads with a clock: a hostile file must be done (read or refused) well within the time a person waits. */
  async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
    const started = Date.now();
    const result = await run();
    return { ms: Date.now() - started, result };
  }

  test("a table declared to XFD1048576 is read over its stored cells only", async () => {
    const bytes = await editPackage(good, tableToLastCell);
    const { ms, result } = await timed(async () => (await xlsxFromBuffer(bytes, "huge-ref.xlsx")).snapshot());
    expect(ms).toBeLessThan(5000);
    const kpi = result.tables.find((t) => t.name === "KpiReturn");
    expect(kpi?.values.length).toBeLessThan(50);
    expect(kpi?.headers.length).toBeLessThan(30);
  });

  test("one cell at XFD1048576 on the metadata sheet costs one cell", async () => {
    const bytes = await editPackage(good, farCellOnMetadata);
    const { ms, result } = await timed(async () => (await xlsxFromBuffer(bytes, "far.xlsx")).snapshot());
    expect(ms).toBeLessThan(5000);
    expect(result.metadata?.templateId).toBe("idva");
  });

  test("a zip bomb is refused by its unpacked size, naming the limit", async () => {
    const bytes = await editPackage(good, zipBomb(PACKAGE_LIMITS.partBytes / 1024 / 1024 + 1));
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const { ms, result } = await timed(() => refusal(bytes, "bomb.xlsx"));
    expect(ms).toBeLessThan(5000);
    expect(result).toMatch(
      /has a part \(xl\/media\/image1\.png\) of .*more than the 20\.0 MB a return may hold unpacked/,
    );
  });

  test("a text longer than a cell can hold is refused", async () => {
    const message = await refusal(
      await editPackage(good, longSharedString(PACKAGE_LIMITS.textChars + 10)),
      "long.xlsx",
    );
    expect(message).toMatch(/holds a text of more than 32,767 characters \(in xl\/sharedStrings\.xml\)/);
  });

  test("a sheet of more rows than a return's sheet may have is refused", async () => {
    const message = await refusal(
      await editPackage(good, manyRows(PACKAGE_LIMITS.rowsPerSheet + 1)),
      "rows.xlsx",
    );
    expect(message).toMatch(
      /has a sheet \(xl\/worksheets\/sheet\d+\.xml\) of 20,0\d\d rows, more than the 20,000 rows/,
    );
  });

  test("a file larger than a return may be is refused before it is unpacked", async () => {
    const big = Buffer.concat([good, Buffer.alloc(PACKAGE_LIMITS.fileBytes)]);
    expect(await refusal(big, "big.xlsx")).toMatch(/is 10\.\d MB, more than the 10\.0 MB a return may be/);
  });
});

describe("what the product writes is valid Office Open XML", () => {
  test("every data validation's errorStyle is one the schema allows (stop, warning, information)", async () => {
    const zip = await JSZip.loadAsync(good);
    const styles: string[] = [];
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async("string");
      for (const m of xml.matchAll(/<dataValidation\b[^>]*>/g))
        styles.push(m[0].match(/errorStyle="([^"]*)"/)?.[1] ?? "stop");
    }
    expect(styles.length).toBeGreaterThan(5);
    for (const style of styles) expect(["stop", "warning", "information"]).toContain(style);
  });
});
