/**
 * The live formulas of the computed columns, written so Excel and LibreOffice evaluate them alike and they compute
 * exactly what core's figures.ts computes, in the same order of arithmetic (the LibreOffice test holds them to it).
 * The sheet holds percentages as fractions (Variance % 0.058 shows as +5.8%), where core's figures hold 5.8. A blank,
 * missing or text input gives "" rather than #VALUE! or #DIV/0!.
 *
 * The provider's input cells (Actual, Spent to date) are read the way core reads them, so a figure pasted as text
 * ("£135, 640", "1,883", "95.83%"), which data validation never sees, still computes: see `typedNumber`.
 *
 * Formula sets. Version 2 (every new return, recorded in its metadata as formulaVersion) rounds each percentage to 6
 * decimal places with ROUND before comparing it with a tolerance, as core does (src/core/thresholds.ts), so the sheet
 * and core agree exactly at a boundary; reads TRUE/FALSE or a formula in an input cell as no figure (LibreOffice
 * would compute with 1/0), and a figure beyond its unit's limit (src/core/limits.ts) as no figure. Version 1 compared unrounded and
 * read booleans and any magnitude; returns issued with it are still checked against it.
 *
 * References are structured (KpiReturn[[#This Row],[Actual]]), the full form the .xlsx file format stores: Excel
 * shows it as [@Actual], LibreOffice 7.4 evaluates it, and it survives rows being inserted or sorted.
 */
import { expectedShare, kpiTolerance } from "../core/figures";
import { unitLimit } from "../core/limits";
import { THRESHOLD_DECIMALS } from "../core/thresholds";
import type { BudgetLineDefinition, KpiDefinition, KpiTemplate } from "../core/types";
import { parsePeriod } from "../core/period";
import { BUDGET_COLUMNS, BUDGET_TABLE, KPI_COLUMNS, KPI_TABLE, META } from "./contract";

/** Every formula set the product has written, oldest first; a return records the one it was issued with. */
export const FORMULA_VERSIONS = ["1", "2"] as const;
export type FormulaVersion = (typeof FORMULA_VERSIONS)[number];
/** The set new returns are written with. */
export const FORMULA_VERSION: FormulaVersion = "2";

/** A percentage as a version's threshold decisions compare it: rounded to 6 places from version 2. */
function decided(version: FormulaVersion, expr: string): string {
  return version === "1" ? expr : `ROUND(${expr},${THRESHOLD_DECIMALS})`;
}

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
 * (blank, "N/A", an Excel error) is an error, which the formulas turn into "". T() keeps booleans out of VALUE.
 * Only the provider's input columns need it: the issued columns are protected and written as numbers.
 *
 * With a `limit` (formula version 2), TRUE or FALSE is an error too, as core calls it a TYPE error. Excel's ISLOGICAL
 * sees it; LibreOffice opens a stored TRUE as the formula =TRUE() (the number 1, which ISNUMBER accepts), and its
 * TYPE of a formula cell is 8, so that catches it there (Excel's TYPE gives a formula's result type, never 8; a
 * formula typed into an input cell is an error in core either way: FORMULA-TYPED, its result never believed).
 * ISFORMULA would say it plainly but needs the _xlfn. prefix in the file format. So is a number beyond the limit an
 * error, as core believes no figure beyond its unit's limit.
 */
