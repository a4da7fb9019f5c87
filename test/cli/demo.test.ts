import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { seedReturns } from "../../src/seed/q2-2022-23";
import { saferStreets4Template } from "../../src/seed/safer-streets-4";
import { readTemplateWorkbook } from "../../src/workbook/template-xlsx";
import { testIo, tempDir } from "./support";

/** The same code path as `npm run demo`, in-process, into a temporary folder. */
describe("kpi-returns demo", () => {
  // One run of the demo (about ten seconds) serves every check below.
  let dir = "";
  let out = "";
  beforeAll(async () => {
    dir = tempDir();
    const io = testIo(dir);
    const code = await main(["demo", "--out", "demo-output"], io);
    out = io.stdout();
    if (code !== 0) throw new Error(`demo exited ${code}:\n${io.stderr()}\n${out.slice(-2000)}`);
  }, 60_000);

  it("runs every step, approves and syncs the returns, and writes the report with the seed's CSP figures", async () => {
    const headings = out.match(/^=== Step (\d+) of 10: .+ ===$/gm) ?? [];
    expect(headings.map((h) => Number(/Step (\d+)/.exec(h)![1]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // One provider has not sent the return in: it is overdue in the status table, and its reminder is drafted.
    expect(out).toMatch(/Longlands care farm\s+[^\n]*Issued\s+14\/10\/2022\s+6 d/);
    expect(out).toMatch(
      /Draft to returns@longlands-care-farm\.example: Reminder: .* return for 2022-23 Q2 \(due 14\/10\/2022\)/,
    );
    expect(out).toMatch(
      /Victim Advice Line\s+Victim Advice Line[^\n]*Synced\s+14\/10\/2022\s+0\s+0\s+Commissioning Officer/,
    );

    const returns = await fs.readdir(path.join(dir, "demo-output", "returns"));
    // Every seed return, and the one issued with the Safer Streets 4 template from the KPI Templates list.
    expect(returns.filter((f) => f.endsWith(".xlsx"))).toHaveLength(seedReturns.length + 1);
    expect(returns).toContain("safer-streets-4--west-mercia-pcc.xlsx");
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
  });

  it("authors Safer Streets 4 as a template workbook, publishes it, issues, approves and syncs its return, and reports it", async () => {
    // The template's source is the workbook the demo wrote: read back, it is the template the seed describes.
    const workbook = path.join(dir, "demo-output", "templates", "safer-streets-4.xlsx");
    const read = await readTemplateWorkbook(workbook);
    expect(read.problems).toEqual([]);
    expect(read.template).toEqual(saferStreets4Template);
    expect(await fs.readdir(path.join(dir, "demo-output", "templates"))).toEqual(["safer-streets-4.xlsx"]);

    // Published through `template publish` by the signed-in demo officer, and read back from the list as Published.
    expect(out).toContain(
      "Published safer-streets-4@1.0.0 to the KPI Templates list, by Commissioning Officer (demo). Found a new template.",
    );
    expect(out).toMatch(
      /KPI Templates list item safer-streets-4@1\.0\.0: Published, by Commissioning Officer \(demo\) at 2022-10-20T09:30:00/,
    );

    // Issued, received, checked against the library's version (no TEMPLATE-UNKNOWN), approved and synced.
    expect(out).toMatch(/West Mercia PCC\s+safer-streets-4\s+0\s+\d+\s+\d+\s+ready to approve/);
    expect(out).toMatch(/West Mercia PCC\s+safer-streets-4\s+\d+\s+\d+\s+approved/);
    expect(out).not.toMatch(/West Mercia PCC[^\n]*TEMPLATE-UNKNOWN/);
    expect(out).toMatch(/West Mercia PCC\s+Safer Streets 4\s+Synced\s+14\/10\/2022/);
    // The finance view reads its figures from the KPI Returns list: 0 of 500 volunteers, 4 of 5 projects.
    expect(out).toMatch(/Safer Streets 4\s+Streetwatch volunteers recruited\s+0\s+500\s/);
    expect(out).toMatch(/Safer Streets 4\s+Projects moving after the procurement review\s+4\s+5\s/);

    // The report, in each format the demo writes, carries the service by its template.
    const html = await fs.readFile(path.join(dir, "demo-output", "quarterly-report.html"), "utf8");
    expect(html).toContain("Safer Streets 4");
    expect(html).toContain("Streetwatch volunteers recruited");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "demo-output", "quarterly-report.xlsx"));
    const rows: unknown[][] = [];
    wb.getWorksheet("Data")!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const ss4Rows = rows.filter((r) => r.includes("safer-streets-4") || r.includes("Safer Streets 4"));
    const figures = (label: string): unknown[] => ss4Rows.find((r) => r.includes(label)) ?? [];
    expect(figures("Streetwatch volunteers recruited")).toEqual(expect.arrayContaining([0, 500]));
    expect(figures("Streetwatch coordinator in post")).toEqual(expect.arrayContaining([0, 1]));
    expect(figures("Projects moving after the procurement review")).toEqual(expect.arrayContaining([4, 5]));
    const docx = await JSZip.loadAsync(
      await fs.readFile(path.join(dir, "demo-output", "quarterly-report.docx")),
    );
    const words = await docx.file("word/document.xml")!.async("string");
    expect(words).toContain("Safer Streets 4");
    // "since April" and the annual pace come from the published template (cumulative, annual target), not the list.
    expect(words).toContain(
      "With 0 Streetwatch volunteers recruited since April, the service is behind the pace needed for the annual target of 500.",
    );
    expect(words).toContain("4 projects moving after the procurement review, short of the target of 5");
  });
});
