/**
 * The quarterly report as a Word document in the shape the commissioning team publishes: a title, a heading per Police
 * and Crime Plan priority, numbered paragraphs per service (the drafted narrative, or the officer's own where they
 * rewrote it), the CSP funding summary as a table with its chart, each service's referrals chart, and a KPI appendix.
 * Each numbered paragraph sits in a bookmark named from its service, and the document's custom properties record a
 * fingerprint of each paragraph as drafted, so a later draft can tell which paragraphs the officer rewrote.
 */
import {
  AlignmentType,
  Bookmark,
  Document,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { formatPeriod, parsePeriod, previousQuarter, sameQuarterLastYear } from "../core/period";
import type { QuarterlyReport, ReportKpi, ServiceSection } from "./model";
import { allParagraphs, paragraphText, type Narrative, type NarrativeParagraph } from "./narrative";
import { referralsPng, utilisationPng, type PngChart } from "./png";
import { kpiFigureTexts, longDate, money, quarterTitle, ragText, share, xmlSafe } from "./text";

export interface DocxReportOptions {
  readonly generatedAt: Date;
  readonly source?: string;
  readonly organisation?: string;
}

const NUMBERING = "service-paragraphs";
const BRAND = "1F3864";
/** Custom property names: one per paragraph, holding the fingerprint of its text as drafted. */
export const DRAFT_PROPERTY_PREFIX = "KpiReturnsDraft_";

/** FNV-1a, 32 bits, as 8 hex digits: a fingerprint to notice an edit, not a security measure. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The text of a paragraph as compared between drafts: whitespace runs as one space, ends trimmed. */
export function comparable(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The bookmark a service's paragraph sits in: the same for the same service every quarter. */
export function bookmarkFor(key: string): string {
  return `kr_${fingerprint(key)}`;
}

function run(
  text: string,
  options: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {},
): TextRun {
  return new TextRun({ text: xmlSafe(text), ...options });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ heading: level, children: [run(text)] });
}

function numbered(p: NarrativeParagraph, officersText: string | undefined): Paragraph {
  const children =
    officersText !== undefined
      ? [run(officersText)]
      : [run(p.lead, { bold: true }), run(`${p.joiner === ": " ? ":" : ""} ${p.body}`)];
  return new Paragraph({
    numbering: { reference: NUMBERING, level: 0 },
    spacing: { after: 160 },
    children: [new Bookmark({ id: bookmarkFor(p.key), children })],
  });
}

function cell(text: string, options: { bold?: boolean; right?: boolean; header?: boolean } = {}): TableCell {
  return new TableCell({
    shading: options.header ? { type: ShadingType.CLEAR, color: "auto", fill: BRAND } : undefined,
    children: [
      new Paragraph({
        alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [
          run(text, { bold: options.bold || options.header, color: options.header ? "FFFFFF" : undefined }),
        ],
      }),
    ],
  });
}

/** Text width of an A4 page with the default margins, in twips: tables share it out by their proportions. */
const PAGE_TWIPS = 9026;

function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  rightFrom: number,
  proportions: readonly number[],
  totalRow = false,
): Table {
  const sum = proportions.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: proportions.map((p) => Math.round((p / sum) * PAGE_TWIPS)),
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map((h, i) => cell(h, { header: true, right: i >= rightFrom })),
      }),
      ...rows.map(
        (r, ri) =>
          new TableRow({
            children: r.map((t, i) =>
              cell(t, { right: i >= rightFrom, bold: totalRow && ri === rows.length - 1 }),
            ),
          }),
      ),
    ],
  });
}

function image(chart: PngChart, widthPx: number, title: string, description: string): Paragraph {
  const height = Math.round((chart.height / chart.width) * widthPx);
  return new Paragraph({
    children: [
      new ImageRun({
        type: "png",
        data: chart.png,
        transformation: { width: widthPx, height },
        altText: { name: xmlSafe(title), title: xmlSafe(title), description: xmlSafe(description) },
      }),
    ],
  });
}

function cspSection(report: QuarterlyReport): (Paragraph | Table)[] {
  if (report.csps.length === 0) return [];
  const rows = report.csps.map((l) => [l.area, money(l.awarded), money(l.spent), share(l.utilisation)]);
  rows.push([
    "Total",
    money(report.cspTotal.awarded),
    money(report.cspTotal.spent),
    share(report.cspTotal.utilisation),
  ]);
  const expected = report.csps.find((l) => l.expectedUtilisation !== null)?.expectedUtilisation ?? null;
  const described = report.csps.map((l) => `${l.area} ${share(l.utilisation)}`).join(", ");
  return [
    new Paragraph({ children: [run("Summary of Community Safety Partnership funding", { bold: true })] }),
    table(
      ["Community Safety Partnership", "Awarded", "Spent to date", "Utilisation"],
      rows,
      1,
      [4, 2, 2, 2],
      true,
    ),
    new Paragraph({ children: [] }),
    image(
      utilisationPng(report.csps, expected),
      600,
      "Budget utilisation by Community Safety Partnership",
      `Budget utilisation by Community Safety Partnership: ${described}`,
    ),
  ];
}

