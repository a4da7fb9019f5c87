/**
 * Every finding the checks can raise (each rule's, each workbook check's and each Return Register check's own firing
 * examples, worded as the engine words them), so a new rule's message is swept by the words tests the day it is added. Its workbook examples need
 * ExcelJS: a jsdom suite using this loads Node's builds (see provider-words.test.tsx).
 */
import { checkCase } from "../../src/core/case";
import { findEntry } from "../../src/core/register";
import { registerRules } from "../../src/core/register-rules/catalogue";
import { rules } from "../../src/core/rules/catalogue";
import { validateReturn } from "../../src/core/validate";
import type { Finding } from "../../src/core/types";
import { seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import { builtInTemplates } from "../../src/templates";
import { planNewReturn, planProviderInput, readReturn } from "../../src/workbook";
import { workbookRules } from "../../src/workbook/rules/catalogue";
import { newXlsx } from "../../src/workbook/xlsx";
import { changedWorkbook, seed } from "../support/excel-returns";
import { registerExampleEntry, registerExampleReturn } from "../support/register-examples";
import { exampleReturn, exampleTemplate } from "../support/rule-examples";

/**
 * Every finding the checks raise on their own firing examples: core rules on the example return, workbook checks on a
 * real IDVA return, register checks on the example return against the entry issued for it.
 */
export function everyFinding(): Finding[] {
  const core = rules.flatMap((r) =>
    r.examples.fires.flatMap((e) => validateReturn(exampleReturn(e.change), exampleTemplate).findings),
  );
  // Filled in memory, not saved and reopened: a saved file's bytes do not survive jsdom's realm (the zip reader
  // refuses them), and the checks read the snapshot either way.
  const wb = newXlsx();
  wb.apply(planNewReturn(seedSetup(seed("idva"))));
  wb.apply(planProviderInput(wb.snapshot(), seedInput(seed("idva"))));
  const untouched = wb.snapshot();
  expect(readReturn(untouched, builtInTemplates).findings).toEqual([]);
  const workbook = workbookRules.flatMap((r) =>
    r.examples.fires.flatMap(
      (e) => readReturn(changedWorkbook(untouched, e.change), builtInTemplates).findings,
    ),
  );
  const register = registerRules.flatMap((r) =>
    r.examples.fires.flatMap((e) => {
      const ret = registerExampleReturn(e.change);
      const entries = [registerExampleEntry(e.change)];
      const known = { entry: findEntry(entries, ret), others: entries };
      return checkCase({ ret, template: exampleTemplate, workbookFindings: [], register: known }).findings;
    }),
  );
  const seen = new Set<string>();
  return [...core, ...workbook, ...register].filter((f) => {
    const key = `${f.ruleId} ${f.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
