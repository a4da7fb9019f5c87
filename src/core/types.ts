/**
 * The domain's vocabulary: templates, returns, findings and figures, in the users' own words.
 * Pure types only. Every face of the product (task pane, command line, Graph sync, tests) speaks these.
 */
import type { FindingRuleId } from "./rules/ids";

// ---------- Periods ----------

/** A UK financial-year quarter. `startYear` 2022 + `quarter` 2 is written "2022-23 Q2" (Jul–Sep 2022). */
export interface Period {
  readonly startYear: number;
  readonly quarter: 1 | 2 | 3 | 4;
}

// ---------- Cell values ----------

/** What a spreadsheet cell can hold, as any executor reads it. */
export type CellInput = string | number | boolean | Date | null | undefined;

/** How a raw cell was read. Blank, a labelled missing code and zero stay three different things. */
export type ParsedValue =
  | {
      readonly kind: "number";
      readonly value: number;
      readonly raw: CellInput;
      /** True when the number was read out of text ("£135, 640", " 492 "), so a finding can say how it was read. */
      readonly cleaned: boolean;
      /** True when the text carried a % sign ("95.83%"), which fixes its scale: value is then the fraction 0.9583. */
      readonly percentSign?: boolean;
    }
  | { readonly kind: "blank" }
  | { readonly kind: "missing"; readonly code: string; readonly raw: string }
  | { readonly kind: "excel-error"; readonly code: string }
  | { readonly kind: "text"; readonly raw: string };

// ---------- Templates ----------

export type Unit = "count" | "percent" | "currency" | "number" | "days";
export type Severity = "error" | "query" | "info";

/** Thresholds for queries and RAG. Percent KPIs measure change in percentage points. */
export interface Tolerance {
  /** Variance from target, in % of target, within which a KPI is green. */
  readonly targetGreenPct: number;
  /** Variance from target, in % of target, beyond which a KPI is red (between green and red: amber). */
  readonly targetRedPct: number;
  /** Period-over-period change that raises a query only when BOTH the absolute and the % thresholds are passed. */
  readonly periodAbs: number;
  readonly periodPct: number;
  /** For percent KPIs: change in percentage points that raises a query. */
  readonly periodPoints: number;
  /** No period-over-period query when the base figure is below this (small numbers swing). */
  readonly smallBase: number;
  /** Budget: utilisation this many percentage points away from the expected profile raises a query. */
  readonly budgetProfilePoints: number;
}

export interface KpiDefinition {
  readonly id: string;
  readonly label: string;
  readonly unit: Unit;
  readonly required: boolean;
  readonly integer: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Whether a higher figure is better (referrals met, contact rates) or lower is (waiting days). */
  readonly higherIsBetter: boolean;
  /** Shown to providers as the cell's input prompt and in the task pane. */
  readonly guidance: string;
  /** When set, the only values accepted. */
  readonly allowedValues?: readonly number[];
  /** "quarter" (default): the target is for this quarter. "annual": a year target, compared year-to-date pro rata. */
  readonly targetBasis?: "quarter" | "annual";
  /** Per-KPI override of the template's tolerance. */
  readonly tolerance?: Partial<Tolerance>;
  /** True when the figure counts since April (year to date, e.g. "people reached since April"), not this quarter alone. */
  readonly cumulative?: boolean;
  /**
   * How the report's narrative names the KPI after its figure, in a sentence: "total referrals (hospital data
   * included)" reads "492 total referrals (hospital data included)". Absent: the label, in lower case.
   */
  readonly phrase?: string;
}

export interface BudgetLineDefinition {
  readonly id: string;
  readonly label: string;
  /** Cumulative share of the award expected spent by the end of Q1..Q4, e.g. [0.25, 0.5, 0.75, 1]. Straight line when absent. */
  readonly profile?: readonly [number, number, number, number];
}

export type CompareOp = ">=" | "<=" | ">" | "<" | "=";

/** A cross-field rule, written as data and interpreted by the engine: never executed. */
export type TemplateRule =
  | {
      readonly id: string;
      readonly kind: "compare";
      readonly severity: Severity;
      readonly left: string;
      readonly op: CompareOp;
      readonly right: string;
      readonly message?: string;
    }
  | {
      readonly id: string;
      readonly kind: "sum";
      readonly severity: Severity;
      readonly parts: readonly string[];
      readonly total: string;
      readonly message?: string;
    };

export interface KpiTemplate {
  readonly id: string;
  /** Semantic version, e.g. "1.0.0". A return names the version it was written with. */
  readonly version: string;
  readonly title: string;
  /** e.g. "Domestic Abuse", "Victim Services", "Early Intervention and Prevention", "Community Safety Partnership". */
  readonly serviceArea: string;
  /** Percent KPIs are held as fractions (0.9583, Excel's own way) unless the template says "points" (95.83). */
  readonly percentScale: "fraction" | "points";
  readonly kpis: readonly KpiDefinition[];
  readonly rules: readonly TemplateRule[];
  readonly tolerance: Tolerance;
  readonly budgetLines: readonly BudgetLineDefinition[];
  /** A line or two about the service, for the task pane and the report. */
  readonly description?: string;
  /**
   * The Police and Crime Plan priority the quarterly report files the service under ("Putting Victims and Survivors
   * First"). Absent: the report works it out from the service area.
   */
  readonly planHeading?: string;
}

// ---------- Returns ----------

