/**
 * The rows sync writes and the quarterly report reads, built from an approved Return: one "KPI Returns" row per KPI
 * figure and one "Budget Returns" row per budget line, each with its identity (provider, service, period and keys)
 * and audit (who approved and synced it, from which workbook). Rows speak the domain's units (percentages ×100).
 */
import type { BudgetFigure, KpiFigure, KpiTemplate, Return, Validation } from "../core/types";
import { UserError } from "../core/errors";
import { listDateTime } from "./list-values";

/** What sync records about who approved and synced an item, and where it came from. */
export interface ListItemAudit {
  readonly approvedBy: string;
  /** ISO 8601, whole seconds (SharePoint drops milliseconds). */
  readonly approvedAt: string;
  readonly approvalHash: string;
  readonly syncedBy: string;
  readonly syncedAt: string;
  readonly templateId: string;
  readonly templateVersion: string;
  readonly sourceWorkbook: string;
}

/** Where an item belongs: the same for both lists. */
export interface ListItemIdentity {
  /** provider|template|period|kpiId, or provider|template|period|lineId */
  readonly key: string;
  /** provider|template|period */
  readonly returnKey: string;
  readonly provider: string;
  /** The service: the KPI template's title. */
  readonly service: string;
  readonly serviceArea: string;
  readonly period: string;
}

/** The fields of core's KpiFigure a "KPI Returns" item keeps (all but the pro-rata target, which only the sheet shows). */
export const KPI_ITEM_FIGURE_FIELDS = [
  "kpiId",
  "label",
  "unit",
  "actual",
  "target",
  "variance",
  "variancePct",
  "previous",
  "lastYear",
  "changeVsPreviousPct",
  "changeVsPreviousPoints",
  "changeVsLastYearPct",
  "changeVsLastYearPoints",
  "rag",
  "direction",
  "commentary",
] as const satisfies readonly (keyof KpiFigure)[];
export type KpiItemFigures = Pick<KpiFigure, (typeof KPI_ITEM_FIGURE_FIELDS)[number]>;

/** The fields of core's BudgetFigure a "Budget Returns" item keeps (its label is the item's `lineLabel`). */
export const BUDGET_ITEM_FIGURE_FIELDS = [
  "lineId",
  "awarded",
  "spentToDate",
  "utilisation",
  "expectedUtilisation",
  "varianceVsProfile",
  "forecastOutturn",
  "forecastVariance",
  "rag",
  "commentary",
] as const satisfies readonly (keyof BudgetFigure)[];
export type BudgetItemFigures = Pick<BudgetFigure, (typeof BUDGET_ITEM_FIGURE_FIELDS)[number]>;

/** Copies just the named fields, so a row never carries more than its type says (and compares on nothing else). */
export function pickFields<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = from[k];
  return out;
}

/** One approved KPI figure: a row of the "KPI Returns" list. Percentages are ×100, as in KpiFigure. */
export interface KpiListItem extends ListItemAudit, ListItemIdentity, KpiItemFigures {
  /** Finance's review status (read only; sync sets "To review" when it creates the item). */
  readonly financeStatus?: string;
}

/** One approved budget line: a row of the "Budget Returns" list. Utilisation figures are fractions (0.81 = 81%). */
export interface BudgetListItem extends ListItemAudit, ListItemIdentity, BudgetItemFigures {
  readonly lineLabel: string;
  /** The area or Community Safety Partnership the money is for: the line's label when the return has several lines, else the provider. */
  readonly area: string;
  readonly financeStatus?: string;
}

/** Who synced, when, and from which workbook: the audit facts the return itself does not carry. */
export interface SyncAudit {
  readonly syncedBy: string;
  readonly syncedAt: string;
  readonly sourceWorkbook: string;
}

/** The key of a return: its items share it, and sync reads them back by it. */
export function returnKeyOf(ret: Pick<Return, "provider" | "templateId" | "period">): string {
  return `${ret.provider.trim()}|${ret.templateId}|${ret.period}`;
}

/**
 * The longest a provider's name may be for a return of `template` in `period`: every list key of the return (provider,
 * template, period and a KPI or line id) must fit SharePoint's 255-character single-line text, so `new` refuses a
 * longer name up front instead of the return being refused only at sync.
 */
export function longestProviderName(
  template: Pick<KpiTemplate, "id" | "kpis" | "budgetLines">,
  period: string,
): number {
  const subjects = [...template.kpis.map((k) => k.id), ...template.budgetLines.map((l) => l.id)];
  const longestSubject = Math.max(0, ...subjects.map((s) => s.length));
  return 255 - `|${template.id}|${period}|`.length - longestSubject;
}

function itemKey(returnKey: string, subject: string): string {
  const key = `${returnKey}|${subject}`;
  // SharePoint's single-line text holds 255 characters; a truncated key would merge two items.
  if (key.length > 255) {
    throw new UserError(
      `The list key "${key.slice(0, 60)}…" is longer than SharePoint's 255 characters: shorten the provider name.`,
      "provider",
    );
  }
  return key;
}

function auditFor(ret: Return, audit: SyncAudit): ListItemAudit {
  if (!ret.approval) {
    throw new UserError(
      `The return from ${ret.provider} for ${ret.period} is not approved, so it cannot be written to SharePoint.`,
    );
  }
  return {
    approvedBy: ret.approval.by,
    approvedAt: listDateTime(ret.approval.at),
    approvalHash: ret.approval.hash,
    syncedBy: audit.syncedBy,
    syncedAt: listDateTime(audit.syncedAt),
    templateId: ret.templateId,
    templateVersion: ret.templateVersion,
    sourceWorkbook: audit.sourceWorkbook,
  };
}

function identityFor(
  ret: Return,
  template: KpiTemplate,
  returnKey: string,
  subject: string,
): ListItemIdentity {
  return {
    key: itemKey(returnKey, subject),
    returnKey,
    provider: ret.provider.trim(),
    service: template.title,
    serviceArea: template.serviceArea,
    period: ret.period,
  };
}

/** One list's rows for an approved return: each figure's kept fields, with the return's audit and the item's place. */
function itemsFor<F, K extends keyof F>(
  ret: Return,
  template: KpiTemplate,
  audit: SyncAudit,
  figures: readonly F[],
  subject: (figure: F) => string,
  fields: readonly K[],
): (ListItemAudit & ListItemIdentity & Pick<F, K>)[] {
  const returnKey = returnKeyOf(ret);
  const common = auditFor(ret, audit);
  return figures.map((f) => ({
    ...common,
    ...identityFor(ret, template, returnKey, subject(f)),
    ...pickFields(f, fields),
  }));
}

/** The "KPI Returns" rows for an approved return: one per KPI figure the validation computed. */
export function kpiItemsFor(
  ret: Return,
  v: Validation,
  template: KpiTemplate,
  audit: SyncAudit,
): KpiListItem[] {
  return itemsFor(ret, template, audit, v.figures, (f) => f.kpiId, KPI_ITEM_FIGURE_FIELDS);
}

/** The "Budget Returns" rows for an approved return: one per budget line. */
export function budgetItemsFor(
  ret: Return,
  v: Validation,
  template: KpiTemplate,
  audit: SyncAudit,
): BudgetListItem[] {
  const severalLines = v.budget.length > 1;
  return itemsFor(ret, template, audit, v.budget, (b) => b.lineId, BUDGET_ITEM_FIGURE_FIELDS).map(
    (item, i) => ({
      ...item,
      lineLabel: v.budget[i].label,
      area: severalLines ? v.budget[i].label : ret.provider.trim(),
    }),
  );
}
