/**
 * The rule ids a finding may carry, as one typed union made from the catalogues, so a finding (or a test fixture)
 * naming a rule that does not exist fails to compile. Core lists its own catalogues here; a layer above core adds
 * its catalogue by declaration merging (`declare module` on this file), so core imports nothing from it.
 */
import type { CoreRuleId } from "./catalogue";
import type { RegisterRuleId } from "../register-rules/catalogue";

/** Each catalogue's ids, by catalogue. Layers above core add theirs (the workbook's checks, for one). */
export interface RuleCatalogues {
  core: CoreRuleId;
  register: RegisterRuleId;
  /** The engine's own finding when a rule throws (a bug), which blocks approval until it is fixed. */
  engine: "RULE-FAILED";
}

/** Every id in every catalogue. */
export type RuleId = RuleCatalogues[keyof RuleCatalogues];

declare const templateRule: unique symbol;
/** A template's own rule's id ("IDVA-72H-GE-48H"): a template's data, named as such where a finding is made. */
export type TemplateRuleId = string & { readonly [templateRule]: true };

/** The id of a template's own rule, as its findings carry it. */
export function templateRuleId(id: string): TemplateRuleId {
  return id as TemplateRuleId;
}

/** What a finding is filed under: a catalogue's rule, or a template's own rule. */
export type FindingRuleId = RuleId | TemplateRuleId;

/**
 * A template's own rule as its findings are filed: its id and the severity the template gives it. (Generic in the
 * severity, so this file needs nothing from types.ts, which imports the ids from here.)
 */
export function templateRuleName<S>(rule: { readonly id: string; readonly severity: S }): {
  readonly id: TemplateRuleId;
  readonly severity: S;
} {
  return { id: templateRuleId(rule.id), severity: rule.severity };
}
