/**
 * Engine speed: KPI values validated per second (parse + rules + figures) over 1,000 synthetic returns × 40 KPIs,
 * and the engine's time over Ajv's for the same data, Ajv checking only the per-field constraints
 * (type, integer, minimum, maximum, required) written as JSON Schema and compiled once.
 */
import Ajv from "ajv";
import type { BenchArea } from "./areas";
import { loadTemplate } from "../src/core/template";
import { parseCell } from "../src/core/values";
import { validateReturn } from "../src/core/validate";
import type { CellInput, KpiTemplate, Return } from "../src/core/types";
import { seededRandom } from "../src/emulator/random";

const RETURNS = 1000;
const KPIS = 40;

function syntheticTemplate(): KpiTemplate {
  const kpis = Array.from({ length: KPIS }, (_, i) => {
    const kind = i % 4;
    return kind === 1
      ? { id: `k${i}`, label: `Rate ${i}`, unit: "percent", min: 0, max: 1, guidance: "A share of people." }
      : kind === 2
        ? {
            id: `k${i}`,
            label: `Spend ${i}`,
            unit: "currency",
            integer: false,
            min: 0,
            max: 1e6,
            guidance: "Pounds.",
          }
        : {
            id: `k${i}`,
            label: `Count ${i}`,
            unit: "count",
            min: 0,
            max: 100000,
            guidance: "People, once each.",
          };
  });
  return loadTemplate(
    {
      id: "bench",
      version: "1.0.0",
      title: "Bench",
      serviceArea: "Bench",
      kpis,
      rules: [{ id: "K0-GE-K4", kind: "compare", severity: "error", left: "k0", op: ">=", right: "k4" }],
      budgetLines: [{ id: "grant", label: "Grant" }],
    },
    "bench.json",
  );
}

interface RawReturn {
  readonly actuals: Record<string, CellInput>;
  readonly targets: number[];
  readonly previous: number[];
}

/** Mostly clean figures, with the slips providers make: text numbers, blanks, errors, missing codes, fractions. */
function syntheticReturns(template: KpiTemplate): RawReturn[] {
  const next = seededRandom(20221);
  return Array.from({ length: RETURNS }, () => {
    const actuals: Record<string, CellInput> = {};
    const targets: number[] = [];
    const previous: number[] = [];
    template.kpis.forEach((k, i) => {
      // Figures near their target and last quarter's, as most are; the slips below are what the rules are for.
      const target = k.unit === "percent" ? 0.9 : 2500;
      const drift = 0.93 + next() * 0.14;
      const base = k.unit === "percent" ? Math.min(1, target * drift) : Math.round(target * drift);
      const roll = next();
      actuals[k.id] =
        roll < 0.9
          ? base
          : roll < 0.93
            ? base.toLocaleString("en-GB")
            : roll < 0.95
              ? null
              : roll < 0.96
                ? "#DIV/0!"
                : roll < 0.97
                  ? "N/A"
                  : roll < 0.98
                    ? base + 0.5
                    : -1;
      targets[i] = target;
      previous[i] =
        k.unit === "percent" ? base * (0.97 + next() * 0.06) : Math.round(base * (0.95 + next() * 0.1));
    });
    return { actuals, targets, previous };
  });
}

/** Reads a raw return into the core's Return, as the workbook layer does: every cell through parseCell. */
function toReturn(template: KpiTemplate, raw: RawReturn): Return {
  return {
    templateId: template.id,
    templateVersion: template.version,
    provider: "Bench provider",
    period: "2022-23 Q2",
    status: "submitted",
    kpis: template.kpis.map((k, row) => ({
      kpiId: k.id,
      label: k.label,
      actual: parseCell(raw.actuals[k.id]),
      target: parseCell(raw.targets[row]),
      previous: parseCell(raw.previous[row]),
      lastYear: parseCell(null),
      commentary: "",
      row,
    })),
    budget: [
      {
        lineId: "grant",
        label: "Grant",
        awarded: parseCell(100000),
        spentToDate: parseCell(48000),
        previousSpent: 20000,
        commentary: "",
        row: 0,
      },
    ],
    overrides: [],
    history: [],
  };
}

/**
 * The same per-field constraints as JSON Schema, over the same cells the engine reads: each KPI's actual (type,
 * integer, minimum, maximum, required) and its target and previous-quarter figures (numbers when present), plus
 * the budget line's awarded and spent (numbers, at least 0).
 */
function schemaFor(template: KpiTemplate): object {
  const reference = { type: ["number", "null"] };
  const properties: Record<string, object> = {};
  for (const k of template.kpis) {
    properties[k.id] = {
      type: "object",
      properties: {
        actual: {
          type: k.integer ? "integer" : "number",
          ...(k.min !== undefined ? { minimum: k.min } : {}),
          ...(k.max !== undefined ? { maximum: k.max } : {}),
        },
        target: reference,
        previous: reference,
        lastYear: reference,
      },
      required: k.required ? ["actual"] : [],
    };
  }
  const money = { type: "number", minimum: 0 };
  properties.grant = {
    type: "object",
    properties: { awarded: money, spentToDate: money },
    required: ["spentToDate"],
  };
  return { type: "object", properties, required: Object.keys(properties) };
}

/** The raw return as JSON for Ajv: blanks become absent properties, which is what "required" tests there. */
function ajvDataFor(template: KpiTemplate, raw: RawReturn): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  template.kpis.forEach((k, i) => {
    const row: Record<string, unknown> = {
      target: raw.targets[i],
      previous: raw.previous[i],
      lastYear: null,
    };
    const actual = raw.actuals[k.id];
    if (actual !== null && actual !== undefined) row.actual = actual;
    data[k.id] = row;
  });
  data.grant = { awarded: 100000, spentToDate: 48000 };
  return data;
}

/** Best of several timed runs, in milliseconds, after a warm-up (the JIT settles; the slowest runs are noise). */
function bestOf(runs: number, work: () => void): number {
  work();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    work();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

export async function measureEngine(): Promise<{
  engineMs: number;
  ajvMs: number;
  findings: number;
  ajvErrors: number;
}> {
  const template = syntheticTemplate();
  const raws = syntheticReturns(template);
  let findings = 0;
  const engineMs = bestOf(7, () => {
    findings = 0;
    for (const raw of raws) findings += validateReturn(toReturn(template, raw), template).findings.length;
  });
  const ajvData = raws.map((r) => ajvDataFor(template, r));
  const ajv = new Ajv({ allErrors: true });
  const check = ajv.compile(schemaFor(template));
  let ajvErrors = 0;
  const ajvMs = bestOf(7, () => {
    ajvErrors = 0;
    for (const data of ajvData) if (!check(data)) ajvErrors += check.errors?.length ?? 0;
  });
  return { engineMs, ajvMs, findings, ajvErrors };
}

export const area: BenchArea = {
  name: "engine",
  measure: async () => {
    const { engineMs, ajvMs } = await measureEngine();
    return {
      "engine.valuesPerSecond": Math.round((RETURNS * KPIS) / (engineMs / 1000)),
      "engine.ratioVsAjv": Math.round((engineMs / ajvMs) * 100) / 100,
    };
  },
};
