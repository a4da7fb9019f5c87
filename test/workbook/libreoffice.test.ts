/**
 * The sheet's formulas checked by a real spreadsheet engine: returns written through the ExcelJS executor (the seed's
 * five CSP budgets with Telford's "£135, 640", its IDVA and Victim Advice Line figures, every other seed return, and
 * synthetic returns reaching every unit, target basis and RAG branch) are recalculated by LibreOffice Calc headless,
 * read back, and every computed cell must equal core's figures. The seed returns and one synthetic return are written
 * as typed, so their slips stay text in the Actual and Spent to date cells (as a pasted figure does, past data
 * validation) and the formulas must read them as core does. The metadata must come through intact.
 *
 * Needs /usr/bin/soffice (Debian's libreoffice-calc). Without it the test is skipped with a loud warning, and FAILS
 * when KPI_RETURNS_REQUIRE_TOOLS=1 (as .ci/run sets).
 */
import { execFile } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { validateReturn } from "../../src/core/validate";
import { loadTemplate } from "../../src/core/template";
import type { BudgetFigure, CellInput, KpiFigure, KpiTemplate, Return } from "../../src/core/types";
import { builtInTemplates } from "../../src/templates";
import { seedInput, seedReturn, seedReturns, seedSetup, type SeedReturn } from "../../src/seed/q2-2022-23";
import {
  BUDGET_COLUMNS,
  KPI_COLUMNS,
  planNewReturn,
  planProviderInput,
  readReturn,
  tableOf,
  type ProviderInput,
  type ReturnSetup,
  type WorkbookPlan,
  type WorkbookSnapshot,
} from "../../src/workbook";
import {
  asIssuedWithFormulaSet1,
  boundaryInput,
  boundarySetup,
  boundaryTemplate,
  BUDGET_BOUNDARIES,
  hostileSetup,
  hostileTemplate,
  hostileValuesPlan,
  KPI_BOUNDARIES,
} from "../support/boundaries";
import { newXlsx, openXlsx } from "../../src/workbook/xlsx";
import { typedNumber } from "../../src/workbook/formulas";
import { parseCell } from "../../src/core/values";

const SOFFICE = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((p) => existsSync(p));
const REQUIRED = process.env.KPI_RETURNS_REQUIRE_TOOLS === "1";

if (!SOFFICE) {
  const message =
    "\n!!! LibreOffice (soffice) is not installed: the formula check against a real spreadsheet engine DID NOT RUN.\n" +
    "!!! Install it with `apt-get install libreoffice-calc-nogui`, or run .ci/run, to check the sheet's formulas.\n";
  if (REQUIRED) {
    test("LibreOffice is installed (KPI_RETURNS_REQUIRE_TOOLS=1)", () => {
      throw new Error(message);
    });
  } else {
    console.warn(message);
  }
}
const withSoffice = SOFFICE ? describe : describe.skip;

/** A return to write: its setup and what the provider types, plus the in-memory Return core computes from. */
interface Case {
  readonly name: string;
  readonly setup: ReturnSetup;
  readonly input: ProviderInput;
  readonly template: KpiTemplate;
  /** Figures straight from the seed's typed cells ("£135, 640" included), when the case is a seed return. */
  readonly seed?: Return;
  /** Text written into the cells as it arrived (a pasted "1,883" stays text), instead of read as a number first. */
  readonly asTyped?: boolean;
  /** Written after the provider's input: values typed past data validation, or an earlier formula set. */
  readonly extra?: WorkbookPlan;
  /** Holds values core reports as errors (TRUE, 1e308), so the return is not expected to read cleanly. */
  readonly hostile?: boolean;
}

function seedCase(entry: SeedReturn, i: number): Case {
  const setup = seedSetup(entry);
  return {
    name: `seed-${i}-${entry.templateId}`,
    setup,
    input: seedInput(entry),
    template: setup.template,
    seed: seedReturn(entry),
    asTyped: true,
  };
}

