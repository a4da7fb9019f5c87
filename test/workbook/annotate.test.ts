/**
 * Findings shown in the sheet, through both executors: a fill by severity and a note naming the rule on each
 * finding's cell; re-validating clears the old highlights and the add-in's notes, and leaves a provider's own notes.
 */
import ExcelJS from "exceljs";
import { validateReturn } from "../../src/core/validate";
import type { Finding } from "../../src/core/types";
import { builtInTemplates } from "../../src/templates";
import { seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import {
  COLOURS,
  NOTE_MARKER,
  planAnnotations,
  planNewReturn,
  planProviderInput,
  readReturn,
  type WorkbookPlan,
  type WorkbookSnapshot,
} from "../../src/workbook";
import { applyPlan, readSnapshot } from "../../src/workbook/office";
import { newXlsx, xlsxFromBuffer, type XlsxReturnWorkbook } from "../../src/workbook/xlsx";
import { seed } from "../support/excel-returns";
import { FakeWorkbook, cellsOf } from "../support/fake-excel";

/** The same questions asked of an .xlsx file and of the fake Excel. */
interface Host {
  apply(plan: WorkbookPlan): Promise<void>;
  snapshot(): Promise<WorkbookSnapshot>;
  look(sheet: string, cell: string): Promise<{ fill: string | null; notes: string[] }>;
  addOwnNote(sheet: string, cell: string, text: string): Promise<void>;
  done(): void;
}

async function xlsxHost(): Promise<Host> {
  let wb: XlsxReturnWorkbook = newXlsx();
  let raw: ExcelJS.Workbook | null = null;
  const reopen = async (): Promise<void> => {
    wb = await xlsxFromBuffer(await wb.toBuffer());
    raw = null;
  };
  const rawBook = async (): Promise<ExcelJS.Workbook> => {
    if (!raw) {
      raw = new ExcelJS.Workbook();
      await raw.xlsx.load((await wb.toBuffer()) as unknown as ArrayBuffer);
    }
    return raw;
  };
  return {
    apply: async (plan) => {
      wb.apply(plan);
      await reopen();
    },
    snapshot: async () => wb.snapshot(),
    look: async (sheet, cell) => {
      const c = (await rawBook()).getWorksheet(sheet)?.getCell(cell);
      const fill = c?.fill as { pattern?: string; fgColor?: { argb?: string } } | undefined;
      const colour =
        fill?.pattern === "solid" && fill.fgColor?.argb ? `#${fill.fgColor.argb.slice(2)}` : null;
      const note = c?.note as unknown;
      const text =
        typeof note === "string"
          ? note
          : ((note as { texts?: { text: string }[] } | undefined)?.texts ?? []).map((t) => t.text).join("");
      return { fill: colour, notes: text ? [text] : [] };
    },
    addOwnNote: async (sheet, cell, text) => {
      const book = await rawBook();
      const ws = book.getWorksheet(sheet);
      if (!ws) throw new Error(`no sheet ${sheet}`);
      ws.getCell(cell).note = text;
      wb = await xlsxFromBuffer((await book.xlsx.writeBuffer()) as ArrayBuffer);
      raw = null;
    },
    done: () => undefined,
  };
}

function fakeHost(): Host {
  const fake = new FakeWorkbook();
  const uninstall = fake.install();
  return {
    apply: (plan) => applyPlan(plan),
    snapshot: () => readSnapshot(),
    look: async (sheet, cell) => {
      const model = cellsOf(fake, sheet, cell)[0][0];
      const row = Number(/\d+/.exec(cell)?.[0]);
      const notes = fake.notes.filter(
        (n) =>
          n.sheet.name === sheet &&
          n.row === row &&
          cellsOf(fake, sheet, cell)[0][0] === n.sheet.cell(n.row, n.column),
      );
      return { fill: model.fill, notes: notes.map((n) => n.content) };
    },
    addOwnNote: async (sheet, cell, text) => {
      const s = fake.sheet(sheet);
      if (!s) throw new Error(`no sheet ${sheet}`);
      const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(cell) ?? [];
      const column = [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      fake.notes.push({ sheet: s, row: Number(digits), column, content: text });
    },
    done: uninstall,
  };
}

describe.each([
  ["the .xlsx executor", xlsxHost],
  ["the office-js executor", async () => fakeHost()],
])("annotations through %s", (_name, makeHost) => {
  let host: Host;
  beforeEach(async () => {
    host = await makeHost();
    const entry = seed("victim-advice-line");
    await host.apply(planNewReturn(seedSetup(entry)));
    await host.apply(planProviderInput(await host.snapshot(), seedInput(entry)));
  });
  afterEach(() => host.done());

  async function findingsNow(): Promise<{ snapshot: WorkbookSnapshot; findings: Finding[] }> {
    const snapshot = await host.snapshot();
    const read = readReturn(snapshot, builtInTemplates);
    if (!read.ret || !read.template) throw new Error("not a return");
    return { snapshot, findings: [...read.findings, ...validateReturn(read.ret, read.template).findings] };
  }

  test("each finding's cell is filled by severity and noted with its rule; re-validating clears them", async () => {
    const { snapshot, findings } = await findingsNow();
    const query = findings.find((f) => f.severity === "query" && f.kpiId === "referrals");
    if (!query)
      throw new Error(`expected a query on referrals; got ${findings.map((f) => f.ruleId).join(", ")}`);
    const made: Finding = {
      ruleId: "FORMULA-OVERWRITTEN",
      severity: "error",
      message: "The Variance cell holds a number instead of its formula.",
      kpiId: "satisfaction",
      location: { table: "KpiReturn", row: 2, column: "Variance" },
    };
    await host.addOwnNote("KPIs", "H7", "Provider's own reminder");
    await host.apply(planAnnotations(snapshot, [...findings, made]));

    const actual = await host.look("KPIs", "G6");
    expect(actual.fill).toBe(COLOURS.query);
    expect(actual.notes).toHaveLength(1);
    expect(actual.notes[0]).toContain(NOTE_MARKER);
    expect(actual.notes[0]).toContain(`[${query.ruleId}, query]`);
    expect(actual.notes[0]).toContain(query.message);
    const variance = await host.look("KPIs", "I8");
    expect(variance.fill).toBe(COLOURS.error);
    expect(variance.notes[0]).toContain("[FORMULA-OVERWRITTEN, error]");

    // The provider explains the fall; re-validating leaves no stale highlight behind.
    await host.apply(planAnnotations(await host.snapshot(), []));
    expect(await host.look("KPIs", "G6")).toEqual({ fill: COLOURS.input, notes: [] });
    expect(await host.look("KPIs", "I8")).toEqual({ fill: COLOURS.computed, notes: [] });
    expect(await host.look("KPIs", "A6")).toEqual({ fill: null, notes: [] });
    expect((await host.look("KPIs", "H7")).notes).toEqual(["Provider's own reminder"]);
  });

  test("several findings on one cell share one note, coloured by the worst", async () => {
    const { snapshot } = await findingsNow();
    const at = { table: "KpiReturn" as const, row: 1, column: "Actual" };
    await host.apply(
      planAnnotations(snapshot, [
        { ruleId: "CLEANED", severity: "info", message: "First.", location: at },
        { ruleId: "RANGE", severity: "error", message: "Second.", location: at },
      ]),
    );
    const look = await host.look("KPIs", "G7");
    expect(look.fill).toBe(COLOURS.error);
    expect(look.notes).toHaveLength(1);
    expect(look.notes[0]).toMatch(/\[CLEANED, info\] First\.\n\[RANGE, error\] Second\./);
  });
});

test("without ExcelApi 1.18 (no notes), highlights still apply and nothing fails", async () => {
  const fake = new FakeWorkbook();
  const uninstall = fake.install();
  try {
    await applyPlan(planNewReturn(seedSetup(seed("idva"))));
    fake.apiVersion = 17;
    const snapshot = await readSnapshot();
    await applyPlan(
      planAnnotations(snapshot, [
        {
          ruleId: "PREV-CHANGE-Q",
          severity: "query",
          message: "Check.",
          location: { table: "KpiReturn", row: 0, column: "Actual" },
        },
      ]),
    );
    expect(cellsOf(fake, "KPIs", "G6")[0][0].fill).toBe(COLOURS.query);
    expect(fake.notes).toEqual([]);
  } finally {
    uninstall();
  }
});
