/**
 * The Word report from the demo quarter's list items: the seed's shape (title, plan headings, numbered service
 * paragraphs, the CSP table and chart, referrals charts, a KPI appendix), well-formed XML in every part whatever the
 * lists hold, and a later draft keeping exactly the paragraphs the officer rewrote.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { buildQuarterlyReport } from "../../src/report/model";
import { allParagraphs, draftNarrative, paragraphText } from "../../src/report/narrative";
import { bookmarkFor, renderReportDocx } from "../../src/report/docx";
import { readDocxBase } from "../../src/report/docx-base";
import { seedQuarterItems } from "../support/seed-items";
import { reportFormatOf, writeReport } from "../../src/cli/commands/report";
import { malformedParts } from "../support/xml-parts";

const PERIOD = "2022-23 Q2";
const generatedAt = new Date("2022-11-22T10:00:00Z");
const demo = seedQuarterItems();
const report = buildQuarterlyReport(demo.kpi, demo.budget, PERIOD);
const narrative = draftNarrative(report);

/** All the text of document.xml, paragraph by paragraph. */
function texts(xml: string): string[] {
  return [...xml.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => t[1])
      .join("")
      .replace(/&amp;/g, "&")
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"'),
  );
}

describe("renderReportDocx", () => {
  let zip: JSZip;
  let paragraphs: string[];
  let xml: string;
  beforeAll(async () => {
    zip = await JSZip.loadAsync(
      await renderReportDocx(report, narrative, { generatedAt, source: "emulator" }),
    );
    xml = await zip.file("word/document.xml")!.async("string");
    paragraphs = texts(xml);
  });

  it("is in the seed's shape: title, the plan's headings in order, numbered service paragraphs, an appendix", () => {
    expect(paragraphs[0]).toBe("Overview of commissioning activity report (Q2 2022/23)");
    const order = [
      "Putting Victims and Survivors First",
      "Building a More Secure West Mercia",
      "Reassuring West Mercia",
      "Reforming West Mercia",
      "Referrals",
      "Appendix: KPI figures",
    ].map((h) => paragraphs.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Every service paragraph is numbered, on one list so the numbers run on through the headings as the seed's do.
    const numbered = xml.match(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/g) ?? [];
    expect(numbered).toHaveLength(allParagraphs(narrative).length);
    expect(new Set(numbered).size).toBe(1);
  });

  it("carries the seed's comparisons in its paragraphs", () => {
    const all = paragraphs.join("\n");
    expect(all).toMatch(/from 4,441 to 3,834/);
    expect(all).toMatch(/492 total referrals \(hospital data included\) in Q2 2022\/23 compared to 465/);
    expect(all).toMatch(/from 37 to 55 this quarter, exceeding the planned target/);
    expect(all).toMatch(/double the annual target of 60, with 30 new referrals/);
    expect(all).toMatch(/400 valid referrals .* up slightly from the 388/);
    expect(all).toContain("awarded a combined total of £636,541");
  });

  it("summarises the CSPs' funding as a table: each award and spend, and the total", () => {
    const at = paragraphs.indexOf("Community Safety Partnership");
    expect(at).toBeGreaterThan(0);
    expect(paragraphs.slice(at, at + 4)).toEqual([
      "Community Safety Partnership",
      "Awarded",
      "Spent to date",
      "Utilisation",
    ]);
    const row = (name: string): string[] =>
      paragraphs.slice(paragraphs.indexOf(name), paragraphs.indexOf(name) + 4);
    expect(row("Shropshire CSP")).toEqual(["Shropshire CSP", "£98,441", "£50,200", "51.0%"]);
    expect(row("Telford & Wrekin CSP")).toEqual(["Telford & Wrekin CSP", "£158,934", "£135,640", "85.3%"]);
    expect(row("Total")).toEqual(["Total", "£636,541", "£515,579", "81.0%"]);
  });

  it("draws the charts as PNG images with alt text: CSP utilisation and each service's referrals", async () => {
    const media = Object.keys(zip.files).filter((n) => n.startsWith("word/media/"));
    expect(media).toHaveLength(1 + report.referrals.length);
    for (const name of media) {
      const bytes = await zip.file(name)!.async("uint8array");
      expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
    expect(xml).toContain('descr="Budget utilisation by Community Safety Partnership: Shropshire CSP 51.0%');
    expect(xml).toMatch(/descr="Victim Advice Line \(VAL\), Referrals: not reported, 4441, 3834"/);
  });

  it("has a KPI appendix row per reported KPI", () => {
    const appendix = paragraphs.slice(paragraphs.indexOf("Appendix: KPI figures"));
    expect(appendix).toContain("Satisfaction rate (dip sample)");
    expect(appendix).toContain("−13.7%");
  });

  it("is well-formed XML in every part, even when list values hold characters XML forbids", async () => {
    expect(await malformedParts(await zip.generateAsync({ type: "uint8array" }))).toEqual([]);
    const kpi = demo.kpi.map((k) => ({ ...k, commentary: `${k.commentary}\uFFFE\u0002` }));
    const budget = demo.budget.map((b) => ({ ...b, area: `${b.area}\uFFFF` }));
    const hostile = buildQuarterlyReport(kpi, budget, PERIOD);
    const bad = await JSZip.loadAsync(
      await renderReportDocx(hostile, draftNarrative(hostile), { generatedAt }),
    );
    expect(await malformedParts(await bad.generateAsync({ type: "uint8array" }))).toEqual([]);
  });
});

describe("a later draft keeps the paragraphs the officer rewrote", () => {
  const officer =
    "The Victim Advice Line (VAL) saw a drop in referrals from 4,441 to 3,834 during Q2, consistent with historical patterns; two Victim Care Coordinators are now in post.";

  /** The previous draft with the VAL paragraph rewritten, as Word saves an edit: the bookmark stays, the runs change. */
  async function editedDraft(): Promise<Buffer> {
    const zip = await JSZip.loadAsync(await renderReportDocx(report, narrative, { generatedAt }));
    const xml = await zip.file("word/document.xml")!.async("string");
    const val = allParagraphs(narrative).find((p) => /Victim Advice Line/.test(p.lead))!;
    const name = bookmarkFor(val.key);
    const paragraph = [...xml.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)]
      .map((m) => m[0])
      .find((p) => p.includes(`w:name="${name}"`))!;
    const rewritten = paragraph.replace(
      /(<w:bookmarkStart[^>]*\/>)[\s\S]*(<w:bookmarkEnd[^>]*\/>)/,
      `$1<w:r><w:t xml:space="preserve">${officer}</w:t></w:r>$2`,
    );
    zip.file("word/document.xml", xml.replace(paragraph, rewritten));
    return zip.generateAsync({ type: "nodebuffer" });
  }

  it("finds no rewritten paragraph in an untouched draft", async () => {
    const untouched = await renderReportDocx(report, narrative, { generatedAt });
    expect((await readDocxBase(untouched, "previous.docx")).size).toBe(0);
  });

  it("keeps the rewritten paragraph (matched by service), drafts the rest afresh, and says which it kept", async () => {
    const rewritten = await readDocxBase(await editedDraft(), "previous.docx");
    expect([...rewritten.values()]).toEqual([officer]);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kpi-docx-"));
    try {
      const file = path.join(dir, "next.docx");
      const written = await writeReport(report, file, generatedAt, "emulator", "next.docx", rewritten);
      expect(written.kept).toEqual(["Victim Advice Line (VAL)"]);
      const next = texts(
        await (await JSZip.loadAsync(await fs.readFile(file))).file("word/document.xml")!.async("string"),
      );
      expect(next).toContain(officer);
      expect(next.join("\n")).not.toContain(
        paragraphText(allParagraphs(narrative).find((p) => /Victim Advice Line/.test(p.lead))!),
      );
      // The others are the draft's own words.
      const drive = allParagraphs(narrative).find((p) => /DRIVE/.test(p.lead))!;
      expect(next).toContain(paragraphText(drive));
      // And the officer's paragraph stays theirs in the draft after that.
      expect([...(await readDocxBase(await fs.readFile(file), "next.docx")).values()]).toEqual([officer]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a file that is not a draft, plainly", async () => {
    await expect(readDocxBase(Buffer.from("not a zip"), "old.docx")).rejects.toThrow(
      '"old.docx" is not a Word document (.docx): it could not be opened as one.',
    );
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document/>");
    await expect(readDocxBase(await zip.generateAsync({ type: "nodebuffer" }), "old.docx")).rejects.toThrow(
      /is not a draft written by kpi-returns report/,
    );
  });
});

describe("report --format", () => {
  it("takes docx, and must agree with the output's name", () => {
    expect(reportFormatOf("q2.docx", "docx")).toBe("docx");
    expect(reportFormatOf("q2.docx")).toBe("docx");
    expect(() => reportFormatOf("q2.html", "docx")).toThrow(
      '--format docx does not match the output "q2.html"',
    );
    expect(() => reportFormatOf("q2.docx", "pdf")).toThrow('--format "pdf" is not a report format');
  });
});