/** Every unit, both percent scales, annual targets (cumulative and not), lower-is-better, and each RAG colour. */
function syntheticCases(): Case[] {
  const kpi = (id: string, unit: string, more: Record<string, unknown> = {}): Record<string, unknown> => ({
    id,
    label: `Synthetic ${id}`,
    unit,
    guidance: `Type ${id}.`,
    ...more,
  });
  const fraction = loadTemplate(
    {
      id: "synthetic-fraction",
      version: "1.0.0",
      title: "Synthetic (fractions)",
      serviceArea: "Testing",
      tolerance: { targetGreenPct: 5, targetRedPct: 15, budgetProfilePoints: 10 },
      kpis: [
        kpi("green", "count"),
        kpi("amber", "count"),
        kpi("red", "count"),
        kpi("beats", "count"),
        kpi("lower-better", "days", { higherIsBetter: false }),
        kpi("lower-worse", "days", {
          higherIsBetter: false,
          tolerance: { targetGreenPct: 1, targetRedPct: 2 },
        }),
        kpi("rate", "percent", { max: 1 }),
        kpi("money", "currency"),
        kpi("plain", "number"),
        kpi("annual", "count", { targetBasis: "annual" }),
        kpi("annual-ytd", "count", { targetBasis: "annual", cumulative: true }),
        kpi("zero-target", "count"),
        kpi("zero-previous", "count"),
        kpi("text", "count"),
        kpi("blank", "count"),
      ],
      budgetLines: [
        { id: "on-profile", label: "On profile" },
        { id: "behind", label: "Behind profile" },
        { id: "overspent", label: "Overspent" },
        { id: "forecast-over", label: "Heading for an overspend" },
        { id: "front-loaded", label: "Front-loaded profile", profile: [0.4, 0.7, 0.9, 1] },
        { id: "zero-award", label: "Nothing awarded" },
        { id: "not-reported", label: "Not reported" },
      ],
    },
    "synthetic-fraction.json",
  );
  const points = loadTemplate(
    {
      id: "synthetic-points",
      version: "1.0.0",
      title: "Synthetic (points)",
      serviceArea: "Testing",
      percentScale: "points",
      kpis: [kpi("rate", "percent", { max: 100 }), kpi("count", "count")],
      budgetLines: [],
    },
    "synthetic-points.json",
  );
  const typed = loadTemplate(
    {
      id: "synthetic-typed",
      version: "1.0.0",
      title: "Synthetic (figures pasted as text)",
      serviceArea: "Testing",
      kpis: [
        kpi("commas", "count"),
        kpi("spaces", "count"),
        kpi("space-grouped", "count"),
        kpi("plus", "count"),
        kpi("percent-sign", "percent", { max: 1 }),
        kpi("percent-spaced", "percent", { max: 1 }),
        kpi("percent-plain-text", "percent", { max: 1 }),
        kpi("pounds", "currency"),
        kpi("pounds-spaced", "currency"),
        kpi("pounds-pence", "currency"),
        kpi("brackets", "number", { min: -10000 }),
        kpi("minus", "number", { min: -10000 }),
        kpi("leading-point", "number", { integer: false }),
        kpi("not-applicable", "count"),
        kpi("not-collected", "count"),
        kpi("fraction-slash", "count"),
        kpi("error-text", "count"),
        kpi("words", "count"),
        kpi("empty-text", "count"),
      ],
      budgetLines: [
        { id: "pounds-comma-space", label: "The seed's slip" },
        { id: "pounds-pence", label: "Pounds and pence" },
        { id: "nil", label: "Nil return" },
      ],
    },
    "synthetic-typed.json",
  );
  const everyTarget = (n: number): Record<string, number> =>
    Object.fromEntries(typed.kpis.map((k) => [k.id, k.unit === "percent" ? 0.9 : n]));
  const f = (n: number): { actual: number } => ({ actual: n });
  return [
    {
      name: "synthetic-typed",
      template: typed,
      asTyped: true,
      setup: {
        template: typed,
        provider: "Synthetic",
        period: "2022-23 Q2",
        targets: everyTarget(1500),
        previous: everyTarget(1400),
        lastYear: everyTarget(2000),
        awarded: { "pounds-comma-space": 158934, "pounds-pence": 20000, nil: 5000 },
      },
      input: {
        kpis: {
          commas: { actual: "1,883" },
          spaces: { actual: " 492 " },
          "space-grouped": { actual: "1 883" },
          plus: { actual: "+1,600" },
          "percent-sign": { actual: "95.83%" },
          "percent-spaced": { actual: "87.5 %" },
          "percent-plain-text": { actual: "0.9583" },
          pounds: { actual: "£1,750" },
          "pounds-spaced": { actual: "£ 1,450" },
          "pounds-pence": { actual: "£1,234.56" },
          brackets: { actual: "(1,200)" },
          minus: { actual: "-12" },
          "leading-point": { actual: ".5" },
          "not-applicable": { actual: "N/A" },
          "not-collected": { actual: "not collected" },
          "fraction-slash": { actual: "22/22" },
          "error-text": { actual: "#DIV/0!" },
          words: { actual: "about 1,500" },
          "empty-text": { actual: "   " },
        },
        budget: {
          "pounds-comma-space": { spentToDate: "£135, 640" },
          "pounds-pence": { spentToDate: "£ 10,000.50" },
          nil: { spentToDate: "nil return" },
        },
      },
    },
    {
      name: "synthetic-fraction",
      template: fraction,
      setup: {
        template: fraction,
        provider: "Synthetic",
        period: "2022-23 Q3",
        targets: {
          green: 100,
          amber: 100,
          red: 100,
          beats: 100,
          "lower-better": 10,
          "lower-worse": 10,
          rate: 0.9,
          money: 5000,
          plain: 2.5,
          annual: 60,
          "annual-ytd": 60,
          "zero-target": 0,
          "zero-previous": 5,
          text: 10,
          blank: 10,
        },
        previous: {
          green: 90,
          amber: 120,
          red: 3,
          beats: 100,
          rate: 0.87,
          money: 4500,
          plain: 2,
          "zero-previous": 0,
          annual: 12,
        },
        lastYear: {
          green: 97,
          amber: 80,
          red: 40,
          rate: 0.955,
          "lower-better": 11,
          money: 6000,
          "annual-ytd": 30,
        },
        awarded: {
          "on-profile": 100000,
          behind: 80000,
          overspent: 50000,
          "forecast-over": 40000,
          "front-loaded": 90000,
          "zero-award": 0,
          "not-reported": 10000,
        },
      },
      input: {
        kpis: {
          green: f(97),
          amber: f(88),
          red: f(40),
          beats: f(130),
          "lower-better": f(9.5),
          "lower-worse": f(10.5),
          rate: f(0.923),
          money: { actual: "£4,875.50" },
          plain: f(2.75),
          annual: f(16),
          "annual-ytd": f(41),
          "zero-target": f(3),
          "zero-previous": f(4),
          text: { actual: "not collected" },
          blank: { actual: null },
        },
        budget: {
          "on-profile": { spentToDate: 75000 },
          behind: { spentToDate: 30000 },
          overspent: { spentToDate: 51000 },
          "forecast-over": { spentToDate: 36000 },
          "front-loaded": { spentToDate: "£81,000" },
          "zero-award": { spentToDate: 100 },
        },
      },
    },
    {
      name: "synthetic-points",
      template: points,
      setup: {
        template: points,
        provider: "Synthetic",
        period: "2022-23 Q1",
        targets: { rate: 90, count: 50 },
        previous: { rate: 85.5 },
        lastYear: { rate: 92, count: 40 },
      },
      input: { kpis: { rate: f(88.25), count: f(61) } },
    },
    // Figures exactly on a tolerance, in the current formula set and in the earlier one (a return issued before it).
    { name: "boundaries", template: boundaryTemplate, setup: boundarySetup, input: boundaryInput },
    {
      name: "boundaries-set-1",
      template: boundaryTemplate,
      setup: boundarySetup,
      input: boundaryInput,
      extra: asIssuedWithFormulaSet1(boundarySetup),
    },
    {
      name: "hostile",
      template: hostileTemplate,
      setup: hostileSetup,
      input: {},
      extra: hostileValuesPlan(),
      hostile: true,
    },
  ];
}

