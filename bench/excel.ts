/**
 * Excel round trips: context.sync calls counted on the fake Excel (test/support/fake-excel.ts) for reading a return,
 * annotating every row with a finding, and writing a new return from a template, at 10, 100 and 1,000 KPI rows.
 * Goal: the same small constant (≤ 2) at every size.
 */
import type { Finding } from "../src/core/types";
import { planAnnotations, planNewReturn, readReturn } from "../src/workbook";
import { applyPlan, readSnapshot } from "../src/workbook/office";
import { FakeWorkbook } from "../test/support/fake-excel";
import { syntheticSetup, syntheticTemplate } from "../test/support/excel-returns";
import type { BenchArea } from "./areas";

const SIZES = [10, 100, 1000] as const;

async function measureSize(rows: number): Promise<{ read: number; annotate: number; template: number }> {
  const fake = new FakeWorkbook();
  const uninstall = fake.install();
  try {
    const template = syntheticTemplate(rows, 3);
    const count = async (run: () => Promise<unknown>): Promise<number> => {
      fake.resetCounts();
      await run();
      return fake.syncs;
    };
    const templateSyncs = await count(() => applyPlan(planNewReturn(syntheticSetup(template))));
    let snapshot = await readSnapshot();
    const readSyncs = await count(async () => {
      snapshot = await readSnapshot();
    });
    const { ret } = readReturn(snapshot, [template]);
    const findings: Finding[] = (ret?.kpis ?? []).map((k) => ({
      ruleId: "BENCH-Q",
      severity: "query",
      message: `Check ${k.kpiId}.`,
      kpiId: k.kpiId,
      location: { table: "KpiReturn", row: k.row, column: "Actual" },
    }));
    const annotateSyncs = await count(() => applyPlan(planAnnotations(snapshot, findings)));
    return { read: readSyncs, annotate: annotateSyncs, template: templateSyncs };
  } finally {
    uninstall();
  }
}

export const area: BenchArea = {
  name: "excel",
  measure: async () => {
    const read: Record<string, number> = {};
    const annotate: Record<string, number> = {};
    const template: Record<string, number> = {};
    for (const rows of SIZES) {
      const m = await measureSize(rows);
      read[String(rows)] = m.read;
      annotate[String(rows)] = m.annotate;
      template[String(rows)] = m.template;
    }
    return { "excel.syncs.read": read, "excel.syncs.annotate": annotate, "excel.syncs.template": template };
  },
};
