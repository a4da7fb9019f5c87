/**
 * Runs the examples every rule file carries, for any family of rules (core's, the Return Register's checks, the
 * workbook's): each rule fires on the changes its file says break it, with its severity, the column it names and a
 * message, and stays quiet on the near ones it says do not. Each family's test says how a change becomes findings.
 */
import type { Firing, RuleExamples, RuleSeverity } from "../../src/core/rules/rule";
import type { Finding } from "../../src/core/types";

/** What the suite needs of a rule: its name, its severity and its examples. */
interface ExampleRule<Change, Fires extends Firing<Change>> {
  readonly id: string;
  readonly severity: RuleSeverity;
  readonly description: string;
  readonly examples: RuleExamples<Fires, Change>;
}

/** A family's world: how a change becomes findings, and what else its findings must show. */
export interface ExampleWorld<Change, Fires extends Firing<Change>> {
  readonly findingsOf: (change: Change) => readonly Finding[];
  /** What an example's findings are filed under, when not the rule's own id and severity (a template's rule). */
  readonly filedAs?: (example: Fires) => { readonly id: string; readonly severity: RuleSeverity } | undefined;
  /** Anything more each finding of a firing example must show. */
  readonly eachFinding?: (finding: Finding, example: Fires) => void;
}

/** Describes each rule's examples as tests, and the family's catalogue: unique ids, each described. */
export function describeRuleExamples<Change, Fires extends Firing<Change>>(
  rules: readonly ExampleRule<Change, Fires>[],
  world: ExampleWorld<Change, Fires>,
): void {
  const filedAs = (rule: ExampleRule<Change, Fires>, example: Fires) => world.filedAs?.(example) ?? rule;

  describe.each(rules.map((rule) => [rule.id, rule] as const))("%s", (_id, rule) => {
    it("has an example that breaks it, and one that does not", () => {
      expect(rule.examples.fires.length).toBeGreaterThanOrEqual(1);
      expect(rule.examples.quiet.length).toBeGreaterThanOrEqual(1);
    });

    it.each(rule.examples.fires.map((example) => [JSON.stringify(example.change), example] as const))(
      "fires on %s, with its severity and a location",
      (_change, example) => {
        const { id, severity } = filedAs(rule, example);
        const hits = world.findingsOf(example.change).filter((f) => f.ruleId === id);
        expect(hits.length).toBeGreaterThanOrEqual(1);
        for (const f of hits) {
          expect(f.severity).toBe(severity);
          expect(f.location.column).toBe(example.column);
          expect(f.message.length).toBeGreaterThan(20);
          world.eachFinding?.(f, example);
        }
      },
    );

    it.each(rule.examples.quiet.map((change) => [JSON.stringify(change), change] as const))(
      "stays quiet on %s",
      (_change, change) => {
        const ids = new Set<string>(rule.examples.fires.map((example) => filedAs(rule, example).id));
        ids.add(rule.id);
        expect(world.findingsOf(change).filter((f) => ids.has(f.ruleId))).toEqual([]);
      },
    );
  });

  test("the catalogue has unique ids, each with a description", () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) expect(r.description.length).toBeGreaterThan(30);
  });
}