const execFileAsync = promisify(execFile);

/** One soffice call converting every file: LibreOffice loads each (calculating its formulas) and saves it as .xlsx. */
async function recalculate(files: readonly string[], outDir: string, profile: string): Promise<void> {
  // Always recalculate on load, whatever the file claims about cached results.
  await fs.mkdir(path.join(profile, "user"), { recursive: true });
  await fs.writeFile(
    path.join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  await execFileAsync(
    SOFFICE as string,
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      outDir,
      ...files,
    ],
    { timeout: 120_000 },
  );
}

/** What a computed cell must hold for a core figure: "" (blank) for null, the number otherwise. */
function expectCell(where: string, actual: CellInput, expected: number | string | null): void {
  if (expected === null) {
    if (actual !== null && actual !== "")
      throw new Error(`${where}: LibreOffice computed ${String(actual)}, core says blank`);
    return;
  }
  if (typeof expected === "string") {
    if (String(actual).toLowerCase() !== expected) {
      throw new Error(`${where}: LibreOffice computed ${String(actual)}, core says ${expected}`);
    }
    return;
  }
  if (typeof actual !== "number")
    throw new Error(`${where}: LibreOffice computed ${String(actual)}, core says ${expected}`);
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  if (Math.abs(actual - expected) > tolerance) {
    throw new Error(`${where}: LibreOffice computed ${actual}, core says ${expected}`);
  }
}

