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

/**
 * The scopes that grant each operation on the signed-in user, least privileged first, from the permission tables of
 * Graph's pages (delegated, work or school account):
 * GET /me: User.Read, or a higher User or Directory scope (https://learn.microsoft.com/en-us/graph/api/user-get,
 * Permissions); POST /me/messages: Mail.ReadWrite only, no higher scope listed
 * (https://learn.microsoft.com/en-us/graph/api/user-post-messages, Permissions); GET /me/messages: Mail.ReadBasic,
 * Mail.Read or Mail.ReadWrite (https://learn.microsoft.com/en-us/graph/api/user-list-messages, Permissions).
 */
export const ME_SCOPES = {
  readProfile: [
    "User.Read",
    "User.ReadWrite",
    "User.ReadBasic.All",
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  createDraft: ["Mail.ReadWrite"],
  listMessages: ["Mail.ReadBasic", "Mail.Read", "Mail.ReadWrite"],
} as const satisfies Record<string, readonly string[]>;
export type MeOperation = keyof typeof ME_SCOPES;

/**
 * What the fixed emulator token may do: it stands for the demo officer who owns the site (provision and sync) and
 * has consented to the scopes the product asks for (README, section The Return Register): who is signed in, and
 * reminder drafts.
 */
export const EMULATOR_TOKEN_SCOPES: readonly string[] = ["Sites.Manage.All", "User.Read", "Mail.ReadWrite"];

/** Every scope the emulator checks: what an opaque token a test's `tokenCheck` accepts carries. */
export const EVERY_SCOPE: readonly string[] = [...SITE_SCOPES, ...new Set(Object.values(ME_SCOPES).flat())];

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

/**
 * The scopes a token carries, or null when the emulator refuses it (401): the fixed emulator token, or a JWT with
 * `scp`. With `tokenCheck` a test decides acceptance; an accepted opaque token then has every scope.
 */
export function scopesOf(token: string, tokenCheck?: (token: string) => boolean): readonly string[] | null {
  if (!token) return null;
  if (tokenCheck) return tokenCheck(token) ? (scopesOfJwt(token) ?? EVERY_SCOPE) : null;
  if (token === EMULATOR_TOKEN) return EMULATOR_TOKEN_SCOPES;
  return scopesOfJwt(token);
}

/** True when one of `scopes` grants `need` (a higher Sites scope grants every lower one). */
export function grants(scopes: readonly string[], need: SiteScope): boolean {
  const rank = (s: string) => SITE_SCOPES.indexOf(s as SiteScope);
  return scopes.some((s) => rank(s) >= rank(need));
}

/** True when one of `scopes` grants the operation on the signed-in user. */
export function grantsMe(scopes: readonly string[], operation: MeOperation): boolean {
  const granting: readonly string[] = ME_SCOPES[operation];
  return scopes.some((s) => granting.includes(s));
}

/**
 * True when the Host header names this machine (127.0.0.0/8, localhost, [::1]; any port, so the dev server's proxy
 * passes). A DNS-rebound name (evil.example resolving to 127.0.0.1) is refused before anything else is read.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host || /[\s/@?#]/.test(host)) return false;
  return isLoopbackUrl(`http://${host}/`);
}
