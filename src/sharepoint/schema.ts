/**
 * The two SharePoint lists finance reviews ("KPI Returns", "Budget Returns"): their names and column declarations,
 * and Graph's column definitions for them. The rows sync writes are built in list-items.ts; the mapping between a row
 * and an item's `fields` is in list-fields.ts.
 */
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
