/**
 * Where sync talks to (Microsoft Graph or the local emulator) and where its bearer tokens come from.
 * Types only, so the task pane can name them without pulling the Graph client into its first bundle.
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
