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

/** True only for http(s) URLs on this machine: 127.0.0.0/8, localhost or [::1]. */
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
  const octets = host.split(".");
  return (
    octets.length === 4 && octets[0] === "127" && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  );
}

/** The emulator's site when the URL names none. The emulator makes any site it is asked for. */
export const EMULATOR_SITE = "emulator.sharepoint.local:/sites/commissioning";
/** The port `kpi-returns emulator` and `npm run emulator` listen on unless told otherwise. */
export const DEFAULT_EMULATOR_PORT = 7373;
