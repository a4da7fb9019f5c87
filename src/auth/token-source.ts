/**
 * Which token source sign-in uses: a fixed, worthless token for the local emulator, or MSAL for a real tenant. MSAL
 * is imported only in tenant mode and only when asked for, so the task pane's first bundle stays small.
 */
import { UserError } from "../core/errors";
import type { SignInTokenSource } from "../sharepoint/target";
import { buildConfig, EMULATOR_TOKEN, ITEM_SCOPES, type AuthConfig } from "./config";

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
