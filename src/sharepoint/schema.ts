/**
 * The two SharePoint lists finance reviews ("KPI Returns", "Budget Returns"): their columns, the row types sync writes
 * and the quarterly report reads, and the mapping between a row and the list item's `fields`.
 * Row types speak the domain's units (percentages ×100 as in KpiFigure); the mapping turns them into SharePoint's.
 */
import type {
  BudgetFigure,
  Direction,
  KpiFigure,
  KpiTemplate,
  Rag,
  Return,
  Unit,
  Validation,
} from "../core/types";
import { UserError } from "../core/errors";

export const KPI_LIST_NAME = "KPI Returns";
export const BUDGET_LIST_NAME = "Budget Returns";

// ---------- Columns ----------

/** The column types sync relies on. "percentage" is a number column shown as a percentage (it stores a fraction). */
export type ColumnKind = "text" | "note" | "number" | "percentage" | "currency" | "choice" | "dateTime";

export interface ListColumn {
  /** Internal name: what Graph's `fields` use. Never renamed once lists exist in a tenant. */
  readonly name: string;
  readonly displayName: string;
  readonly kind: ColumnKind;
  readonly indexed?: boolean;
  /** SharePoint's enforceUniqueValues: a second item with the same value is refused (409), so creates are idempotent. */
  readonly unique?: boolean;
  readonly choices?: readonly string[];
  readonly description: string;
}

export interface ListSchema {
  readonly displayName: string;
  readonly description: string;
  readonly columns: readonly ListColumn[];
}

/** Column holding the item's unique key; every list has it. */
export const KEY_COLUMN = "ItemKey";
/** Column holding provider|template|period, so sync reads one return's items with one indexed filter. */
export const RETURN_KEY_COLUMN = "ReturnKey";
/** Column holding the formatted period, so the quarterly report reads one quarter with one indexed filter. */
export const PERIOD_COLUMN = "Period";
/** Hash of exactly the fields sync last wrote: when the item no longer matches it, someone edited it by hand. */
export const SYNC_HASH_COLUMN = "SyncHash";
/** Finance's own column: set to its first choice when sync creates an item, never written again by sync. */
export const FINANCE_STATUS_COLUMN = "FinanceStatus";

export const RAG_CHOICES = ["Green", "Amber", "Red"] as const;
export const DIRECTION_CHOICES = ["Improving", "Worsening", "Steady"] as const;
export const UNIT_CHOICES = ["count", "percent", "currency", "number", "days"] as const;
export const FINANCE_STATUS_CHOICES = ["To review", "Reviewed", "Queried"] as const;

const identityColumns: readonly ListColumn[] = [
  {
    name: KEY_COLUMN,
    displayName: "Item key",
    kind: "text",
    indexed: true,
    unique: true,
    description: "provider|template|period|KPI or budget line: unique, set by sync",
  },
  {
    name: RETURN_KEY_COLUMN,
    displayName: "Return key",
    kind: "text",
    indexed: true,
    description: "provider|template|period: the return this item came from",
  },
  { name: "Provider", displayName: "Provider", kind: "text", description: "The funded provider" },
  { name: "Service", displayName: "Service", kind: "text", description: "The service (KPI template title)" },
  {
    name: "ServiceArea",
    displayName: "Service area",
    kind: "text",
    description: "e.g. Domestic Abuse, Victim Services",
  },
  {
    name: PERIOD_COLUMN,
    displayName: "Period",
    kind: "text",
    indexed: true,
    description: 'Financial-year quarter, e.g. "2022-23 Q2"',
  },
];

const auditColumns: readonly ListColumn[] = [
  {
    name: "ApprovedBy",
    displayName: "Approved by",
    kind: "text",
    description: "The officer who approved the return",
  },
  {
    name: "ApprovedAt",
    displayName: "Approved at",
    kind: "dateTime",
    description: "When the return was approved",
  },
  {
    name: "ApprovalHash",
    displayName: "Approval hash",
    kind: "text",
    description: "Content hash of exactly the figures approved",
  },
  {
    name: "SyncedBy",
    displayName: "Synced by",
    kind: "text",
    description: "Who ran the sync that last wrote this item",
  },
  {
    name: "SyncedAt",
    displayName: "Synced at",
    kind: "dateTime",
    description: "When sync last wrote this item",
  },
  { name: "TemplateId", displayName: "Template id", kind: "text", description: "KPI template id" },
  {
    name: "TemplateVersion",
    displayName: "Template version",
    kind: "text",
    description: "KPI template version",
  },
  {
    name: "SourceWorkbook",
    displayName: "Source workbook",
    kind: "text",
    description: "The workbook the return was read from",
  },
  {
    name: SYNC_HASH_COLUMN,
    displayName: "Sync hash",
    kind: "text",
    description: "Hash of the fields sync wrote (detects hand edits); do not edit",
  },
  {
    name: FINANCE_STATUS_COLUMN,
    displayName: "Finance status",
    kind: "choice",
    choices: FINANCE_STATUS_CHOICES,
    description: "Finance's review status; sync sets it only when it creates the item",
  },
];

