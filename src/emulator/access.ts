/**
 * Who may ask the emulator what: the bearer token's scopes (delegated `scp`, as Graph reads them from an access token),
 * the scope each operation needs, and the Host check that keeps a web page from reaching the emulator through DNS
 * rebinding. Strict where Graph is documented, so a product that needs more than it asks for fails here first.
 */
import { EMULATOR_TOKEN } from "../auth/config";
import { isLoopbackUrl } from "../sharepoint/target";

/**
 * The Sites scopes, each granting what the ones before it grant. Graph's permission tables give the least privileged
 * scope per operation: reading sites, lists and items Sites.Read.All; creating and updating items Sites.ReadWrite.All;
 * creating lists and creating or updating columns Sites.Manage.All.
 * https://learn.microsoft.com/en-us/graph/api/listitem-create · https://learn.microsoft.com/en-us/graph/api/list-create ·
 * https://learn.microsoft.com/en-us/graph/api/columndefinition-update (Permissions)
 */
export const SITE_SCOPES = [
  "Sites.Read.All",
  "Sites.ReadWrite.All",
  "Sites.Manage.All",
  "Sites.FullControl.All",
] as const;
export type SiteScope = (typeof SITE_SCOPES)[number];

/** What the fixed emulator token may do: it stands for the site owner who runs the demo (provision and sync). */
export const EMULATOR_TOKEN_SCOPES: readonly string[] = ["Sites.Manage.All"];

/** The `scp` claim of a JWT-shaped access token (space-separated scopes), or null when the token is not one. */
export function scopesOfJwt(token: string): string[] | null {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[1].length > 8192) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as { scp?: unknown };
    return typeof claims.scp === "string" ? claims.scp.split(" ").filter(Boolean) : null;
  } catch {
    return null;
  }
}

/** An unsigned JWT-shaped token carrying `scopes`, as tests and the bench hand the emulator (it checks no signature). */
export function emulatorJwt(scopes: readonly string[], name = "officer@example.org"): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part({ scp: scopes.join(" "), upn: name })}.`;
}

/**
 * The scopes a token carries, or null when the emulator refuses it (401): the fixed emulator token, or a JWT with
 * `scp`. With `tokenCheck` a test decides acceptance; an accepted opaque token then has every scope.
 */
export function scopesOf(token: string, tokenCheck?: (token: string) => boolean): readonly string[] | null {
  if (!token) return null;
  if (tokenCheck) return tokenCheck(token) ? (scopesOfJwt(token) ?? SITE_SCOPES) : null;
  if (token === EMULATOR_TOKEN) return EMULATOR_TOKEN_SCOPES;
  return scopesOfJwt(token);
}

/** True when one of `scopes` grants `need` (a higher Sites scope grants every lower one). */
export function grants(scopes: readonly string[], need: SiteScope): boolean {
  const rank = (s: string) => SITE_SCOPES.indexOf(s as SiteScope);
  return scopes.some((s) => rank(s) >= rank(need));
}

/**
 * True when the Host header names this machine (127.0.0.0/8, localhost, [::1]; any port, so the dev server's proxy
 * passes). A DNS-rebound name (evil.example resolving to 127.0.0.1) is refused before anything else is read.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host || /[\s/@?#]/.test(host)) return false;
  return isLoopbackUrl(`http://${host}/`);
}
