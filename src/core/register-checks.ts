/**
 * The checks a provider's workbook meets against the Return Register: is it a return the team issued, made from the
 * template version issued, with the figures issued, and does its own record of status, approval and overrides agree
 * with the register's. Each check is a rule file in register-rules/; this runs them all. Pure; the record itself is
 * register.ts.
 */
import { registerRules } from "./register-rules/catalogue";
import type { RegisterRule } from "./register-rules/rule";
import type { RegisterEntry } from "./register";
import type { Finding, Return } from "./types";

export { registerRuleCatalogue, type RegisterRuleId } from "./register-rules/catalogue";

/**
 * What the register says about a workbook's return (`entry` null: no issued return matches; `others` are the
 * register's entries for the same provider, to name what was issued instead).
 */
export function registerFindings(
  ret: Return,
  entry: RegisterEntry | null,
  others: readonly RegisterEntry[] = [],
): Finding[] {
  const ctx = { ret, entry, others };
  const findings: Finding[] = [];
  const checks: readonly RegisterRule[] = registerRules;
  for (const rule of checks) rule.check(ctx, findings);
  return findings;
}
