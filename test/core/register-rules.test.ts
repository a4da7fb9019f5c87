/**
 * Every check against the Return Register fires on the cases its own file says break it, and stays quiet on the near
 * ones it says do not: each case is the example return and the register's entry issued for it, changed, checked as
 * every face checks a return (checkCase, with the register consulted).
 */
import { checkCase } from "../../src/core/case";
import { findEntry } from "../../src/core/register";
import { registerRules } from "../../src/core/register-rules/catalogue";
import type { RegisterChange, RegisterRule } from "../../src/core/register-rules/rule";
import type { Finding } from "../../src/core/types";
import { registerExampleEntry, registerExampleReturn } from "../support/register-examples";
import { describeRuleExamples } from "../support/rule-example-suite";
import { exampleTemplate } from "../support/rule-examples";

function findingsOf(change: RegisterChange): Finding[] {
  const ret = registerExampleReturn(change);
  const entries = [registerExampleEntry(change)];
  const register = { entry: findEntry(entries, ret), others: entries };
  return [...checkCase({ ret, template: exampleTemplate, workbookFindings: [], register }).findings];
}

const all: readonly RegisterRule[] = registerRules;

test("the clean example return, against the entry issued for it, raises nothing", () => {
  expect(findingsOf({})).toEqual([]);
});

describeRuleExamples(all, {
  findingsOf,
  eachFinding(f) {
    // A finding in a table names its KPI or line; one in the metadata is about the return as a whole.
    if (f.location.table !== "Metadata") expect(f.kpiId ?? f.lineId).toBeDefined();
  },
});

test("a return issued for another period is named in the finding that none matches", () => {
  const [f] = findingsOf({ register: { period: "2022-23 Q1" } }).filter(
    (x) => x.ruleId === "REGISTER-UNKNOWN",
  );
  expect(f.message).toContain("The register has for Example provider: example for 2022-23 Q1.");
});

test("a register finding naming a check that does not exist does not compile (npm run typecheck fails if it does)", () => {
  const at = { table: "Metadata" } as const;
  // @ts-expect-error REGISTER-MISSING is no check's id (REGISTER-UNKNOWN is)
  const missing: Finding = { ruleId: "REGISTER-MISSING", severity: "error", message: "", location: at };
  const real: Finding = { ruleId: "REGISTER-UNKNOWN", severity: "error", message: "", location: at };
  expect([missing, real].map((f) => f.ruleId)).toEqual(["REGISTER-MISSING", "REGISTER-UNKNOWN"]);
});
