/**
 * Where sync talks to (Microsoft Graph or the local emulator) and where its bearer tokens come from: types, and what
 * makes an address the local emulator's. Nothing more, so the task pane, sign-in, the emulator and the command line
 * can all name them without pulling the Graph client into the task pane's first bundle.
 */

export interface GraphTarget {
  /** "https://graph.microsoft.com/v1.0", or the emulator's "http://127.0.0.1:PORT/v1.0". */
  readonly baseUrl: string;
  /** A site id, or "hostname:/sites/path" (e.g. "contoso.sharepoint.com:/sites/commissioning"). */
  readonly site: string;
  /** The lists' display names when a tenant renamed them; "KPI Returns", "Budget Returns", "Return Register" otherwise. */
  readonly lists?: { readonly kpi?: string; readonly budget?: string; readonly register?: string };
}

/** Gives the bearer token for the next request; `forceRefresh` after a 401 asks for a fresh one rather than a cached one. */
export interface TokenSource {
  getToken(forceRefresh?: boolean): Promise<string>;
}

/** A token source a person signs in to: `signIn()` only from a click; `getToken()` never prompts. */
export interface SignInTokenSource extends TokenSource {
  signIn(): Promise<string>;
  /** The signed-in account's name, or null before sign-in. */
  signedInAs(): string | null;
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
