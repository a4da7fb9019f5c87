import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { seedReturns } from "../../src/seed/q2-2022-23";
import { testIo, tempDir } from "./support";

/** The same code path as `npm run demo`, in-process, into a temporary folder. */
describe("kpi-returns demo", () => {
  it("runs every step, approves and syncs the returns, and writes the report with the seed's CSP figures", async () => {
    const dir = tempDir();
    const io = testIo(dir);
    const code = await main(["demo", "--out", "demo-output"], io);
    const out = io.stdout();
    if (code !== 0) throw new Error(`demo exited ${code}:\n${io.stderr()}\n${out.slice(-2000)}`);

    const headings = out.match(/^=== Step (\d) of 7: .+ ===$/gm) ?? [];
    expect(headings.map((h) => Number(/Step (\d)/.exec(h)![1]))).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const returns = await fs.readdir(path.join(dir, "demo-output", "returns"));
    expect(returns.filter((f) => f.endsWith(".xlsx"))).toHaveLength(seedReturns.length);
    // The seed's own slips reach the findings: the Victim Advice Line's fall in referrals is queried.
    expect(out).toMatch(/Victim Advice Line\s+query\s+PREV-CHANGE-Q/);
    // Telford's "£135, 640" arrives as text and is reported as read, not silently converted.
    expect(out).toMatch(/Telford & Wrekin CSP\s+info\s+CLEANED\s+Budget!D6\s+Spent to date .*"£135, 640"/);
    expect(out).toContain(
      "Community Safety Partnerships: awarded £636,541, spent £515,579, 81.0% utilisation",
    );
    expect(out).toContain(
      "Shropshire CSP 51.0%, Herefordshire CSP 88.1%, Telford & Wrekin CSP 85.3%, South Worcestershire CSP 100.0%, North Worcestershire CSP 73.1%",
    );

    const html = await fs.readFile(path.join(dir, "demo-output", "quarterly-report.html"), "utf8");
    expect(html).toContain("£636,541");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "demo-output", "quarterly-report.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Summary", "Data", "Budget data"]);
    // The Word report, drafted from the emulator's lists, carries the seed's comparisons.
    const docx = await JSZip.loadAsync(
      await fs.readFile(path.join(dir, "demo-output", "quarterly-report.docx")),
    );
    const words = await docx.file("word/document.xml")!.async("string");
    for (const phrase of [
      "from 4,441 to 3,834",
      "compared to 465 during the same period last year",
      "from 37 to 55",
      "double the annual target of 60",
      "up slightly from the 388",
      "£636,541",
    ])
      expect(words).toContain(phrase);
  }, 60_000);
});
