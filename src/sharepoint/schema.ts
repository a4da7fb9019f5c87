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

/**
 * A column declared on one line: internal name, display name, kind and what it holds, then any flags. Declared this
 * way a list's columns read as a table, one row a column.
 */
export function column(
  name: string,
  displayName: string,
  kind: ColumnKind,
  description: string,
  flags: Pick<ListColumn, "indexed" | "unique" | "choices"> = {},
): ListColumn {
  return { name, displayName, kind, ...flags, description };
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
  column(KEY_COLUMN, "Item key", "text", "provider|template|period|KPI or budget line: unique, set by sync", {
    indexed: true,
    unique: true,
  }),
  column(
    RETURN_KEY_COLUMN,
    "Return key",
    "text",
    "provider|template|period: the return this item came from",
    { indexed: true },
  ),
  column("Provider", "Provider", "text", "The funded provider"),
  column("Service", "Service", "text", "The service (KPI template title)"),
  column("ServiceArea", "Service area", "text", "e.g. Domestic Abuse, Victim Services"),
  column(PERIOD_COLUMN, "Period", "text", 'Financial-year quarter, e.g. "2022-23 Q2"', { indexed: true }),
];

const auditColumns: readonly ListColumn[] = [
  column("ApprovedBy", "Approved by", "text", "The officer who approved the return"),
  column("ApprovedAt", "Approved at", "dateTime", "When the return was approved"),
  column("ApprovalHash", "Approval hash", "text", "Content hash of exactly the figures approved"),
  column("SyncedBy", "Synced by", "text", "Who ran the sync that last wrote this item"),
  column("SyncedAt", "Synced at", "dateTime", "When sync last wrote this item"),
  column("TemplateId", "Template id", "text", "KPI template id"),
  column("TemplateVersion", "Template version", "text", "KPI template version"),
  column("SourceWorkbook", "Source workbook", "text", "The workbook the return was read from"),
  column(
    SYNC_HASH_COLUMN,
    "Sync hash",
    "text",
    "Hash of the fields sync wrote (detects hand edits); do not edit",
  ),
  column(
    FINANCE_STATUS_COLUMN,
    "Finance status",
    "choice",
    "Finance's review status; sync sets it only when it creates the item",
    { choices: FINANCE_STATUS_CHOICES },
  ),
];

export const kpiListSchema: ListSchema = {
  displayName: KPI_LIST_NAME,
  description:
    "Approved KPI figures: one item per provider, service, period and KPI. Written by KPI Returns sync.",
  columns: [
    ...identityColumns,
    column("KpiId", "KPI id", "text", "The KPI's id in its template"),
    column("KpiLabel", "KPI", "text", "The KPI's label"),
    column("Unit", "Unit", "choice", "count, percent, currency, number or days", { choices: UNIT_CHOICES }),
    column("Actual", "Actual", "number", "The figure reported for the quarter"),
    column("Target", "Target", "number", "The target it is measured against"),
    column("Variance", "Variance", "number", "Actual − target"),
    column("VariancePct", "Variance %", "percentage", "Variance / target"),
    column("Previous", "Previous quarter", "number", "The figure for the previous quarter"),
    column("LastYear", "Same quarter last year", "number", "The figure for the same quarter last year"),
    column(
      "ChangeVsPreviousPct",
      "Change vs previous %",
      "percentage",
      "Change against the previous quarter",
    ),
    column(
      "ChangeVsPreviousPoints",
      "Change vs previous (points)",
      "number",
      "Change in percentage points (percent KPIs)",
    ),
    column(
      "ChangeVsLastYearPct",
      "Change vs last year %",
      "percentage",
      "Change against the same quarter last year",
    ),
    column(
      "ChangeVsLastYearPoints",
      "Change vs last year (points)",
      "number",
      "Change in percentage points (percent KPIs)",
    ),
    column("Rag", "RAG", "choice", "Red, amber or green against target", { choices: RAG_CHOICES }),
    column("Direction", "Direction of travel", "choice", "Against the same quarter last year", {
      choices: DIRECTION_CHOICES,
    }),
    column("Commentary", "Commentary", "note", "The provider's commentary"),
    ...auditColumns,
  ],
};

export const budgetListSchema: ListSchema = {
  displayName: BUDGET_LIST_NAME,
  description:
    "Approved budget figures: one item per provider, period and budget line. Written by KPI Returns sync.",
  columns: [
    ...identityColumns,
    column("LineId", "Budget line id", "text", "The budget line's id in its template"),
    column("LineLabel", "Budget line", "text", "The budget line's label"),
    column("Area", "Area / CSP", "text", "The area or Community Safety Partnership the money is for"),
    column("Awarded", "Awarded", "currency", "The amount awarded for the year"),
    column("SpentToDate", "Spent to date", "currency", "Spent in the year to date"),
    column("Utilisation", "Utilisation", "percentage", "Spent / awarded"),
    column(
      "ExpectedUtilisation",
      "Expected utilisation",
      "percentage",
      "The spending profile's share for this quarter",
    ),
    column("VarianceVsProfile", "Variance vs profile", "percentage", "Utilisation − expected utilisation"),
    column("ForecastOutturn", "Forecast outturn", "currency", "Run-rate forecast for the year"),
    column(
      "ForecastVariance",
      "Forecast variance",
      "currency",
      "Forecast outturn − awarded (positive: overspend)",
    ),
    column("Rag", "RAG", "choice", "Red, amber or green", { choices: RAG_CHOICES }),
    column("Commentary", "Commentary", "note", "The provider's commentary"),
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
