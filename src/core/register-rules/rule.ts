/**
 * What every check against the Return Register is: core's rule shape (../rules/rule.ts), an id, a severity written
 * once, a description for the README, examples that make it fire and leave it quiet, and a check over one workbook's
 * return and the register's entry for it. One check per file beside this one; `npm run rules` lists them in
 * catalogue.ts and the README. The record itself is ../register.ts; the checks run from ../register-checks.ts.
 */
import type { RegisterEntry, RegisterStatus } from "../register";
import type { ReturnChange } from "../rules/example-return";
import { ruleFamily, type Firing, type RuleOf } from "../rules/rule";
import type { Return, Severity } from "../types";

/** Everything a register check may look at. */
export interface RegisterContext {
  /** The return as the workbook has it (nothing in it believed yet). */
  readonly ret: Return;
  /** The register's entry whose key matches the workbook; null when no such return was issued. */
  readonly entry: RegisterEntry | null;
  /** The register's other entries, to name what was issued instead. */
  readonly others: readonly RegisterEntry[];
}

/** An officer's override, as the examples write it into the workbook or the register. */
export interface ExampleOverride {
  readonly ruleId: string;
  readonly subject: string;
}

/**
 * A change to the example return (../rules/example-return.ts) and to the register's entry issued for it, which
 * together raise nothing. What is not named keeps its clean value.
 */
export interface RegisterChange {
  /** The workbook: its return changed as a core rule's example changes it, its provider's name, an override. */
  readonly workbook?: ReturnChange & { readonly provider?: string; readonly override?: ExampleOverride };
  /** The register's entry: issued under another name, period or template version, edited, decided on. */
  readonly register?: {
    readonly provider?: string;
    readonly period?: string;
    readonly templateVersion?: string;
    /** The issued target of "referrals" changed, by hand in the list (its hash left as it was) or by issuing again. */
    readonly issuedTarget?: { readonly referrals: number; readonly by: "hand" | "reissue" };
    readonly status?: RegisterStatus;
    /** The register holds an officer's approval of the clean return. */
    readonly approved?: boolean;
    readonly override?: ExampleOverride;
  };
}

/** A register check: core's rule shape over a return and the register's entry for it. */
export type RegisterRule<Id extends string = string, S extends Severity = Severity> = RuleOf<
  RegisterContext,
  Firing<RegisterChange>,
  RegisterChange,
  Id,
  S
>;

/** A register check, defined. */
export const defineRegisterRule = ruleFamily<RegisterContext, Firing<RegisterChange>, RegisterChange>();
