/**
 * Build-time configuration of sign-in and the Graph target (webpack's DefinePlugin fills process.env.KPI_*; public
 * identifiers only, never a secret), and the choice between a real tenant and a local emulator (`?emulator=` in the URL).
 */
import { UserError } from "../core/errors";
import { EMULATOR_SITE, isLoopbackUrl, type GraphTarget } from "../sharepoint/target";

export interface AuthConfig {
  /** The Entra ID app registration's application (client) id. */
  readonly clientId: string;
  /** Tenant id or domain; "organizations" when unset (any work account). */
  readonly tenantId: string;
  /** "contoso.sharepoint.com:/sites/commissioning" or a site id. */
  readonly site: string;
  readonly graphBaseUrl: string;
  readonly kpiList: string;
  readonly budgetList: string;
  /** The SPA redirect URI registered for the popup and dialog fallbacks; the page's origin when unset. */
  readonly redirectUri: string;
}

export const GRAPH_BASE_URL = "https://graph.microsoft.com/v1.0";

/** Delegated, least privilege: read and write list items in sites the signed-in user can already reach. */
export const ITEM_SCOPES: readonly string[] = ["https://graph.microsoft.com/Sites.ReadWrite.All"];
/** Creating lists needs more, so it is asked for only by the explicit "Provision lists" admin action. */
export const PROVISION_SCOPES: readonly string[] = ["https://graph.microsoft.com/Sites.Manage.All"];

/** The token the task pane sends to a local emulator: fixed and meaningless, so no real token ever goes there. */
export const EMULATOR_TOKEN = "kpi-returns-emulator";

// Each `process.env.KPI_…` is written out in full: DefinePlugin replaces exactly these expressions at build time.
function env(): Record<string, string | undefined> {
  if (typeof process === "undefined") return {};
  return {
    KPI_CLIENT_ID: process.env.KPI_CLIENT_ID,
    KPI_TENANT_ID: process.env.KPI_TENANT_ID,
    KPI_SITE: process.env.KPI_SITE,
    KPI_GRAPH_BASE_URL: process.env.KPI_GRAPH_BASE_URL,
    KPI_KPI_LIST: process.env.KPI_KPI_LIST,
    KPI_BUDGET_LIST: process.env.KPI_BUDGET_LIST,
    KPI_REDIRECT_URI: process.env.KPI_REDIRECT_URI,
  };
}

/** The configuration this build was made with; blank values fall back to safe defaults. */
export function buildConfig(): AuthConfig {
  const e = env();
  const or = (v: string | undefined, fallback: string) => (v && v.trim() ? v.trim() : fallback);
  return {
    clientId: or(e.KPI_CLIENT_ID, ""),
    tenantId: or(e.KPI_TENANT_ID, "organizations"),
    site: or(e.KPI_SITE, ""),
    graphBaseUrl: or(e.KPI_GRAPH_BASE_URL, GRAPH_BASE_URL),
    kpiList: or(e.KPI_KPI_LIST, "KPI Returns"),
    budgetList: or(e.KPI_BUDGET_LIST, "Budget Returns"),
    redirectUri: or(e.KPI_REDIRECT_URI, ""),
  };
}

/**
 * Which Graph the task pane talks to. `?emulator=http://127.0.0.1:PORT[&site=…]` selects a local emulator, and only
 * when the URL is loopback: a task pane must never be talked into sending its data to another host. Otherwise the
 * build-time tenant configuration.
 */
export function resolveGraphTarget(
  search: string,
  config: AuthConfig = buildConfig(),
): { target: GraphTarget; mode: "emulator" | "tenant" } {
  const params = new URLSearchParams(search.startsWith("?") ? search.slice(1) : search);
  const lists = { kpi: config.kpiList, budget: config.budgetList };
  const emulator = params.get("emulator");
  if (emulator !== null) {
    if (!isLoopbackUrl(emulator)) {
      throw new UserError(
        `The emulator address "${emulator}" is not on this computer: only http://127.0.0.1, localhost or [::1] addresses are accepted.`,
        "emulator",
      );
    }
    const base = emulator.replace(/\/+$/, "");
    return {
      mode: "emulator",
      target: {
        baseUrl: /\/v1\.0$/.test(base) ? base : `${base}/v1.0`,
        site: params.get("site") || EMULATOR_SITE,
        lists,
      },
    };
  }
  return {
    mode: "tenant",
    target: { baseUrl: config.graphBaseUrl.replace(/\/+$/, ""), site: config.site, lists },
  };
}
