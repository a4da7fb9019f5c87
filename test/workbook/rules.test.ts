/**
 * Every workbook check fires on the workbooks its own file says break it, and stays quiet on the near ones it says do
 * not, each made by changing an untouched, filled-in IDVA return (both tables, issued figures, formulas).
 */
import { builtInTemplates } from "../../src/templates";
import { readReturn, type WorkbookSnapshot } from "../../src/workbook";
import { workbookRules } from "../../src/workbook/rules/catalogue";
import type { WorkbookChange, WorkbookRule } from "../../src/workbook/rules/rule";
import { changedWorkbook, filledReturn, seed } from "../support/excel-returns";
import { describeRuleExamples } from "../support/rule-example-suite";

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

describeRuleExamples(all, { findingsOf });
