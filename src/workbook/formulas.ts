/**
 * The live formulas of the computed columns, written so Excel and LibreOffice evaluate them alike and they compute
 * exactly what core's figures.ts computes, in the same order of arithmetic (the LibreOffice test holds them to it).
 * The sheet holds percentages as fractions (Variance % 0.058 shows as +5.8%), where core's figures hold 5.8. A blank, missing or text input
 * gives "" rather than #VALUE! or #DIV/0!.
 *
 * References are structured (KpiReturn[[#This Row],[Actual]]), the full form the .xlsx file format stores: Excel
 * shows it as [@Actual], LibreOffice 7.4 evaluates it, and it survives rows being inserted or sorted.
 */
import type { BudgetLineDefinition, KpiDefinition, KpiTemplate, Tolerance } from "../core/types";
import { BUDGET_COLUMNS, BUDGET_TABLE, KPI_COLUMNS, KPI_TABLE } from "./contract";

/** A this-row structured reference: KpiReturn[[#This Row],[Actual]]. */
export function thisRow(table: string, column: string): string {
  // Inside a structured reference [, ], # and ' are escaped with a leading apostrophe.
  const escaped = column.replace(/['[\]#]/g, (c) => `'${c}`);
  return `${table}[[#This Row],[${escaped}]]`;
}

const k = (column: string): string => thisRow(KPI_TABLE, column);
const b = (column: string): string => thisRow(BUDGET_TABLE, column);

/** A number literal Excel and LibreOffice both read the same way (no exponent, no locale). */
export function literal(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Cannot write ${n} into a formula.`);
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return n.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}

function toleranceOf(template: KpiTemplate, kpi: KpiDefinition): Tolerance {
  return { ...template.tolerance, ...(kpi.tolerance ?? {}) };
}

/** What the RAG and variance compare against, in the same arithmetic as core's proRataTarget. */
function targetExpr(kpi: KpiDefinition, quartersElapsed: number): string {
  if (kpi.targetBasis !== "annual") return k(KPI_COLUMNS.target);
  // Cumulative KPIs (counted since April) meet the year's target pro rata; a quarter's figure meets a quarter of it.
  return kpi.cumulative
    ? `(${k(KPI_COLUMNS.target)}*${literal(quartersElapsed)}/4)`
    : `(${k(KPI_COLUMNS.target)}/4)`;
}

export interface KpiFormulas {
  readonly variance: string;
  readonly variancePct: string;
  readonly changeVsPrevious: string;
  readonly changeVsLastYear: string;
  readonly rag: string;
}

/** The five computed cells of one KpiReturn row. */
export function kpiFormulas(template: KpiTemplate, kpi: KpiDefinition, quartersElapsed: number): KpiFormulas {
  const actual = k(KPI_COLUMNS.actual);
  const target = k(KPI_COLUMNS.target);
  const effective = targetExpr(kpi, quartersElapsed);
  const both = `AND(ISNUMBER(${actual}),ISNUMBER(${target}))`;
  const variance = `=IF(${both},${actual}-${effective},"")`;
  const variancePct = `=IF(AND(${both},${target}<>0),(${actual}-${effective})/${effective},"")`;
  const tol = toleranceOf(template, kpi);
  const change = (base: string): string => {
    const known = `AND(ISNUMBER(${actual}),ISNUMBER(${base}))`;
    if (kpi.unit === "percent") {
      // Percent KPIs change in percentage points; fractions (0.9583) are scaled to points.
      const scale = template.percentScale === "fraction" ? "*100" : "";
      return `=IF(${known},(${actual}-${base})${scale},"")`;
    }
    return `=IF(AND(${known},${base}<>0),(${actual}-${base})/${base},"")`;
  };
  // Shortfall against target in % of target: positive is worse, whichever way the KPI points.
  const pct = k(KPI_COLUMNS.variancePct);
  const shortfall = kpi.higherIsBetter ? `-${pct}*100` : `${pct}*100`;
  const rag =
    `=IF(ISNUMBER(${pct}),IF(${shortfall}<=${literal(tol.targetGreenPct)},"Green",` +
    `IF(${shortfall}<=${literal(tol.targetRedPct)},"Amber","Red")),"")`;
  return {
    variance,
    variancePct,
    changeVsPrevious: change(k(KPI_COLUMNS.previous)),
    changeVsLastYear: change(k(KPI_COLUMNS.lastYear)),
    rag,
  };
}

export interface BudgetFormulas {
  readonly utilisation: string;
  readonly expectedUtilisation: string;
  readonly varianceVsProfile: string;
  readonly forecastOutturn: string;
  readonly forecastVariance: string;
  readonly rag: string;
}

/** The profile's cumulative share of the award expected spent by the end of this quarter. */
export function expectedShare(line: BudgetLineDefinition, quarter: number): number {
  return line.profile ? line.profile[quarter - 1] : quarter / 4;
}

/** The six computed cells of one BudgetReturn row. */
export function budgetFormulas(
  template: KpiTemplate,
  line: BudgetLineDefinition,
  quarter: number,
): BudgetFormulas {
  const awarded = b(BUDGET_COLUMNS.awarded);
  const spent = b(BUDGET_COLUMNS.spentToDate);
  const utilisation = b(BUDGET_COLUMNS.utilisation);
  const expected = b(BUDGET_COLUMNS.expectedUtilisation);
  const variance = b(BUDGET_COLUMNS.varianceVsProfile);
  const outturn = b(BUDGET_COLUMNS.forecastOutturn);
  const forecastVariance = b(BUDGET_COLUMNS.forecastVariance);
  const both = `AND(ISNUMBER(${spent}),ISNUMBER(${awarded}))`;
  const points = literal(template.tolerance.budgetProfilePoints);
  return {
    utilisation: `=IF(AND(${both},${awarded}<>0),${spent}/${awarded},"")`,
    expectedUtilisation: `=${literal(expectedShare(line, quarter))}`,
    varianceVsProfile: `=IF(ISNUMBER(${utilisation}),${utilisation}-${expected},"")`,
    forecastOutturn: `=IF(ISNUMBER(${spent}),${spent}/${literal(quarter)}*4,"")`,
    forecastVariance: `=IF(AND(ISNUMBER(${outturn}),ISNUMBER(${awarded})),${outturn}-${awarded},"")`,
    // Red: spent more than awarded, or a forecast overspend beyond the tolerance; amber: off the profile.
    rag:
      `=IF(${both},IF(${spent}>${awarded},"Red",IF(${forecastVariance}>${awarded}*${points}/100,"Red",` +
      `IF(ISNUMBER(${variance}),IF(ABS(${variance})*100>${points},"Amber","Green"),""))),"")`,
  };
}
