/**
 * List values are untrusted text (anyone with edit rights on the lists can type anything): the HTML report escapes
 * every one of them, whichever field it sits in, and the .xlsx stays well-formed XML whatever characters they hold.
 */
import JSZip from "jszip";
import { buildQuarterlyReport } from "../../src/report/model";
import { CONTENT_POLICY, renderReportHtml } from "../../src/report/html";
import { renderReportXlsx } from "../../src/report/xlsx";
import type { BudgetListItem, KpiListItem } from "../../src/sharepoint/list-items";
import { PERIOD, seedBudgetItems, seedKpiItems } from "./items";
import { malformedParts } from "../support/xml-parts";

const generatedAt = new Date("2022-11-22T10:00:00Z");
/** Fields that identify an item's place (period, keys, template): changing them would take it out of the report. */
const STRUCTURAL = new Set([
  "period",
  "key",
  "returnKey",
  "templateId",
  "templateVersion",
  "unit",
  "kpiId",
  "lineId",
]);

/** Every free-text field of every item set to `value(field)`, the structural ones left alone. */
function poisoned<T extends KpiListItem | BudgetListItem>(
  items: readonly T[],
  value: (field: string) => string,
): T[] {
  return items.map((item) => {
    const copy: Record<string, unknown> = { ...item };
    for (const [field, v] of Object.entries(item)) {
      if (typeof v === "string" && !STRUCTURAL.has(field)) copy[field] = value(field);
    }
    return copy as T;
  });
}

describe("the HTML report and hostile list values", () => {
  const payload = (field: string): string =>
    `<b data-field="${field}">x</b><meta http-equiv="refresh" content="0">`;
  const kpi = poisoned(seedKpiItems(), payload);
  const budget = poisoned(seedBudgetItems(), payload);
  const html = renderReportHtml(buildQuarterlyReport(kpi, budget, PERIOD), { generatedAt });

  it("escapes every list value, whichever field it sits in (a budget item's Area included)", () => {
    expect(html).not.toMatch(/<b data-field/);
    expect(html).not.toMatch(/<meta http-equiv="refresh"/);
    // Each field that reaches the page reaches it escaped: the Area (shown beside the provider) among them.
    expect(html).toContain("&lt;b data-field=&quot;area&quot;&gt;x&lt;/b&gt;");
    expect(html).toContain("&lt;b data-field=&quot;provider&quot;&gt;");
    expect(html).toContain("&lt;b data-field=&quot;commentary&quot;&gt;");
  });

  it("tells the browser to refuse forms and <base>, as well as scripts and anything fetched", () => {
    expect(CONTENT_POLICY).toContain("form-action 'none'");
    expect(CONTENT_POLICY).toContain("base-uri 'none'");
    expect(CONTENT_POLICY).toContain("default-src 'none'");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_POLICY}">`);
  });
});

describe("the .xlsx report and characters XML forbids", () => {
  const forbidden = (field: string): string => `${field}\uFFFE\u0001\uFFFF\uD800end`;

  it("stays well-formed XML in every part when list values hold U+FFFE, C0 controls or a lone surrogate", async () => {
    const kpi = poisoned(seedKpiItems(), forbidden);
    const budget = poisoned(seedBudgetItems(), forbidden);
    const xlsx = await renderReportXlsx(buildQuarterlyReport(kpi, budget, PERIOD), { generatedAt });
    expect(await malformedParts(xlsx)).toEqual([]);
    const zip = await JSZip.loadAsync(xlsx);
    // The text around the bad characters is kept, each bad one shown as a replacement mark.
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(strings).toContain("commentary\uFFFD\uFFFD\uFFFD\uFFFDend");
  });
});