export function typedNumber(ref: string, limit?: number): string {
  const read = `IF(ISNUMBER(${ref}),${ref},VALUE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(T(${ref}),"£",""),",","")," ","")))`;
  if (limit === undefined) return read;
  return `IF(OR(ISLOGICAL(${ref}),TYPE(${ref})=8),NA(),IF(ABS(${read})>${literal(limit)},NA(),${read}))`;
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

/** The five computed cells of one KpiReturn row, in formula set `version`. */
export function kpiFormulas(
  template: KpiTemplate,
  kpi: KpiDefinition,
  quartersElapsed: number,
  version: FormulaVersion = FORMULA_VERSION,
): KpiFormulas {
  const actual = typedNumber(
    k(KPI_COLUMNS.actual),
    version === "1" ? undefined : unitLimit(kpi.unit, template.percentScale),
  );
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
  const shortfall = decided(version, kpi.higherIsBetter ? `-${pct}*100` : `${pct}*100`);
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

/** The six computed cells of one BudgetReturn row, in formula set `version`. */
export function budgetFormulas(
  template: KpiTemplate,
  line: BudgetLineDefinition,
  quarter: number,
  version: FormulaVersion = FORMULA_VERSION,
): BudgetFormulas {
  const awarded = b(BUDGET_COLUMNS.awarded);
  const spent = typedNumber(
    b(BUDGET_COLUMNS.spentToDate),
    version === "1" ? undefined : unitLimit("currency"),
  );
  const utilisation = b(BUDGET_COLUMNS.utilisation);
  const expected = b(BUDGET_COLUMNS.expectedUtilisation);
  const variance = b(BUDGET_COLUMNS.varianceVsProfile);
  const outturn = b(BUDGET_COLUMNS.forecastOutturn);
  const forecastVariance = b(BUDGET_COLUMNS.forecastVariance);
  const points = literal(template.tolerance.budgetProfilePoints);
  // Red when the forecast overspends by more than the tolerance (in % of the award from version 2, as core decides).
  const forecastOver =
    version === "1"
      ? `${forecastVariance}>${awarded}*${points}/100`
      : `${decided(version, `${forecastVariance}/${awarded}*100`)}>${points}`;
  return {
    utilisation: `=IF(ISNUMBER(${awarded}),IFERROR(${spent}/${awarded},""),"")`,
    expectedUtilisation: `=${literal(expectedShare(line, quarter))}`,
    varianceVsProfile: `=IF(ISNUMBER(${utilisation}),${utilisation}-${expected},"")`,
    forecastOutturn: `=IFERROR(${spent}/${literal(quarter)}*4,"")`,
    forecastVariance: `=IF(AND(ISNUMBER(${outturn}),ISNUMBER(${awarded})),${outturn}-${awarded},"")`,
    // Red: spent more than awarded, or a forecast overspend beyond the tolerance; amber: off the profile.
    rag:
      `=IF(ISNUMBER(${awarded}),IFERROR(IF(${spent}>${awarded},"Red",IF(${forecastOver},"Red",` +
      `IF(ISNUMBER(${variance}),IF(${decided(version, `ABS(${variance})*100`)}>${points},"Amber","Green"),""))),""),"")`,
  };
}

/**
 * The formula sets a return's computed cells may hold: the one its metadata records; every known set when it records
 * none (a return issued before sets were recorded) or one this product does not know. The metadata is the provider's
 * to edit, but every set here is the product's own, so naming another only changes which of them is accepted.
 */
export function recordedVersions(
  metadata: Readonly<Record<string, string>> | null,
): readonly FormulaVersion[] {
  const recorded = metadata?.[META.formulas]?.trim();
  const known = FORMULA_VERSIONS.find((v) => v === recorded);
  return known ? [known] : FORMULA_VERSIONS;
}

/** A template row's computed-cell formulas by header (each with its "="), one per accepted formula set. */
export type ExpectedFormulas = (id: string) => Readonly<Record<string, readonly string[]>> | null;

/**
 * The formulas a template row's computed cells may hold, as the new-return plan writes them in each formula set the
 * metadata allows; null when the template or the quarter is not known, so only "is it a formula" can be checked.
 */
export function expectedFormulas(
  template: KpiTemplate | null,
  period: string,
  table: "kpis" | "budget",
  metadata: Readonly<Record<string, string>> | null,
): ExpectedFormulas | null {
  if (!template) return null;
  let quarter: number;
  try {
    quarter = parsePeriod(period).quarter;
  } catch {
    return null;
  }
  const versions = recordedVersions(metadata);
  /** Each computed cell's formula in every recorded formula set, by the column's header. */
  const byHeader = <T>(
    row: T | undefined,
    formulasOf: (row: T, version: FormulaVersion) => Readonly<Record<string, string>>,
    columns: Readonly<Record<string, string>>,
  ): Record<string, string[]> | null => {
    if (!row) return null;
    const out: Record<string, string[]> = {};
    for (const v of versions)
      for (const [key, formula] of Object.entries(formulasOf(row, v)))
        (out[columns[key] ?? key] ??= []).push(formula);
    return out;
  };
  return table === "kpis"
    ? (id) =>
        byHeader(
          template.kpis.find((k) => k.id === id),
          (kpi, v) => ({ ...kpiFormulas(template, kpi, quarter, v) }),
          KPI_COLUMNS,
        )
    : (id) =>
        byHeader(
          template.budgetLines.find((l) => l.id === id),
          (line, v) => ({ ...budgetFormulas(template, line, quarter, v) }),
          BUDGET_COLUMNS,
        );
}
