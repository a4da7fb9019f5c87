/**
 * Tokens for the command line: GRAPH_TOKEN when set, else an @azure/msal-node device code sign-in whose instructions
 * go to stderr. Tokens live in memory only: never printed, logged or written to disk. Against a local emulator a fixed
 * emulator token is sent instead, so a real token never leaves for a loopback address.
 */
import { PublicClientApplication, type AccountInfo } from "@azure/msal-node";
import { UserError } from "../core/errors";
import { isLoopbackUrl, type GraphTarget, type TokenSource } from "../sharepoint/target";
import { EMULATOR_TOKEN, ITEM_SCOPES } from "./config";

export interface NodeTokenOptions {
  /** Defaults to process.env: GRAPH_TOKEN, KPI_CLIENT_ID, KPI_TENANT_ID. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Defaults to Sites.ReadWrite.All; the provision command asks for Sites.Manage.All. */
  readonly scopes?: readonly string[];
  /** Where the device code instructions go (stderr by default). */
  readonly say?: (line: string) => void;
}

/** A token given from outside (GRAPH_TOKEN): it cannot be refreshed, so a refusal says how to get another. */
export function staticTokenSource(token: string, name = "GRAPH_TOKEN"): TokenSource {
  return {
    async getToken(forceRefresh = false): Promise<string> {
      if (forceRefresh) {
        throw new UserError(
          `Microsoft Graph refused the token in ${name} (it may have expired). Get a new one, or unset ${name} to sign in with a device code.`,
          name,
        );
      }
      return token;
    },
  };
}

/** Device code sign-in with msal-node: prints "go to https://microsoft.com/devicelogin and enter …" once, then silent. */
export function deviceCodeTokenSource(opts: {
  clientId: string;
  tenantId: string;
  scopes: readonly string[];
  say: (line: string) => void;
}): TokenSource {
  const app = new PublicClientApplication({
    auth: { clientId: opts.clientId, authority: `https://login.microsoftonline.com/${opts.tenantId}` },
  });
  let account: AccountInfo | null = null;
  return {
    async getToken(forceRefresh = false): Promise<string> {
      if (account) {
        try {
          const silent = await app.acquireTokenSilent({ account, scopes: [...opts.scopes], forceRefresh });
          if (silent?.accessToken) return silent.accessToken;
        } catch {
          // The refresh token expired or was revoked: sign in again below.
        }
      }
      const result = await app.acquireTokenByDeviceCode({
        scopes: [...opts.scopes],
        deviceCodeCallback: (response) => opts.say(response.message),
      });
      if (!result?.accessToken)
        throw new UserError("Sign-in did not finish, so no token was obtained. Please try again.");
      account = result.account;
      return result.accessToken;
    },
  };
}

/**
 * The token source for a Graph target from the command line: the fixed emulator token for a loopback emulator,
 * GRAPH_TOKEN when set, otherwise device code sign-in (which needs KPI_CLIENT_ID).
 */
export function nodeTokenSource(target: GraphTarget, opts: NodeTokenOptions = {}): TokenSource {
  const env = opts.env ?? process.env;
  if (isLoopbackUrl(target.baseUrl)) return staticTokenSource(EMULATOR_TOKEN, "the emulator token");
  const given = env.GRAPH_TOKEN?.trim();
  if (given) return staticTokenSource(given.replace(/^Bearer\s+/i, ""));
  const clientId = env.KPI_CLIENT_ID?.trim();
  if (!clientId) {
    throw new UserError(
      "No way to sign in to Microsoft Graph: set GRAPH_TOKEN to an access token, or KPI_CLIENT_ID (and KPI_TENANT_ID) to sign in with a device code. See the README, section SharePoint and sign-in.",
      "GRAPH_TOKEN",
    );
  }
  return deviceCodeTokenSource({
    clientId,
    tenantId: env.KPI_TENANT_ID?.trim() || "organizations",
    scopes: opts.scopes ?? ITEM_SCOPES,
    say: opts.say ?? ((line) => process.stderr.write(`${line}\n`)),
  });
}