export const kpiListSchema: ListSchema = {
  displayName: KPI_LIST_NAME,
  description:
    "Approved KPI figures: one item per provider, service, period and KPI. Written by KPI Returns sync.",
  columns: [
    ...identityColumns,
    { name: "KpiId", displayName: "KPI id", kind: "text", description: "The KPI's id in its template" },
    { name: "KpiLabel", displayName: "KPI", kind: "text", description: "The KPI's label" },
    {
      name: "Unit",
      displayName: "Unit",
      kind: "choice",
      choices: UNIT_CHOICES,
      description: "count, percent, currency, number or days",
    },
    {
      name: "Actual",
      displayName: "Actual",
      kind: "number",
      description: "The figure reported for the quarter",
    },
    {
      name: "Target",
      displayName: "Target",
      kind: "number",
      description: "The target it is measured against",
    },
    { name: "Variance", displayName: "Variance", kind: "number", description: "Actual − target" },
    { name: "VariancePct", displayName: "Variance %", kind: "percentage", description: "Variance / target" },
    {
      name: "Previous",
      displayName: "Previous quarter",
      kind: "number",
      description: "The figure for the previous quarter",
    },
    {
      name: "LastYear",
      displayName: "Same quarter last year",
      kind: "number",
      description: "The figure for the same quarter last year",
    },
    {
      name: "ChangeVsPreviousPct",
      displayName: "Change vs previous %",
      kind: "percentage",
      description: "Change against the previous quarter",
    },
    {
      name: "ChangeVsPreviousPoints",
      displayName: "Change vs previous (points)",
      kind: "number",
      description: "Change in percentage points (percent KPIs)",
    },
    {
      name: "ChangeVsLastYearPct",
      displayName: "Change vs last year %",
      kind: "percentage",
      description: "Change against the same quarter last year",
    },
    {
      name: "ChangeVsLastYearPoints",
      displayName: "Change vs last year (points)",
      kind: "number",
      description: "Change in percentage points (percent KPIs)",
    },
    {
      name: "Rag",
      displayName: "RAG",
      kind: "choice",
      choices: RAG_CHOICES,
      description: "Red, amber or green against target",
    },
    {
      name: "Direction",
      displayName: "Direction of travel",
      kind: "choice",
      choices: DIRECTION_CHOICES,
      description: "Against the same quarter last year",
    },
    { name: "Commentary", displayName: "Commentary", kind: "note", description: "The provider's commentary" },
    ...auditColumns,
  ],
};

export const budgetListSchema: ListSchema = {
  displayName: BUDGET_LIST_NAME,
  description:
    "Approved budget figures: one item per provider, period and budget line. Written by KPI Returns sync.",
  columns: [
    ...identityColumns,
    {
      name: "LineId",
      displayName: "Budget line id",
      kind: "text",
      description: "The budget line's id in its template",
    },
    { name: "LineLabel", displayName: "Budget line", kind: "text", description: "The budget line's label" },
    {
      name: "Area",
      displayName: "Area / CSP",
      kind: "text",
      description: "The area or Community Safety Partnership the money is for",
    },
    {
      name: "Awarded",
      displayName: "Awarded",
      kind: "currency",
      description: "The amount awarded for the year",
    },
    {
      name: "SpentToDate",
      displayName: "Spent to date",
      kind: "currency",
      description: "Spent in the year to date",
    },
    { name: "Utilisation", displayName: "Utilisation", kind: "percentage", description: "Spent / awarded" },
    {
      name: "ExpectedUtilisation",
      displayName: "Expected utilisation",
      kind: "percentage",
      description: "The spending profile's share for this quarter",
    },
    {
      name: "VarianceVsProfile",
      displayName: "Variance vs profile",
      kind: "percentage",
      description: "Utilisation − expected utilisation",
    },
    {
      name: "ForecastOutturn",
      displayName: "Forecast outturn",
      kind: "currency",
      description: "Run-rate forecast for the year",
    },
    {
      name: "ForecastVariance",
      displayName: "Forecast variance",
      kind: "currency",
      description: "Forecast outturn − awarded (positive: overspend)",
    },
    {
      name: "Rag",
      displayName: "RAG",
      kind: "choice",
      choices: RAG_CHOICES,
      description: "Red, amber or green",
    },
    { name: "Commentary", displayName: "Commentary", kind: "note", description: "The provider's commentary" },
    ...auditColumns,
  ],
};

