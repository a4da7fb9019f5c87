/**
 * Rows ⇄ list item `fields`: each row written by column name in SharePoint's units (percentages as fractions, numbers
 * as SharePoint keeps them, timestamps in whole seconds, choices as the column spells them), and read back tolerating
 * the empty fields SharePoint omits.
 */
import type { Direction, Rag, Unit } from "../core/types";
import type { BudgetListItem, KpiListItem, ListItemAudit, ListItemIdentity } from "./list-items";
import { listNumber, type ListFields } from "./list-values";
import {
  DIRECTION_CHOICES,
  FINANCE_STATUS_COLUMN,
  KEY_COLUMN,
  PERIOD_COLUMN,
  RAG_CHOICES,
  RETURN_KEY_COLUMN,
  UNIT_CHOICES,
} from "./schema";

function pct(n: number | null): number | null {
  return n === null ? null : listNumber(n / 100);
}
function fromPct(n: number | null): number | null {
  return n === null ? null : listNumber(n * 100);
}
function choice<T extends string>(value: T | null, choices: readonly string[]): string | null {
  if (value === null) return null;
  return choices.find((c) => c.toLowerCase() === value.toLowerCase()) ?? null;
}

/** The identity columns, and a readable Title: "Provider: KPI (period)". */
function identityFields(item: ListItemIdentity, subject: string): ListFields {
  return {
    Title: `${item.provider}: ${subject} (${item.period})`,
    [KEY_COLUMN]: item.key,
    [RETURN_KEY_COLUMN]: item.returnKey,
    Provider: item.provider,
    Service: item.service,
    ServiceArea: item.serviceArea,
    [PERIOD_COLUMN]: item.period,
  };
}

function auditFields(a: ListItemAudit): ListFields {
  return {
    ApprovedBy: a.approvedBy,
    ApprovedAt: a.approvedAt,
    ApprovalHash: a.approvalHash,
    SyncedBy: a.syncedBy,
    SyncedAt: a.syncedAt,
    TemplateId: a.templateId,
    TemplateVersion: a.templateVersion,
    SourceWorkbook: a.sourceWorkbook,
  };
}

/**
 * Audit stamps: written with every create and update, but never compared or hashed, so they record the approval and
 * the sync that last changed the item's figures. A re-approval that leaves a figure as it was does not rewrite it.
 */
export const STAMP_COLUMNS: readonly string[] = [
  "ApprovedBy",
  "ApprovedAt",
  "ApprovalHash",
  "SyncedBy",
  "SyncedAt",
  "SourceWorkbook",
];

export function kpiFields(item: KpiListItem): ListFields {
  return {
    ...identityFields(item, item.label),
    KpiId: item.kpiId,
    KpiLabel: item.label,
    Unit: item.unit,
    Actual: listNumber(item.actual),
    Target: listNumber(item.target),
    Variance: listNumber(item.variance),
    VariancePct: pct(item.variancePct),
    Previous: listNumber(item.previous),
    LastYear: listNumber(item.lastYear),
    ChangeVsPreviousPct: pct(item.changeVsPreviousPct),
    ChangeVsPreviousPoints: listNumber(item.changeVsPreviousPoints),
    ChangeVsLastYearPct: pct(item.changeVsLastYearPct),
    ChangeVsLastYearPoints: listNumber(item.changeVsLastYearPoints),
    Rag: choice(item.rag, RAG_CHOICES),
    Direction: choice(item.direction, DIRECTION_CHOICES),
    Commentary: item.commentary,
    ...auditFields(item),
  };
}

export function budgetFields(item: BudgetListItem): ListFields {
  return {
    ...identityFields(item, item.lineLabel),
    LineId: item.lineId,
    LineLabel: item.lineLabel,
    Area: item.area,
    Awarded: listNumber(item.awarded),
    SpentToDate: listNumber(item.spentToDate),
    Utilisation: listNumber(item.utilisation),
    ExpectedUtilisation: listNumber(item.expectedUtilisation),
    VarianceVsProfile: listNumber(item.varianceVsProfile),
    ForecastOutturn: listNumber(item.forecastOutturn),
    ForecastVariance: listNumber(item.forecastVariance),
    Rag: choice(item.rag, RAG_CHOICES),
    Commentary: item.commentary,
    ...auditFields(item),
  };
}

