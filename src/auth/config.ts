/**
 * Build-time configuration of sign-in and the Graph target (webpack's DefinePlugin fills process.env.KPI_*; public
 * identifiers only, never a secret), and the choice between a real tenant and a local emulator (`?emulator=` in the URL).
 */
import { UserError } from "../core/errors";
import type { GraphTarget, SignInTokenSource } from "../sharepoint/target";

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

/** True only for http(s) URLs on this machine: 127.0.0.0/8, localhost or [::1], also written as IPv4 in IPv6. */
export function isLoopbackUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  if (host === "localhost" || host === "[::1]") return true;
  // [::ffff:127.0.0.1] is 127.0.0.1 reached over IPv6 (the URL parser writes it [::ffff:7f00:1]): loopback too.
  if (/^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)) return true;
  const mapped = /^\[::ffff:(\d{1,3}(?:\.\d{1,3}){3})\]$/.exec(host);
  const octets = (mapped ? mapped[1] : host).split(".");
  return (
    octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  );
}

/**
 * Microsoft Graph's own hosts: the global service and the national clouds
 * (https://learn.microsoft.com/en-us/graph/deployments). A bearer token is sent only to these, over https, or to a
 * loopback emulator.
 */
export const GRAPH_HOSTS: readonly string[] = [
  "graph.microsoft.com",
  "graph.microsoft.us",
  "dod-graph.microsoft.us",
  "microsoftgraph.chinacloudapi.cn",
];

/** May a bearer token go to this URL? Only https Graph hosts and loopback addresses (the emulator). */
export function mayCarryToken(text: string): boolean {
  if (isLoopbackUrl(text)) return true;
  try {
    const url = new URL(text);
    return url.protocol === "https:" && !url.username && GRAPH_HOSTS.includes(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** The emulator's site when the URL names none (one of the sites the emulator has from the start). */
export const EMULATOR_SITE = "emulator.sharepoint.local:/sites/commissioning";
/** The port `kpi-returns emulator` and `npm run emulator` listen on unless told otherwise. */
export const DEFAULT_EMULATOR_PORT = 7373;

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

/** The emulator's sign-in: nothing to sign in to, and a fixed token that is worthless anywhere else. */
export function emulatorTokenSource(): SignInTokenSource {
  let signedIn: string | null = null;
  return {
    getToken: async () => EMULATOR_TOKEN,
    signIn: async () => (signedIn = "Emulator user"),
    signedInAs: () => signedIn,
  };
}

/**
 * The token source for a mode. MSAL is imported only in tenant mode and only when this is called, so the task pane's
 * first bundle stays small and an emulator session never loads it.
 */
export async function createTokenSource(
  mode: "emulator" | "tenant",
  opts: { config?: AuthConfig; scopes?: readonly string[] } = {},
): Promise<SignInTokenSource> {
  if (mode === "emulator") return emulatorTokenSource();
  const config = opts.config ?? buildConfig();
  if (!config.clientId) {
    throw new UserError(
      "This add-in was built without an Entra ID client id, so it cannot sign in to SharePoint. Rebuild it with KPI_CLIENT_ID set (see the README, section SharePoint and sign-in), or open it with ?emulator=http://127.0.0.1:PORT.",
      "KPI_CLIENT_ID",
    );
  }
  const { MsalTokenSource } = await import("./browser");
  return new MsalTokenSource(config, opts.scopes ?? ITEM_SCOPES);
}
