/**
 * The live formulas of the computed columns, written so Excel and LibreOffice evaluate them alike and they compute
 * exactly what core's figures.ts computes, in the same order of arithmetic (the LibreOffice test holds them to it).
 * The sheet holds percentages as fractions (Variance % 0.058 shows as +5.8%), where core's figures hold 5.8. A blank,
 * missing or text input gives "" rather than #VALUE! or #DIV/0!.
 *
 * The provider's input cells (Actual, Spent to date) are read the way core reads them, so a figure pasted as text
 * ("£135, 640", "1,883", "95.83%"), which data validation never sees, still computes: see `typedNumber`.
 *
 * References are structured (KpiReturn[[#This Row],[Actual]]), the full form the .xlsx file format stores: Excel
 * shows it as [@Actual], LibreOffice 7.4 evaluates it, and it survives rows being inserted or sorted.
 */
import { expectedShare, kpiTolerance } from "../core/figures";
import type { BudgetLineDefinition, KpiDefinition, KpiTemplate } from "../core/types";
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

/**
 * The number an input cell holds, read as core's parseCell reads typed text: a number as it is; text without its £
 * signs, commas and spaces through VALUE, which also takes "95.83%" (0.9583) and "(1,200)" (−1200). Anything else
 * (blank, TRUE, "N/A", an Excel error) is an error, which the formulas turn into "". T() keeps booleans out of VALUE.
 * Only the provider's input columns need it: the issued columns are protected and written as numbers.
 */
export function typedNumber(ref: string): string {
  return `IF(ISNUMBER(${ref}),${ref},VALUE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(T(${ref}),"£",""),",","")," ","")))`;
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
  const actual = typedNumber(k(KPI_COLUMNS.actual));
  const target = k(KPI_COLUMNS.target);
  const effective = targetExpr(kpi, quartersElapsed);
  // IFERROR: an Actual that is not a number, or a target of 0, gives "" (core's null), never #VALUE! or #DIV/0!.
  const variance = `=IF(ISNUMBER(${target}),IFERROR(${actual}-${effective},""),"")`;
  const variancePct = `=IF(ISNUMBER(${target}),IFERROR((${actual}-${effective})/${effective},""),"")`;
  const tol = kpiTolerance(template, kpi);
  const change = (base: string): string => {
    if (kpi.unit === "percent") {
      // Percent KPIs change in percentage points; fractions (0.9583) are scaled to points.
      const scale = template.percentScale === "fraction" ? "*100" : "";
      return `=IF(ISNUMBER(${base}),IFERROR((${actual}-${base})${scale},""),"")`;
    }
    return `=IF(ISNUMBER(${base}),IFERROR((${actual}-${base})/${base},""),"")`;
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

/** The six computed cells of one BudgetReturn row. */
export function budgetFormulas(
  template: KpiTemplate,
  line: BudgetLineDefinition,
  quarter: number,
): BudgetFormulas {
  const awarded = b(BUDGET_COLUMNS.awarded);
  const spent = typedNumber(b(BUDGET_COLUMNS.spentToDate));
  const utilisation = b(BUDGET_COLUMNS.utilisation);
  const expected = b(BUDGET_COLUMNS.expectedUtilisation);
  const variance = b(BUDGET_COLUMNS.varianceVsProfile);
  const outturn = b(BUDGET_COLUMNS.forecastOutturn);
  const forecastVariance = b(BUDGET_COLUMNS.forecastVariance);
  const points = literal(template.tolerance.budgetProfilePoints);
  return {
    utilisation: `=IF(ISNUMBER(${awarded}),IFERROR(${spent}/${awarded},""),"")`,
    expectedUtilisation: `=${literal(expectedShare(line, quarter))}`,
    varianceVsProfile: `=IF(ISNUMBER(${utilisation}),${utilisation}-${expected},"")`,
    forecastOutturn: `=IFERROR(${spent}/${literal(quarter)}*4,"")`,
    forecastVariance: `=IF(AND(ISNUMBER(${outturn}),ISNUMBER(${awarded})),${outturn}-${awarded},"")`,
    // Red: spent more than awarded, or a forecast overspend beyond the tolerance; amber: off the profile.
    rag:
      `=IF(ISNUMBER(${awarded}),IFERROR(IF(${spent}>${awarded},"Red",IF(${forecastVariance}>${awarded}*${points}/100,"Red",` +
      `IF(ISNUMBER(${variance}),IF(ABS(${variance})*100>${points},"Amber","Green"),""))),""),"")`,
  };
}