function referralsSection(report: QuarterlyReport): (Paragraph | Table)[] {
  if (report.referrals.length === 0) return [];
  const p = parsePeriod(report.period);
  const periods = {
    lastYear: formatPeriod(sameQuarterLastYear(p)),
    previous: formatPeriod(previousQuarter(p)),
    actual: report.period,
  };
  const out: (Paragraph | Table)[] = [
    heading("Referrals", HeadingLevel.HEADING_1),
    new Paragraph({
      children: [
        run(
          `Each service's referrals: ${quarterTitle(periods.lastYear)}, ${quarterTitle(periods.previous)} and ${quarterTitle(periods.actual)} (each chart has its own scale).`,
        ),
      ],
    }),
  ];
  for (const r of report.referrals) {
    const values = [r.lastYear, r.previous, r.actual]
      .map((v) => (v === null ? "not reported" : String(v)))
      .join(", ");
    out.push(
      new Paragraph({ keepNext: true, children: [run(r.service, { bold: true }), run(` – ${r.label}`)] }),
      image(referralsPng(r, periods), 300, `${r.service}: ${r.label}`, `${r.service}, ${r.label}: ${values}`),
    );
  }
  return out;
}

function kpiRow(s: ServiceSection, k: ReportKpi): string[] {
  return [s.service, k.label, ...kpiFigureTexts(k), ragText(k.rag)];
}

function appendix(report: QuarterlyReport): (Paragraph | Table)[] {
  const rows = report.services.flatMap((s) =>
    s.kpis.filter((k) => k.actual !== null).map((k) => kpiRow(s, k)),
  );
  return [
    heading("Appendix: KPI figures", HEADING_1),
    new Paragraph({
      children: [
        run(
          "Each KPI as approved, against its target, the previous quarter and the same quarter last year. Percentage KPIs change in percentage points.",
        ),
      ],
    }),
    rows.length
      ? table(
          [
            "Service",
            "KPI",
            "This quarter",
            "Target",
            "Variance",
            "vs previous quarter",
            "vs same quarter last year",
            "RAG",
          ],
          rows,
          2,
          [20, 24, 9, 8, 11, 10, 10, 8],
        )
      : new Paragraph({ children: [run("No approved KPI returns for this quarter.", { italics: true })] }),
  ];
}

const HEADING_1 = HeadingLevel.HEADING_1;

/**
 * The Word document. `kept` holds, by service key, the paragraphs the officer rewrote in the previous draft: their
 * text is written as the officer left it instead of the draft's. The fingerprint recorded is always the draft's, so
 * a kept paragraph still reads as the officer's own in the next draft too.
 */
export async function renderReportDocx(
  report: QuarterlyReport,
  narrative: Narrative,
  options: DocxReportOptions,
  kept: ReadonlyMap<string, string> = new Map(),
): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: [run(`Overview of commissioning activity report (${quarterTitle(report.period)})`)],
    }),
    new Paragraph({
      children: [
        run(
          `${options.organisation ?? "Office of the Police and Crime Commissioner"}. Drafted on ${longDate(options.generatedAt)} from the SharePoint lists “KPI Returns” and “Budget Returns”` +
            `${options.source ? ` on ${options.source}` : ""} (${report.sources.returns} approved returns). Figures are as the providers returned them and the commissioning team approved them; edit the paragraphs freely.`,
          { italics: true, color: "5B6572" },
        ),
      ],
    }),
    heading("Grants and contracts", HEADING_1),
  ];
  if (narrative.sections.length === 0) {
    body.push(
      new Paragraph({
        children: [run(`The lists hold no approved returns for ${report.period}.`, { italics: true })],
      }),
    );
  }
  for (const section of narrative.sections) {
    body.push(heading(section.heading, HeadingLevel.HEADING_2));
    for (const area of section.areas) {
      body.push(heading(area.area, HeadingLevel.HEADING_3));
      for (const p of area.paragraphs) body.push(numbered(p, kept.get(p.key)));
      if (area.paragraphs.some((p) => p === narrative.cspFunding)) body.push(...cspSection(report));
    }
  }
  body.push(...referralsSection(report), ...appendix(report));

  const customProperties = [
    { name: "KpiReturnsPeriod", value: report.period },
    ...allParagraphs(narrative).map((p) => ({
      name: `${DRAFT_PROPERTY_PREFIX}${bookmarkFor(p.key)}`,
      value: fingerprint(comparable(paragraphText(p))),
    })),
  ];
  const doc = new Document({
    creator: "kpi-returns",
    title: xmlSafe(`Overview of commissioning activity report (${quarterTitle(report.period)})`),
    description: "Quarterly commissioning report drafted from the SharePoint lists",
    customProperties,
    styles: { default: { document: { run: { font: "Arial", size: 22 } } } },
    numbering: {
      config: [
        {
          reference: NUMBERING,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: "%1.",
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 432, hanging: 432 } } },
            },
          ],
        },
      ],
    },
    sections: [{ children: body }],
  });
  return Packer.toBuffer(doc);
}