const pct = (n: number | null): number | null => (n === null ? null : n / 100);

/** Checks every computed cell of a recalculated snapshot against core's figures; returns how many were compared. */
function compare(
  name: string,
  snapshot: WorkbookSnapshot,
  kpis: readonly KpiFigure[],
  budget: readonly BudgetFigure[],
): number {
  let compared = 0;
  const kpiTable = tableOf(snapshot, "KpiReturn");
  for (const fig of kpis) {
    if (!kpiTable) throw new Error(`${name}: no KpiReturn table after LibreOffice`);
    const row = kpiTable.values.find((r) => r[0] === fig.kpiId);
    if (!row) throw new Error(`${name}: no row for ${fig.kpiId}`);
    const cell = (h: string): CellInput => row[kpiTable.headers.indexOf(h)];
    const at = (h: string): string => `${name} ${fig.kpiId} "${h}"`;
    const isPercent = fig.unit === "percent";
    expectCell(at(KPI_COLUMNS.variance), cell(KPI_COLUMNS.variance), fig.variance);
    expectCell(at(KPI_COLUMNS.variancePct), cell(KPI_COLUMNS.variancePct), pct(fig.variancePct));
    expectCell(
      at(KPI_COLUMNS.changeVsPrevious),
      cell(KPI_COLUMNS.changeVsPrevious),
      isPercent ? fig.changeVsPreviousPoints : pct(fig.changeVsPreviousPct),
    );
    expectCell(
      at(KPI_COLUMNS.changeVsLastYear),
      cell(KPI_COLUMNS.changeVsLastYear),
      isPercent ? fig.changeVsLastYearPoints : pct(fig.changeVsLastYearPct),
    );
    expectCell(at(KPI_COLUMNS.rag), cell(KPI_COLUMNS.rag), fig.rag);
    compared += 5;
  }
  const budgetTable = tableOf(snapshot, "BudgetReturn");
  for (const fig of budget) {
    if (!budgetTable) throw new Error(`${name}: no BudgetReturn table after LibreOffice`);
    const row = budgetTable.values.find((r) => r[0] === fig.lineId);
    if (!row) throw new Error(`${name}: no row for ${fig.lineId}`);
    const cell = (h: string): CellInput => row[budgetTable.headers.indexOf(h)];
    const at = (h: string): string => `${name} ${fig.lineId} "${h}"`;
    expectCell(at(BUDGET_COLUMNS.utilisation), cell(BUDGET_COLUMNS.utilisation), fig.utilisation);
    expectCell(
      at(BUDGET_COLUMNS.expectedUtilisation),
      cell(BUDGET_COLUMNS.expectedUtilisation),
      fig.expectedUtilisation,
    );
    expectCell(
      at(BUDGET_COLUMNS.varianceVsProfile),
      cell(BUDGET_COLUMNS.varianceVsProfile),
      fig.varianceVsProfile,
    );
    expectCell(at(BUDGET_COLUMNS.forecastOutturn), cell(BUDGET_COLUMNS.forecastOutturn), fig.forecastOutturn);
    expectCell(
      at(BUDGET_COLUMNS.forecastVariance),
      cell(BUDGET_COLUMNS.forecastVariance),
      fig.forecastVariance,
    );
    expectCell(at(BUDGET_COLUMNS.rag), cell(BUDGET_COLUMNS.rag), fig.rag);
    compared += 6;
  }
  return compared;
}

