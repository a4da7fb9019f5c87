/**
 * The workbook contract: sheet, table and column names that providers' own automation relies on. Keep it stable;
 * docs/workbook.md documents every name here. Changing one is a breaking change for providers.
 */
import { BUDGET_COLUMNS, KPI_COLUMNS } from "../core/columns";

/** Version of this contract, stored in the metadata so a later layout can read an older return. */
export const CONTRACT_VERSION = "1";

export const KPI_TABLE = "KpiReturn";
export const BUDGET_TABLE = "BudgetReturn";

/** True for the return's own tables (Excel table names ignore case); a workbook's other tables are not read. */
export function isReturnTable(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === KPI_TABLE.toLowerCase() || lower === BUDGET_TABLE.toLowerCase();
}

/** Visible sheets the tables live on (each table on its own sheet, so adding rows to one never shifts the other). */
export const KPI_SHEET = "KPIs";
export const BUDGET_SHEET = "Budget";
/** The return's metadata: a very hidden, protected sheet of key/value rows. */
export const METADATA_SHEET = "KpiReturnsMetadata";

/** Where each sheet shows the return's status (planReturnState keeps it current). */
export const STATUS_CELLS = "C2:D2";

/** Header row of each table (1-based sheet row); rows above it hold the title and instructions. */
export const TABLE_HEADER_ROW = 5;

// The column names are core's (its findings point at them); re-exported here as part of the contract.
export { BUDGET_COLUMNS, KPI_COLUMNS };

/** KpiReturn's headers, in order. */
export const KPI_HEADERS: readonly string[] = Object.values(KPI_COLUMNS);
/** BudgetReturn's headers, in order. */
export const BUDGET_HEADERS: readonly string[] = Object.values(BUDGET_COLUMNS);

/** Columns a provider types into; everything else is locked under sheet protection. */
export const KPI_INPUT_COLUMNS: readonly string[] = [KPI_COLUMNS.actual, KPI_COLUMNS.commentary];
export const BUDGET_INPUT_COLUMNS: readonly string[] = [
  BUDGET_COLUMNS.spentToDate,
  BUDGET_COLUMNS.commentary,
];

/** Columns holding live formulas: overwriting one with a constant is tampering. */
export const KPI_COMPUTED_COLUMNS: readonly string[] = [
  KPI_COLUMNS.variance,
  KPI_COLUMNS.variancePct,
  KPI_COLUMNS.changeVsPrevious,
  KPI_COLUMNS.changeVsLastYear,
  KPI_COLUMNS.rag,
];
export const BUDGET_COMPUTED_COLUMNS: readonly string[] = [
  BUDGET_COLUMNS.utilisation,
  BUDGET_COLUMNS.expectedUtilisation,
  BUDGET_COLUMNS.varianceVsProfile,
  BUDGET_COLUMNS.forecastOutturn,
  BUDGET_COLUMNS.forecastVariance,
  BUDGET_COLUMNS.rag,
];

/** Metadata keys (column A of the metadata sheet). Values are text; structured values are JSON. */
export const META = {
  contract: "contractVersion",
  templateId: "templateId",
  templateVersion: "templateVersion",
  provider: "provider",
  period: "period",
  status: "status",
  approval: "approval",
  overrides: "overrides",
  history: "history",
  returnedReasons: "returnedReasons",
  previousSpent: "previousSpent",
  /** The figures the commissioner issued (targets, prior figures, awards), to notice a provider changing them. */
  issued: "issued",
  /** The formula set the return's computed cells were written with (src/workbook/formulas.ts); absent before 2. */
  formulas: "formulaVersion",
} as const;

/** Fill colours (hex RGB). Input cells are pale yellow so providers see where to type. */
export const COLOURS = {
  input: "#FFF2CC",
  computed: "#EDEDED",
  header: "#1F4E78",
  headerText: "#FFFFFF",
  error: "#F4B6B6",
  query: "#FFD966",
  info: "#BDD7EE",
  rag: { green: "#C6EFCE", amber: "#FFEB9C", red: "#FFC7CE" },
} as const;

/** Every note the add-in writes starts with this, so re-validating removes ours and leaves a provider's own notes. */
export const NOTE_MARKER = "KPI Returns:";

/** Excel's limit on one cell's text; longer metadata values are split over several rows of the same key. */
export const CELL_TEXT_LIMIT = 32767;