/** Graph's columnDefinition body for creating a column (POST /sites/{id}/lists with `columns`). */
export function columnDefinition(col: ListColumn): Record<string, unknown> {
  const base: Record<string, unknown> = {
    name: col.name,
    displayName: col.displayName,
    description: col.description,
    indexed: col.indexed === true,
    enforceUniqueValues: col.unique === true,
  };
  switch (col.kind) {
    case "text":
      return { ...base, text: { allowMultipleLines: false, maxLength: 255 } };
    case "note":
      // Plain text, said outright: a rich-text column gives its text back as HTML, and every item would then look
      // edited (https://learn.microsoft.com/en-us/graph/api/resources/textcolumn, textType).
      return { ...base, text: { allowMultipleLines: true, linesForEditing: 6, textType: "plain" } };
    case "number":
      return { ...base, number: { decimalPlaces: "automatic", displayAs: "number" } };
    case "percentage":
      return { ...base, number: { decimalPlaces: "one", displayAs: "percentage" } };
    case "currency":
      return { ...base, currency: { locale: "en-GB" } };
    case "choice":
      return {
        ...base,
        choice: { choices: [...(col.choices ?? [])], displayAs: "dropDownMenu", allowTextEntry: false },
      };
    case "dateTime":
      return { ...base, dateTime: { format: "dateTime", displayAs: "standard" } };
  }
}

/**
 * The kind a column read back from Graph has, or null when it is none of ours. Graph returns the type facet
 * (`text`, `number`, `currency`, `choice`, `dateTime`) on each columnDefinition.
 */
export function columnKindOf(def: Record<string, unknown>): ColumnKind | null {
  const text = def.text as { allowMultipleLines?: boolean } | undefined;
  if (text) return text.allowMultipleLines ? "note" : "text";
  const number = def.number as { displayAs?: string } | undefined;
  if (number) return number.displayAs === "percentage" ? "percentage" : "number";
  if (def.currency) return "currency";
  if (def.choice) return "choice";
  if (def.dateTime) return "dateTime";
  return null;
}

// ---------- Rows ----------

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

/** The "KPI Returns" rows for an approved return: one per KPI figure the validation computed. */
export function kpiItemsFor(
  ret: Return,
  v: Validation,
  template: KpiTemplate,
  audit: SyncAudit,
): KpiListItem[] {
  const returnKey = returnKeyOf(ret);
  const common = auditFor(ret, audit);
  return v.figures.map((f) => ({
    ...common,
    ...identityFor(ret, template, returnKey, f.kpiId),
    ...pickFields(f, KPI_ITEM_FIGURE_FIELDS),
  }));
}

/** The "Budget Returns" rows for an approved return: one per budget line. */
export function budgetItemsFor(
  ret: Return,
  v: Validation,
  template: KpiTemplate,
  audit: SyncAudit,
): BudgetListItem[] {
  const returnKey = returnKeyOf(ret);
  const common = auditFor(ret, audit);
  const severalLines = v.budget.length > 1;
  return v.budget.map((b) => ({
    ...common,
    ...identityFor(ret, template, returnKey, b.lineId),
    ...pickFields(b, BUDGET_ITEM_FIGURE_FIELDS),
    lineLabel: b.label,
    area: severalLines ? b.label : ret.provider.trim(),
  }));
}

// ---------- Rows ⇄ list fields ----------

/** A value in a list item's `fields`, as Graph sends and receives it. */
export type FieldValue = string | number | boolean | null;
export type ListFields = Record<string, FieldValue>;

/**
 * The fields of a new item, with nothing empty: null on a create is not reliably honoured by Graph for every column
 * type, and a field left out is simply empty. Every create goes through this.
 */
export function createFields(fields: Readonly<Record<string, FieldValue>>): ListFields {
  const out: ListFields = {};
  for (const [name, value] of Object.entries(fields)) if (value !== null && value !== "") out[name] = value;
  return out;
}

/**
 * A number as SharePoint keeps it: finite, at most 12 significant digits. Rounding before writing means the value
 * read back equals the value written, so a re-sync compares equal instead of seeing a phantom edit.
 */
export function listNumber(n: number | null | undefined): number | null {
  if (n === null || n === undefined || !Number.isFinite(n)) return null;
  const rounded = Number(n.toPrecision(12));
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** An ISO timestamp as SharePoint returns it: UTC, whole seconds, "Z" (it drops milliseconds). */
export function listDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new UserError(`"${iso}" is not a date and time.`);
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

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
