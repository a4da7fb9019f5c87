/**
 * Excel round trips: context.sync calls counted on the fake Excel (test/support/fake-excel.ts) for reading a return,
 * annotating every row with a finding, and writing a new return from a template, at 10, 100 and 1,000 KPI rows.
 * Goal: the same small constant (≤ 2) at every size. And the calls that clear the provider's undo stack (protect,
 * unprotect… as "Undo support with the Excel JavaScript API" lists them) in one live check of an edit that changes the
 * highlights, on a 100-row return: excel.undoClears.liveCheck, goal 0.
 */
import type { Finding } from "../src/core/types";
import { mergeRows, planAnnotations, planNewReturn, readReturn } from "../src/workbook";
import { applyHighlights, applyPlan, readSnapshot, readTableRows } from "../src/workbook/office";
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
      ruleId: "PREV-CHANGE-Q",
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

/** Undo-clearing calls in one live check: re-read the edited row, re-validate, rewrite the highlights that changed. */
async function undoClearsPerLiveCheck(rows: number): Promise<number> {
  const fake = new FakeWorkbook();
  const uninstall = fake.install();
  try {
    const template = syntheticTemplate(rows, 3);
    await applyPlan(planNewReturn(syntheticSetup(template)));
    const snapshot = await readSnapshot();
    const kpiTable = snapshot.tables.find((t) => t.name === "KpiReturn");
    if (!kpiTable) throw new Error("bench: no KpiReturn table");
    fake.resetCounts();
    const merged = mergeRows(snapshot, "KpiReturn", await readTableRows(kpiTable, [0]));
    const { ret } = readReturn(merged, [template]);
    const first = ret?.kpis[0];
    const findings: Finding[] = first
      ? [
          {
            ruleId: "PREV-CHANGE-Q",
            severity: "query",
            message: `Check ${first.kpiId}.`,
            kpiId: first.kpiId,
            location: { table: "KpiReturn", row: first.row, column: "Actual" },
          },
        ]
      : [];
    if (!(await applyHighlights(planAnnotations(merged, findings))))
      throw new Error("bench: the live check's highlights were not written");
    return fake.undoClears;
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
    return {
      "excel.syncs.read": read,
      "excel.syncs.annotate": annotate,
      "excel.syncs.template": template,
      "excel.undoClears.liveCheck": await undoClearsPerLiveCheck(100),
    };
  },
};