/**
 * Text a provider might paste into an input cell, each read by the sheet's typedNumber formula and by core's parseCell:
 * the two must agree (a number core reads is the sheet's number; anything else is "" in the sheet).
 */
const AGREED_TEXT = [
  "£135, 640",
  "1,883",
  "95.83%",
  "95.83 %",
  "50 %",
  " 492 ",
  "\u00a0492",
  "£ 100,666",
  "100£",
  "£1,000.50",
  "£0.50",
  "-£5",
  "(1,200)",
  "( 5 )",
  "-12",
  "- 5",
  "+5",
  "0",
  "-0",
  ".5",
  "0.9583",
  "1 883",
  "1,234.56",
  "12,345,678.9",
  "22/22",
  "N/A",
  "n/a",
  "not collected",
  "nil return",
  "-",
  "#DIV/0!",
  "#N/A text",
  "£",
  "%",
  "1.5.3",
  "0x10",
  "95.83%%",
  "about 1,500",
  "   ",
  "",
];

/**
 * Where the two readings part, as docs/workbook.md documents (LibreOffice's results; Excel's VALUE is stricter about
 * some): text core refuses as a type error, which blocks approval and is highlighted, but VALUE reads; and characters
 * core accepts that VALUE does not (a Unicode minus, a no-break space between digit groups), where the sheet shows "".
 */
const DOCUMENTED_DIFFERENCES: readonly [string, number | ""][] = [
  ["1,5", 15],
  ["12 34", 1234],
  ["1e3", 1000],
  ["5.", 5],
  ["£-5", -5],
  ["12,34,567", 1234567],
  ["\u221212", ""],
  ["1\u00a0883", ""],
];

const READING_FILE = "reading";

/** A sheet of pasted text in column A, the sheet's reading of each in column B (errors shown as ""). */
async function writeReadingSheet(file: string, texts: readonly string[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Reading");
  texts.forEach((text, i) => {
    ws.getCell(i + 1, 1).value = text;
    ws.getCell(i + 1, 2).value = { formula: `IFERROR(${typedNumber(`A${i + 1}`)},"")` };
  });
  wb.calcProperties.fullCalcOnLoad = true;
  await wb.xlsx.writeFile(file);
}

async function readReadingSheet(file: string): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Reading");
  const read = new Map<string, unknown>();
  ws?.eachRow((row) => {
    const text = row.getCell(1).value;
    read.set(text === null ? "" : String(text), row.getCell(2).result ?? "");
  });
  return read;
}

