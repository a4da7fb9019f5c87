/**
 * Every workbook check fires on the workbooks its own file says break it, and stays quiet on the near ones it says do
 * not, each made by changing an untouched, filled-in IDVA return (both tables, issued figures, formulas).
 */
import { builtInTemplates } from "../../src/templates";
import { readReturn, workbookRuleCatalogue, type WorkbookSnapshot } from "../../src/workbook";
import { workbookRules } from "../../src/workbook/rules/catalogue";
import type { WorkbookChange, WorkbookRule } from "../../src/workbook/rules/rule";
import { changedWorkbook, filledReturn, seed } from "../support/excel-returns";

let untouched: WorkbookSnapshot;
beforeAll(async () => {
  untouched = (await filledReturn(seed("idva"))).snapshot();
});

const changed = (change: WorkbookChange) => changedWorkbook(untouched, change);

const findingsOf = (change: WorkbookChange) => readReturn(changed(change), builtInTemplates).findings;
const all: readonly WorkbookRule[] = workbookRules;

test("the untouched return raises nothing", () => {
  expect(readReturn(untouched, builtInTemplates).findings).toEqual([]);
});

describe.each(all.map((rule) => [rule.id, rule] as const))("%s", (_id, rule) => {
  it("has an example of a workbook that breaks it, and one that does not", () => {
    expect(rule.examples.fires.length).toBeGreaterThanOrEqual(1);
    expect(rule.examples.quiet.length).toBeGreaterThanOrEqual(1);
  });

  it.each(rule.examples.fires.map((example) => [JSON.stringify(example.change), example] as const))(
    "fires on %s, with its severity and a location",
    (_change, { change, column }) => {
      const hits = findingsOf(change).filter((f) => f.ruleId === rule.id);
      expect(hits.length).toBeGreaterThanOrEqual(1);
      for (const f of hits) {
        expect(f.severity).toBe(rule.severity);
        expect(f.location.column).toBe(column);
        expect(f.message.length).toBeGreaterThan(20);
      }
    },
  );

  it.each(rule.examples.quiet.map((change) => [JSON.stringify(change), change] as const))(
    "stays quiet on %s",
    (_change, change) => {
      expect(findingsOf(change).filter((f) => f.ruleId === rule.id)).toEqual([]);
    },
  );
});

test("the catalogue has unique ids, each with a description", () => {
  expect(new Set(workbookRuleCatalogue.map((r) => r.id)).size).toBe(workbookRuleCatalogue.length);
  for (const r of workbookRuleCatalogue) expect(r.description.length).toBeGreaterThan(30);
});
