/**
 * The workbook's internal names (its hidden record sheet, its tables' names, its record's format) as a reader knows
 * them, for any text the pane shows: a finding (plain-words.ts) or a failure (failure-words.ts). Kept apart and small
 * because failures are worded on the pane's first screen; the rest of a finding's rewording loads with the views.
 */

/** A pattern and its words: a string, or a function of the match's groups. */
export type Rewording = readonly [RegExp, string | ((...groups: string[]) => string)];

/** Internal names a reader never needs, and the words for them (in this order: the longer phrases first). */
const INTERNAL_NAMES: readonly Rewording[] = [
  [/\bno "?KpiReturnsMetadata"? sheet/g, "no return record"],
  [/(?:the )?"?KpiReturnsMetadata"? sheet/g, "the return's record"],
  [/\bKpiReturnsMetadata\b/g, "the return's record"],
  [/\s*\(or rename the table back to \w+\)/g, ""],
  [/\bKpiReturn table\b/g, "KPI table"],
  [/\bBudgetReturn table\b/g, "budget table"],
  [
    /\b(t|T)he return's metadata "[^"]+" could not be read/g,
    (_, t) => `${t === "T" ? "P" : "p"}art of the return's record could not be read`,
  ],
  [/\b(t|T)he return's metadata\b/g, (_, t) => `${t}he return's record`],
  [
    /says it follows workbook contract version \d+, but this add-in writes version \d+/g,
    "is in a form this add-in does not write",
  ],
  [/has no contract version, so/g, "is incomplete, so"],
];

export function reword(text: string, rewordings: readonly Rewording[]): string {
  // Each replacement is a string or a function of the match's groups; `replace` takes either.
  return rewordings.reduce((t, [pattern, words]) => t.replace(pattern, words as string), text);
}

/** Text without the workbook's internal names. */
export function withoutInternalNames(text: string): string {
  return reword(text, INTERNAL_NAMES);
}