withSoffice("formulas recalculated by LibreOffice Calc", () => {
  const cases: Case[] = [...seedReturns.map(seedCase), ...syntheticCases()];
  const templates = [...builtInTemplates, ...cases.map((c) => c.template)];
  let dir = "";
  const written = new Map<string, WorkbookSnapshot>();
  const recalculated = new Map<string, WorkbookSnapshot>();
  let reading = new Map<string, unknown>();

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "kpi-lo-"));
    const files: string[] = [];
    for (const c of cases) {
      const wb = newXlsx();
      wb.apply(planNewReturn(c.setup));
      wb.apply(planProviderInput(wb.snapshot(), c.input, { asTyped: c.asTyped === true }));
      if (c.extra) wb.apply(c.extra);
      const file = path.join(dir, `${c.name}.xlsx`);
      await wb.save(file);
      written.set(c.name, wb.snapshot());
      files.push(file);
    }
    const readingFile = path.join(dir, `${READING_FILE}.xlsx`);
    await writeReadingSheet(readingFile, [...AGREED_TEXT, ...DOCUMENTED_DIFFERENCES.map(([text]) => text)]);
    files.push(readingFile);
    const out = path.join(dir, "out");
    await fs.mkdir(out);
    await recalculate(files, out, path.join(dir, "profile"));
    reading = await readReadingSheet(path.join(out, `${READING_FILE}.xlsx`));
    for (const c of cases)
      recalculated.set(c.name, (await openXlsx(path.join(out, `${c.name}.xlsx`))).snapshot());
  }, 180_000);

  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  test("every computed cell equals core's figures for the return read back", () => {
    let compared = 0;
    let numbers = 0;
    const kpiRags = new Set<string | null>();
    const budgetRags = new Set<string | null>();
    for (const c of cases) {
      if (c.hostile) continue;
      const snapshot = recalculated.get(c.name);
      if (!snapshot) throw new Error(`${c.name}: LibreOffice wrote no file`);
      const { ret, findings } = readReturn(snapshot, templates);
      expect(findings).toEqual([]);
      if (!ret) throw new Error(`${c.name}: no return read`);
      const { figures: kpis, budget } = validateReturn(ret, c.template);
      compared += compare(c.name, snapshot, kpis, budget);
      kpis.forEach((f) => kpiRags.add(f.rag));
      budget.forEach((f) => budgetRags.add(f.rag));
      numbers += [
        ...kpis.flatMap((f) => [f.variance, f.changeVsPreviousPct]),
        ...budget.map((b) => b.utilisation),
      ].filter((n) => n !== null).length;
    }
    // A run where LibreOffice calculated nothing would fail above; this guards against comparing next to nothing.
    expect(compared).toBeGreaterThan(150);
    expect(numbers).toBeGreaterThan(30);
    // Every branch of both RAG formulas was reached, blank included.
    expect(kpiRags).toEqual(new Set(["green", "amber", "red", null]));
    expect(budgetRags).toEqual(new Set(["green", "amber", "red", null]));
  });

  test("the sheet computes what core computes from the providers' typed cells, slips included", () => {
    for (const c of cases) {
      if (!c.seed) continue;
      const snapshot = recalculated.get(c.name) as WorkbookSnapshot;
      const { figures, budget } = validateReturn(c.seed, c.template);
      compare(`${c.name} (seed)`, snapshot, figures, budget);
    }
  });

  test("at a tolerance's exact boundary the sheet decides as core does, in either formula set", () => {
    for (const name of ["boundaries", "boundaries-set-1"]) {
      const snapshot = recalculated.get(name) as WorkbookSnapshot;
      const rag = (table: string, id: string): unknown => {
        const t = tableOf(snapshot, table);
        return t?.values.find((r) => r[0] === id)?.[t.headers.indexOf(KPI_COLUMNS.rag)];
      };
      const shown = {
        kpis: KPI_BOUNDARIES.map((k) => [k.id, String(rag("KpiReturn", k.id)).toLowerCase()]),
        budget: BUDGET_BOUNDARIES.map((b) => [b.id, String(rag("BudgetReturn", b.id)).toLowerCase()]),
      };
      expect([name, shown]).toEqual([
        name,
        {
          kpis: KPI_BOUNDARIES.map((k) => [k.id, k.rag]),
          budget: BUDGET_BOUNDARIES.map((b) => [b.id, b.rag]),
        },
      ]);
      const { ret, findings } = readReturn(snapshot, [boundaryTemplate]);
      expect([name, findings]).toEqual([name, []]);
      const result = validateReturn(ret as Return, boundaryTemplate);
      expect(result.figures.map((f) => [f.kpiId, f.rag])).toEqual(KPI_BOUNDARIES.map((k) => [k.id, k.rag]));
      expect(result.findings.filter((f) => f.ruleId === "TARGET-VARIANCE-Q")).toHaveLength(1);
    }
  });

  test("TRUE, FALSE and 1e308 stored past validation give no figure in the sheet, as in core", () => {
    const snapshot = recalculated.get("hostile") as WorkbookSnapshot;
    const { ret, findings } = readReturn(snapshot, [hostileTemplate]);
    if (!ret) throw new Error("hostile: no return read");
    const result = validateReturn(ret, hostileTemplate);
    const errors = [...findings, ...result.findings].filter((f) => f.severity === "error");
    expect(errors.map((f) => [f.ruleId, f.location.row, f.location.column])).toEqual(
      expect.arrayContaining([
        ["TYPE", 0, KPI_COLUMNS.actual],
        ["TYPE", 1, KPI_COLUMNS.actual],
        ["RANGE", 2, KPI_COLUMNS.actual],
        ["RANGE", 3, KPI_COLUMNS.actual],
        ["RANGE", 4, KPI_COLUMNS.actual],
        ["BUDGET-TYPE", 0, BUDGET_COLUMNS.spentToDate],
        ["BUDGET-RANGE", 1, BUDGET_COLUMNS.spentToDate],
      ]),
    );
    // Core computes nothing from them and the sheet shows "" in every computed cell of those rows; the row at the
    // limit itself computes in both.
    compare("hostile", snapshot, result.figures, result.budget);
    expect(result.figures.slice(0, 5).map((f) => f.rag)).toEqual([null, null, null, null, null]);
    expect(result.figures[5].rag).not.toBeNull();
    expect(result.budget.map((b) => b.rag)).toEqual([null, null]);
  });

  test("the seed's CSP utilisation, as LibreOffice shows it", () => {
    const shown: Record<string, string> = {};
    for (const c of cases) {
      if (c.template.id !== "csp-budget") continue;
      const table = tableOf(recalculated.get(c.name) as WorkbookSnapshot, "BudgetReturn");
      const utilisation = table?.values[0][table.headers.indexOf(BUDGET_COLUMNS.utilisation)];
      shown[c.setup.provider] = (Number(utilisation) * 100).toFixed(1);
    }
    // The report's own figures (issue 2): Telford's includes its "£135, 640" read as 135,640.
    expect(shown).toEqual({
      "Shropshire CSP": "51.0",
      "Herefordshire CSP": "88.1",
      "Telford & Wrekin CSP": "85.3",
      "South Worcestershire CSP": "100.0",
      "North Worcestershire CSP": "73.1",
    });
  });

  test("the metadata survives LibreOffice intact", () => {
    for (const c of cases) {
      expect(recalculated.get(c.name)?.metadata).toEqual(written.get(c.name)?.metadata);
    }
  });

  test("IDVA and Victim Advice Line changes as the report states them", () => {
    const idva = cases.find((c) => c.template.id === "idva");
    const val = cases.find((c) => c.template.id === "victim-advice-line");
    const change = (c: Case | undefined, kpiId: string, header: string): number => {
      const table = tableOf(recalculated.get(c?.name ?? "") as WorkbookSnapshot, "KpiReturn");
      const row = table?.values.find((r) => r[0] === kpiId);
      return Number(row?.[table?.headers.indexOf(header) ?? -1]);
    };
    expect((change(idva, "referrals", KPI_COLUMNS.changeVsLastYear) * 100).toFixed(1)).toBe("5.8");
    expect((change(val, "referrals", KPI_COLUMNS.changeVsPrevious) * 100).toFixed(1)).toBe("-13.7");
  });
  test("pasted text stays text in the input cells, and the computed cells still read it", () => {
    const snapshot = recalculated.get("synthetic-typed") as WorkbookSnapshot;
    const table = tableOf(snapshot, "KpiReturn");
    const column = (h: string): number => table?.headers.indexOf(h) ?? -1;
    const row = table?.values.find((r) => r[0] === "commas");
    // Without this the test could pass on a LibreOffice that turned the text into numbers on loading.
    expect(row?.[column(KPI_COLUMNS.actual)]).toBe("1,883");
    expect(row?.[column(KPI_COLUMNS.variance)]).toBe(383);
    const telford = cases.find((c) => c.setup.provider === "Telford & Wrekin CSP");
    const budget = tableOf(recalculated.get(telford?.name ?? "") as WorkbookSnapshot, "BudgetReturn");
    expect(budget?.values[0][budget.headers.indexOf(BUDGET_COLUMNS.spentToDate)]).toBe("£135, 640");
  });

  test("the sheet reads pasted text as core does", () => {
    for (const text of AGREED_TEXT) {
      const parsed = parseCell(text);
      const sheet = reading.get(text);
      if (parsed.kind === "number") {
        expectCell(`"${text}"`, sheet as CellInput, parsed.value);
      } else if (sheet !== "") {
        throw new Error(`"${text}": core reads it as ${parsed.kind}, but the sheet reads ${String(sheet)}`);
      }
    }
  });

  test("where the sheet and core read text differently, it is as documented", () => {
    for (const [text, sheetReads] of DOCUMENTED_DIFFERENCES) {
      expect([text, reading.get(text)]).toEqual([text, sheetReads]);
      // Still a difference: were core to change, docs/workbook.md would need to say so.
      const parsed = parseCell(text);
      expect([text, parsed.kind === "number" ? parsed.value : ""]).not.toEqual([text, sheetReads]);
    }
  });
});
