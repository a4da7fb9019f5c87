/**
 * What no reader should find in the pane, as patterns the words tests sweep every view's text with.
 */

/** A check's id as the rules write them: PREV-CHANGE-Q, METADATA-MISSING. Only behind "Details". */
export const RULE_ID = /\b[A-Z]{2,}(?:-[A-Z0-9]+)+\b/;

/**
 * Internal names and technical terms: the workbook's hidden sheet and tables, its record's format, build settings,
 * commands, and Graph's retry counts.
 */
export const INTERNAL =
  /KpiReturnsMetadata|\bKpiReturn\b|\bBudgetReturn\b|\bmetadata\b|workbook contract|KPI_[A-Z_]+|\bnpx\b|kpi-returns |`|\btries\b/i;

/** An HTTP status in brackets, as Graph's errors give it ("(429)"); swept where no figure in brackets belongs. */
export const HTTP_STATUS = /\([45]\d\d\)|\bHTTP\b/;

/** A template version as the metadata holds it ("1.0.0", "v1.0.0"), not said as one: the pane says "version 1". */
export const RAW_VERSION = /(?<!version )\bv?\d+\.\d+\.\d+\b/;

/** Words addressed to the provider: an officer never reads a request made of the provider. */
export const TO_PROVIDER = /\b(please|you|your|yours)\b/i;

/** Words addressed to the officer, or the officer's own jargon: a provider never reads them. */
export const TO_OFFICER = /\bthe provider\b|\bprovider's\b|\bapprove it afresh\b|\bsynced\b/i;

/**
 * The text shown before any "Details" disclosure is opened (technical detail kept out of the way). Other disclosures,
 * such as the template library under New, are part of the view and are read whole.
 */
export function visibleText(root: HTMLElement = document.body): string {
  const shown = root.cloneNode(true) as HTMLElement;
  shown.querySelectorAll("details").forEach((d) => {
    if (d.querySelector(":scope > summary")?.textContent === "Details")
      d.querySelectorAll(":scope > :not(summary)").forEach((c) => c.remove());
  });
  return shown.textContent ?? "";
}

/**
 * Elements whose whole text is a dash (or nothing at all where a value belongs): a row of "–" looks like data. A value
 * that is not there says so in words.
 */
export function bareDashes(root: HTMLElement = document.body): string[] {
  return [...root.querySelectorAll("td, th, dd, li, span, p")]
    .filter((el) => /^[\s\u2013\u2014-]+$/.test(el.textContent ?? "") && (el.textContent ?? "").trim() !== "")
    .map((el) => el.outerHTML);
}