export type ReturnStatus = "draft" | "submitted" | "validated" | "approved" | "synced" | "returned";

/** Where a finding points: a table, a data row (0-based within the table body) and a column header. */
export interface Location {
  readonly table: "KpiReturn" | "BudgetReturn" | "Metadata";
  readonly row?: number;
  readonly column?: string;
}

export interface KpiEntry {
  readonly kpiId: string;
  /** The label as it stands in the sheet (checked against the template). */
  readonly label: string;
  readonly actual: ParsedValue;
  readonly target: ParsedValue;
  readonly previous: ParsedValue;
  readonly lastYear: ParsedValue;
  readonly commentary: string;
  /** Data row within the KpiReturn table (0-based). */
  readonly row: number;
}

export interface BudgetEntry {
  readonly lineId: string;
  readonly label: string;
  readonly awarded: ParsedValue;
  readonly spentToDate: ParsedValue;
  /** Spent to date as reported last quarter (from the return's metadata), when known. */
  readonly previousSpent: number | null;
  readonly commentary: string;
  readonly row: number;
}

/** An officer's override of a query, with the reason recorded. */
export interface Override {
  readonly ruleId: string;
  /** The KPI id or budget line id the overridden finding was about ("" for return-level findings). */
  readonly subject: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export interface Approval {
  readonly by: string;
  /** ISO 8601 timestamp. */
  readonly at: string;
  /** Content hash of exactly the figures approved (see `figuresHash`). */
  readonly hash: string;
  readonly comment?: string;
}

export interface StatusChange {
  readonly from: ReturnStatus;
  readonly to: ReturnStatus;
  readonly by: string;
  readonly at: string;
  readonly note?: string;
}

/** A provider's quarterly return, as read from its workbook. */
export interface Return {
  readonly templateId: string;
  readonly templateVersion: string;
  readonly provider: string;
  /** Formatted period, e.g. "2022-23 Q2". */
  readonly period: string;
  readonly status: ReturnStatus;
  readonly kpis: readonly KpiEntry[];
  readonly budget: readonly BudgetEntry[];
  readonly overrides: readonly Override[];
  readonly approval?: Approval;
  readonly history: readonly StatusChange[];
  /** Reasons given when the return was sent back to the provider. */
  readonly returnedReasons?: readonly string[];
  /**
   * Tables the template needs that the workbook lacks altogether (deleted or renamed), as its reader found them.
   * Their rows are then reported once, as the table missing, not one by one. Absent: every table was there.
   */
  readonly missingTables?: readonly ("KpiReturn" | "BudgetReturn")[];
}

// ---------- Findings ----------

export interface Finding {
  /** Stable id from a rule catalogue (README), or a template rule's own id. */
  readonly ruleId: FindingRuleId;
  readonly severity: Severity;
  /** Plain English, naming the KPI and the numbers. */
  readonly message: string;
  readonly kpiId?: string;
  readonly lineId?: string;
  readonly location: Location;
  /** For queries: how it was explained, if it was. */
  readonly explainedBy?: "commentary" | "override";
}

// ---------- Figures ----------

export type Rag = "green" | "amber" | "red";
export type Direction = "improving" | "worsening" | "steady";

/** What officers and finance see for one KPI: computed by core, mirrored by the sheet's formulas. */
export interface KpiFigure {
  readonly kpiId: string;
  readonly label: string;
  readonly unit: Unit;
  readonly actual: number | null;
  readonly target: number | null;
  /** The target the variance is measured against: the target itself, or for an annual target its pro-rata share. */
  readonly proRataTarget?: number | null;
  /** actual − target (for an annual target: year to date against the pro-rata target). */
  readonly variance: number | null;
  /** variance / target × 100. */
  readonly variancePct: number | null;
  readonly previous: number | null;
  readonly lastYear: number | null;
  /** (actual − previous) / previous × 100. */
  readonly changeVsPreviousPct: number | null;
  /** actual − previous, in percentage points (percent KPIs only). */
  readonly changeVsPreviousPoints: number | null;
  readonly changeVsLastYearPct: number | null;
  readonly changeVsLastYearPoints: number | null;
  readonly rag: Rag | null;
  /** Direction of travel against the same quarter last year. */
  readonly direction: Direction | null;
  readonly commentary: string;
}

export interface BudgetFigure {
  readonly lineId: string;
  readonly label: string;
  readonly awarded: number | null;
  readonly spentToDate: number | null;
  /** spent / awarded, as a fraction (0.81 = 81%). */
  readonly utilisation: number | null;
  /** The profile's cumulative share for this quarter, as a fraction. */
  readonly expectedUtilisation: number | null;
  /** utilisation − expectedUtilisation, as a fraction. */
  readonly varianceVsProfile: number | null;
  /** Run-rate forecast: spent / quarters elapsed × 4. */
  readonly forecastOutturn: number | null;
  /** forecastOutturn − awarded (positive: overspend). */
  readonly forecastVariance: number | null;
  readonly rag: Rag | null;
  readonly commentary: string;
}

/** The whole verdict on one return. */
export interface Validation {
  readonly findings: readonly Finding[];
  readonly figures: readonly KpiFigure[];
  readonly budget: readonly BudgetFigure[];
  readonly counts: {
    readonly error: number;
    readonly query: number;
    readonly info: number;
    readonly unexplained: number;
  };
  /** True when no error stands and every query is explained by a commentary or an override. */
  readonly approvable: boolean;
}
