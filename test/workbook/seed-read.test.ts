/**
 * Every Q2 2022/23 seed return, made into a workbook as a provider would fill it in (the plans applied by the ExcelJS
 * executor, in memory) and read back by the workbook layer, is the Return the seed describes: same KPIs and lines in
 * template order, same figures, missing codes, commentaries and issued figures. This replaces JSON copies of the seed
 * that were only ever compared with the seed itself.
 */
import { seedInput, seedReturn, seedReturns, seedSetup, type SeedReturn } from "../../src/seed/q2-2022-23";
import type { ParsedValue, Return } from "../../src/core/types";
import { builtInTemplates } from "../../src/templates";
import { planNewReturn, planProviderInput, readReturn } from "../../src/workbook";
import { newXlsx } from "../../src/workbook/xlsx";

/**
 * What a cell means, leaving out how it was typed: the writer stores text read as a number ("95.83%") as the number,
 * with a note, so the workbook's raw cell differs from the seed's on purpose.
 */
function meaning(value: ParsedValue): unknown {
  switch (value.kind) {
    case "number":
      return { number: value.value };
    case "missing":
      return { missing: value.code };
    case "text":
      return { text: value.raw };
    case "excel-error":
      return { error: value.code };
    case "blank":
      return "blank";
  }
}

function meaningOf(ret: Return): unknown {
  return {
    ...ret,
    kpis: ret.kpis.map((k) => ({
      ...k,
      actual: meaning(k.actual),
      target: meaning(k.target),
      previous: meaning(k.previous),
      lastYear: meaning(k.lastYear),
    })),
    budget: ret.budget.map((b) => ({
      ...b,
      awarded: meaning(b.awarded),
      spentToDate: meaning(b.spentToDate),
    })),
  };
}

function readBack(entry: SeedReturn): Return | null {
  const wb = newXlsx();
  wb.apply(planNewReturn(seedSetup(entry)));
  wb.apply(planProviderInput(wb.snapshot(), seedInput(entry)));
  return readReturn(wb.snapshot(), builtInTemplates).ret;
}

describe("the seed's returns, written and read back", () => {
  it.each(seedReturns.map((e) => [`${e.templateId} (${e.provider})`, e] as const))(
    "%s reads back as the seed's Return",
    (_name, entry) => {
      const read = readBack(entry);
      expect(read).not.toBeNull();
      expect(meaningOf(read!)).toEqual(meaningOf(seedReturn(entry)));
    },
  );
});
