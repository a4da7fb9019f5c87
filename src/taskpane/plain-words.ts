/**
 * The pane's words for whoever reads them. Findings are written once, for the command line, the provider and the
 * officer alike; the pane shows them without the workbook's internal names (its hidden sheet, table and template ids,
 * its record's format), a template's version said plainly ("version 1"), and each sentence only to the reader it is
 * addressed to: an officer does not read the requests made of the provider ("Please amend…"), and a provider does not
 * read what is asked of the officer ("Ask the provider…"). The original text stays one click away, behind the
 * finding's details.
 */
import type { Finding } from "../core/types";
import { reword, withoutInternalNames, type Rewording } from "./internal-names";

export type Reader = "provider" | "officer";

/** "1.0.0" → "version 1", "1.1.0" → "version 1.1", "1.0.2" → "version 1.0.2": a template's version said plainly. */
export function versionWords(version: string): string {
  return `version ${version.replace(/(?:\.0)+$/, "")}`;
}

const VERSION = String.raw`(\d+(?:\.\d+)*)`;
const ID = String.raw`"[^"]+"`;

/** Template ids and versions as the return's record holds them ("idva", 1.0.0): the reader knows the service. */
const TEMPLATE_IDS: readonly Rewording[] = [
  [new RegExp(`template ${ID} version ${VERSION}`, "g"), (_, v) => `${versionWords(v)} of its template`],
  [new RegExp(`against ${ID} version ${VERSION}`, "g"), (_, v) => `against ${versionWords(v)}`],
  [new RegExp(`version ${VERSION} of template ${ID}`, "g"), (_, v) => `${versionWords(v)} of its template`],
  [new RegExp(`\\(it knows ${VERSION}\\)`, "g"), (_, v) => `(it knows ${versionWords(v)})`],
  [new RegExp(`with template ${ID}`, "g"), "with a template"],
  [new RegExp(`\\btemplate ${ID}`, "g"), "its template"],
];

/** Sentences and clauses written to the provider: an officer reads the finding, not the request. */
const TO_PROVIDER: readonly Rewording[] = [
  [/;\s*please [\s\S]*?\.(?=\s|$)/g, "."],
  [/\s*(?:Please |If you meant |If that is right|Only the yellow cells )[\s\S]*?\.(?=\s|$)/g, ""],
];

/** Sentences written to the officer: a provider reads what it means for them. */
const TO_OFFICER: readonly Rewording[] = [
  [/Ask the provider to use the return they were sent\./g, "Please use the return workbook you were sent."],
  // The Return Register's checks, met by a provider whose pane can reach the team's site.
  [
    /Only the yellow cells are the provider's to change; ask them to put it back\./g,
    "Only the yellow cells are yours to change; please put it back.",
  ],
  [/ \(Return Register\)/g, ""],
  [
    /The workbook names the provider ("[^"]+"); the register has ("[^"]+")\. They are read as one provider, under the register's name\./g,
    "This workbook names your organisation $1; the commissioning team knows you as $2, and reads it under that name.",
  ],
  [
    /No return from ("[^"]+") on its template for (\S+ Q\d) was issued in the Return Register, so this workbook cannot be received, approved or synced\.(?: The register has [^\n]*)?/g,
    "The commissioning team issued no return from $1 for $2 on this template. Please use the return workbook you were sent.",
  ],
  [
    /Ask whoever looks after the list to restore it, or issue the return again\./g,
    "The commissioning team will put it right.",
  ],
  [
    / and the return will not be synced\. Send it back to the provider; once it is received again, check it and approve the new figures\./g,
    ": the commissioning team will check it and approve it again.",
  ],
];

/** A finding's message as `reader` should read it. */
export function findingMessage(finding: Finding, reader: Reader): string {
  let text = finding.message;
  if (finding.ruleId === "METADATA-MISSING") text = "This workbook is not a return made from a KPI template.";
  if (finding.ruleId === "TABLE-MISSING" && finding.location.table === "KpiReturn" && !finding.kpiId)
    text = text.replace(/^This workbook has no .*$/, "This workbook has no KPI or budget table.");
  text = reword(withoutInternalNames(text), TEMPLATE_IDS);
  text = reword(text, reader === "officer" ? TO_PROVIDER : TO_OFFICER).trim();
  return text || finding.message;
}

/** What an officer sees behind a finding's details: the provider's wording, when it differs from the officer's. */
export function providerWording(finding: Finding): string | null {
  const provider = findingMessage(finding, "provider");
  return provider === findingMessage(finding, "officer") ? null : provider;
}