// Reading back: SharePoint omits empty fields, so every reader tolerates a missing value.
type RawFields = Record<string, unknown>;
function str(f: RawFields, name: string): string {
  const v = f[name];
  return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
}
function num(f: RawFields, name: string): number | null {
  const v = f[name];
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}
function rag(f: RawFields): Rag | null {
  const v = str(f, "Rag").toLowerCase();
  return v === "green" || v === "amber" || v === "red" ? v : null;
}
function unit(f: RawFields): Unit {
  const v = str(f, "Unit");
  return (UNIT_CHOICES as readonly string[]).includes(v) ? (v as Unit) : "number";
}
function direction(f: RawFields): Direction | null {
  const v = str(f, "Direction").toLowerCase();
  return v === "improving" || v === "worsening" || v === "steady" ? v : null;
}
function auditFrom(f: RawFields): ListItemAudit {
  return {
    approvedBy: str(f, "ApprovedBy"),
    approvedAt: str(f, "ApprovedAt"),
    approvalHash: str(f, "ApprovalHash"),
    syncedBy: str(f, "SyncedBy"),
    syncedAt: str(f, "SyncedAt"),
    templateId: str(f, "TemplateId"),
    templateVersion: str(f, "TemplateVersion"),
    sourceWorkbook: str(f, "SourceWorkbook"),
  };
}
function identityFrom(f: RawFields): ListItemIdentity {
  return {
    key: str(f, KEY_COLUMN),
    returnKey: str(f, RETURN_KEY_COLUMN),
    provider: str(f, "Provider"),
    service: str(f, "Service"),
    serviceArea: str(f, "ServiceArea"),
    period: str(f, PERIOD_COLUMN),
  };
}
function financeStatus(f: RawFields): { financeStatus?: string } {
  const v = str(f, FINANCE_STATUS_COLUMN);
  return v ? { financeStatus: v } : {};
}

export function kpiItemFromFields(f: RawFields): KpiListItem {
  return {
    ...auditFrom(f),
    ...identityFrom(f),
    kpiId: str(f, "KpiId"),
    label: str(f, "KpiLabel"),
    unit: unit(f),
    actual: num(f, "Actual"),
    target: num(f, "Target"),
    variance: num(f, "Variance"),
    variancePct: fromPct(num(f, "VariancePct")),
    previous: num(f, "Previous"),
    lastYear: num(f, "LastYear"),
    changeVsPreviousPct: fromPct(num(f, "ChangeVsPreviousPct")),
    changeVsPreviousPoints: num(f, "ChangeVsPreviousPoints"),
    changeVsLastYearPct: fromPct(num(f, "ChangeVsLastYearPct")),
    changeVsLastYearPoints: num(f, "ChangeVsLastYearPoints"),
    rag: rag(f),
    direction: direction(f),
    commentary: str(f, "Commentary"),
    ...financeStatus(f),
  };
}

export function budgetItemFromFields(f: RawFields): BudgetListItem {
  return {
    ...auditFrom(f),
    ...identityFrom(f),
    lineId: str(f, "LineId"),
    lineLabel: str(f, "LineLabel"),
    area: str(f, "Area"),
    awarded: num(f, "Awarded"),
    spentToDate: num(f, "SpentToDate"),
    utilisation: num(f, "Utilisation"),
    expectedUtilisation: num(f, "ExpectedUtilisation"),
    varianceVsProfile: num(f, "VarianceVsProfile"),
    forecastOutturn: num(f, "ForecastOutturn"),
    forecastVariance: num(f, "ForecastVariance"),
    rag: rag(f),
    commentary: str(f, "Commentary"),
    ...financeStatus(f),
  };
}
