/**
 * The Word report opened by a real word processor: LibreOffice Writer headless converts the demo quarter's .docx to
 * PDF, its text must carry the seed's comparisons, and its first page is rendered to PNG with pdftoppm (poppler-utils):
 * into test-results/report-docx.png on every run, and into docs/screenshots/report-docx.png with
 * KPI_RETURNS_UPDATE_SCREENSHOTS=1.
 *
 * Needs soffice (libreoffice-writer) and pdftoppm/pdftotext (poppler-utils). Without them the test is skipped with a
 * loud warning, and FAILS when KPI_RETURNS_REQUIRE_TOOLS=1 (as .ci/run sets).
 */
import { execFile } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { buildQuarterlyReport } from "../../src/report/model";
import { draftNarrative } from "../../src/report/narrative";
import { renderReportDocx } from "../../src/report/docx";
import { seedQuarterItems } from "../support/seed-items";

const run = promisify(execFile);
const find = (name: string): string | undefined =>
  ["/usr/bin", "/usr/local/bin"].map((d) => path.join(d, name)).find((p) => existsSync(p));
const SOFFICE = find("soffice");
const PDFTOPPM = find("pdftoppm");
const PDFTOTEXT = find("pdftotext");
const REQUIRED = process.env.KPI_RETURNS_REQUIRE_TOOLS === "1";
const missing = [
  !SOFFICE && "soffice (libreoffice-writer-nogui)",
  !PDFTOPPM && "pdftoppm",
  !PDFTOTEXT && "pdftotext",
].filter(Boolean);

if (missing.length) {
  const message =
    `\n!!! ${missing.join(", ")} not installed: the check that the Word report opens in LibreOffice DID NOT RUN.\n` +
    "!!! Install them with `apt-get install libreoffice-writer-nogui poppler-utils`, or run .ci/run.\n";
  if (REQUIRED) {
    test("LibreOffice Writer and poppler-utils are installed (KPI_RETURNS_REQUIRE_TOOLS=1)", () => {
      throw new Error(message);
    });
  } else {
    console.warn(message);
  }
}
const withTools = missing.length ? describe.skip : describe;

withTools("the Word report in LibreOffice", () => {
  let dir: string;
  let text: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "kpi-docx-lo-"));
    const items = seedQuarterItems();
    const report = buildQuarterlyReport(items.kpi, items.budget, "2022-23 Q2");
    const docx = path.join(dir, "quarterly-report.docx");
    await fs.writeFile(
      docx,
      await renderReportDocx(report, draftNarrative(report), {
        generatedAt: new Date("2022-11-22T10:00:00Z"),
      }),
    );
    // A profile of its own, so a LibreOffice the user has open (or another test's) does not take the job.
    const profile = `file://${path.join(dir, "profile")}`;
    await run(
      SOFFICE!,
      [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, docx],
      {
        timeout: 120_000,
      },
    );
    text = (await run(PDFTOTEXT!, ["-layout", path.join(dir, "quarterly-report.pdf"), "-"])).stdout.replace(
      /\s+/g,
      " ",
    );
  }, 180_000);
  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it("converts to PDF whose text carries the seed's comparisons", () => {
    expect(text).toContain("Overview of commissioning activity report (Q2 2022/23)");
    expect(text).toContain("Putting Victims and Survivors First");
    expect(text).toMatch(/from 4,441 to 3,834/);
    expect(text).toMatch(/492 total referrals \(hospital data included\) in Q2 2022\/23 compared to 465/);
    expect(text).toMatch(/from 37 to 55 this quarter/);
    expect(text).toMatch(/double the annual target of 60/);
    expect(text).toMatch(/up slightly from the 388/);
    expect(text).toContain("£636,541");
    expect(text).toContain("Telford & Wrekin CSP £158,934, of which £135,640 spent");
    expect(text).toContain("£158,934 £135,640 85.3%"); // the CSP table's row
  });

  it("renders its first page to PNG (docs/screenshots/report-docx.png)", async () => {
    const out = path.join(dir, "page");
    await run(
      PDFTOPPM!,
      ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", path.join(dir, "quarterly-report.pdf"), out],
      {
        timeout: 60_000,
      },
    );
    const png = await fs.readFile(`${out}.png`);
    expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join("")).toBe("PNG");
    expect(png.length).toBeGreaterThan(20_000);
    // Afresh on every run into test-results/, as the browser test's screenshots; into the docs when asked.
    const root = path.join(__dirname, "..", "..");
    await fs.mkdir(path.join(root, "test-results"), { recursive: true });
    await fs.writeFile(path.join(root, "test-results", "report-docx.png"), png);
    if (process.env.KPI_RETURNS_UPDATE_SCREENSHOTS === "1") {
      await fs.writeFile(path.join(root, "docs", "screenshots", "report-docx.png"), png);
    }
  });
});
