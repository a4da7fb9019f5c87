/**
 * The pane's words for whoever reads them. Findings are written once, for the command line and the provider alike;
 * the pane shows them without the workbook's internal names (its hidden sheet and table names), and an officer's view
 * without the sentences addressed to the provider ("Please amend…"). The original text stays one click away, behind
 * the finding's details.
 */
import type { Finding } from "../core/types";

export type Reader = "provider" | "officer";

/** Internal names a reader never needs, and the words for them. */
const INTERNAL_NAMES: readonly [RegExp, string][] = [
  [/(?:the |no )?"?KpiReturnsMetadata"? sheet/g, "the return's record"],
  [/\bKpiReturn table\b/g, "KPI table"],
  [/\bBudgetReturn table\b/g, "budget table"],
  [/\bKpiReturnsMetadata\b/g, "the return's record"],
];

/** Whole sentences written to the provider: an officer reads the finding, not the request. */
const TO_PROVIDER = /\s*Please (amend|use|explain|check|type|give)[^.]*(\.|$)/g;

/** A finding's message as `reader` should read it. */
export function plainMessage(finding: Finding, reader: Reader): string {
  let text = finding.message;
  if (finding.ruleId === "METADATA-MISSING") text = "This workbook is not a return made from a KPI template.";
  if (finding.ruleId === "TABLE-MISSING" && finding.location.table === "KpiReturn" && !finding.kpiId)
    text = text.replace(/^This workbook has no .*$/, "This workbook has no KPI or budget table.");
  for (const [pattern, words] of INTERNAL_NAMES) text = text.replace(pattern, words);
  if (reader === "officer") text = text.replace(TO_PROVIDER, "").trim();
  return text || finding.message;
}

/** What an officer sees behind a finding's details: the provider's wording, when it differs from the officer's. */
export function providerWording(finding: Finding): string | null {
  const provider = plainMessage(finding, "provider");
  return provider === plainMessage(finding, "officer") ? null : provider;
}
