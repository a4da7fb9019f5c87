/**
 * Sign-in inside the Excel add-in with MSAL: nested app authentication first (the Office host brokers the token, login
 * hint from Office.auth.getAuthContext()), then an MSAL popup, then the Office dialog API as the last resort.
 * `getToken()` is silent only; `signIn()` is interactive and must be called from a click. Tokens stay in memory and in
 * MSAL's cache: never in the workbook or a log line.
 */
import {
  createNestablePublicClientApplication,
  createStandardPublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type IPublicClientApplication,
} from "@azure/msal-browser";
import { UserError, technicalDetail } from "../core/errors";
import type { SignInTokenSource } from "../sharepoint/target";
import type { AuthConfig } from "./config";

/** The page the Office dialog fallback opens (webpack's `authDialog` entry, built from src/auth/dialog/). */
export const AUTH_DIALOG_PAGE = "auth-dialog.html";

/** What the dialog page sends back to the task pane through Office.context.ui.messageParent. */
export type DialogSignInMessage =
  | {
      readonly status: "signed-in";
      readonly accessToken: string;
      readonly expiresOn: number;
      readonly username: string;
    }
  | { readonly status: "failed"; readonly message: string };

const TRY_AGAIN = "Choose Sign in to try again.";
const ASK_ADMIN =
  "Your organisation has not yet approved this add-in's access to SharePoint: ask your Microsoft 365 administrator to grant consent, then sign in again.";

/** What MSAL's error codes mean for someone signing in. Its own messages are for developers, so none is shown. */
const MSAL_ERROR_PHRASES: Readonly<Record<string, string>> = {
  user_cancelled: `Sign-in was cancelled before it finished. ${TRY_AGAIN}`,
  interrupted_user: `Sign-in was cancelled before it finished. ${TRY_AGAIN}`,
  popup_window_error: `The sign-in window could not open: allow pop-ups for this add-in, then ${TRY_AGAIN.toLowerCase()}`,
  empty_window_error: `The sign-in window could not open: allow pop-ups for this add-in, then ${TRY_AGAIN.toLowerCase()}`,
  block_nested_popups: `The sign-in window could not open here. ${TRY_AGAIN}`,
  interaction_in_progress:
    "A sign-in is already under way: finish it in its window (or close that window), then try again.",
  consent_required: ASK_ADMIN,
  interaction_required: `Microsoft needs you to sign in again. ${TRY_AGAIN}`,
  login_required: `Microsoft needs you to sign in again. ${TRY_AGAIN}`,
  no_tokens_found: `Please sign in to SharePoint first. ${TRY_AGAIN}`,
  refresh_token_expired: `Your sign-in has expired. ${TRY_AGAIN}`,
  bad_token: `Your sign-in has expired. ${TRY_AGAIN}`,
  monitor_window_timeout: `Sign-in took too long and stopped. ${TRY_AGAIN}`,
  monitor_popup_timeout: `Sign-in took too long and stopped. ${TRY_AGAIN}`,
  timed_out: `Sign-in took too long and stopped. ${TRY_AGAIN}`,
  no_network_connectivity: `Sign-in could not reach Microsoft: check the network connection, then ${TRY_AGAIN.toLowerCase()}`,
  endpoints_resolution_error: `Sign-in could not reach Microsoft: check the network connection, then ${TRY_AGAIN.toLowerCase()}`,
  network_error: `Sign-in could not reach Microsoft: check the network connection, then ${TRY_AGAIN.toLowerCase()}`,
};

/** Office's dialog API error codes (displayDialogAsync), as plain sentences. */
const OFFICE_DIALOG_PHRASES: Readonly<Record<number, string>> = {
  12007: "A sign-in window is already open: finish signing in there, or close it and try again.",
  12009: `The sign-in window was declined. ${TRY_AGAIN}`,
  12011: `The browser blocked the sign-in window: allow pop-ups for this add-in, then ${TRY_AGAIN.toLowerCase()}`,
};

/**
 * A sign-in failure as one plain sentence with a next step (the one place for sign-in errors, see src/core/errors.ts):
 * MSAL's error codes, Azure AD's consent refusal (AADSTS65001) and Office's dialog codes are mapped; anything else
 * gets a generic sentence and its raw text goes to the console only.
 */
export function plainSignInError(err: unknown): string {
  if (err instanceof UserError) return err.message;
  const { errorCode, code, message } = (err ?? {}) as {
    errorCode?: unknown;
    code?: unknown;
    message?: unknown;
  };
  if (typeof message === "string" && /AADSTS65001|AADSTS90094/.test(message)) return ASK_ADMIN;
  if (typeof errorCode === "string" && MSAL_ERROR_PHRASES[errorCode]) return MSAL_ERROR_PHRASES[errorCode];
  if (typeof code === "number" && OFFICE_DIALOG_PHRASES[code]) return OFFICE_DIALOG_PHRASES[code];
  console.error("Sign-in failed:", technicalDetail(err));
  return `Sign-in failed for a reason the add-in did not expect. ${TRY_AGAIN} If it keeps failing, sign out of Office and in again.`;
}

export function msalConfiguration(config: AuthConfig, redirectUri: string): Configuration {
  return {
    auth: {
      clientId: config.clientId,
      authority: `https://login.microsoftonline.com/${config.tenantId}`,
      redirectUri,
    },
    // sessionStorage: MSAL's cached tokens go when the pane (or the sign-in dialog) closes, and no other tab can read
    // them. Nothing is lost by it: under nested app auth the Office host keeps the session and answers the next silent
    // request, and the popup and the dialog's redirect sign-in both work with it (MSAL's caching docs).
    cache: { cacheLocation: "sessionStorage" },
  };
}

function defaultRedirectUri(config: AuthConfig): string {
  if (config.redirectUri) return config.redirectUri;
  return typeof window !== "undefined" ? `${window.location.origin}/taskpane.html` : "";
}

async function officeLoginHint(): Promise<string | undefined> {
  try {
    if (typeof Office === "undefined" || !Office.auth?.getAuthContext) return undefined;
    const context = await Office.auth.getAuthContext();
    return context.loginHint || context.userPrincipalName || undefined;
  } catch {
    return undefined; // older hosts: no auth context, MSAL will ask
  }
}

export class MsalTokenSource implements SignInTokenSource {
  private appPromise: Promise<IPublicClientApplication> | null = null;
  private account: AccountInfo | null = null;
  /** A token the dialog fallback handed over; MSAL's cache belongs to the dialog's window, so it is kept here. */
  private dialogToken: { token: string; expiresOn: number; username: string } | null = null;

  constructor(
    private readonly config: AuthConfig,
    private readonly scopes: readonly string[],
  ) {}

  private app(): Promise<IPublicClientApplication> {
    // createNestablePublicClientApplication falls back to the standard browser flows when the host offers no broker.
    this.appPromise ??= createNestablePublicClientApplication(
      msalConfiguration(this.config, defaultRedirectUri(this.config)),
    );
    return this.appPromise;
  }

  signedInAs(): string | null {
    return this.dialogToken?.username ?? this.account?.username ?? null;
  }

  /** Silent only: a cached or refreshed token, or an error asking the user to sign in. Never opens a window. */
  async getToken(forceRefresh = false): Promise<string> {
    if (this.dialogToken && !forceRefresh && this.dialogToken.expiresOn - 60_000 > Date.now())
      return this.dialogToken.token;
    const app = await this.app();
    const account = this.account ?? app.getActiveAccount() ?? app.getAllAccounts()[0] ?? null;
    try {
      let result: AuthenticationResult;
      if (account) {
        result = await app.acquireTokenSilent({ scopes: [...this.scopes], account, forceRefresh });
      } else {
        const loginHint = await officeLoginHint();
        if (!loginHint) throw new Error("no account");
        result = await app.ssoSilent({ scopes: [...this.scopes], loginHint });
      }
      this.remember(app, result);
      return result.accessToken;
    } catch {
      throw new UserError(
        "Please sign in to SharePoint first (the Sign in button), then try again.",
        "sign-in",
      );
    }
  }

  /** Interactive: call only from a user's click. Nested app auth, then an MSAL popup, then the Office dialog. */
  async signIn(): Promise<string> {
    const loginHint = await officeLoginHint();
    const request = { scopes: [...this.scopes], loginHint };
    try {
      const app = await this.app();
      this.remember(app, await app.acquireTokenPopup(request));
      return this.signedInAs() ?? "";
    } catch {
      // The nested broker or popup failed (old host, popup blocked in desktop Office's web view): try a plain popup.
    }
    try {
      const standard = await createStandardPublicClientApplication(
        msalConfiguration(this.config, defaultRedirectUri(this.config)),
      );
      this.appPromise = Promise.resolve(standard);
      this.remember(standard, await standard.acquireTokenPopup(request));
      return this.signedInAs() ?? "";
    } catch {
      // Popups are not allowed here either: the Office dialog API opens a real window the host allows.
    }
    const message = await openDialogSignIn(this.scopes, loginHint);
    this.dialogToken = {
      token: message.accessToken,
      expiresOn: message.expiresOn,
      username: message.username,
    };
    return message.username;
  }

  private remember(app: IPublicClientApplication, result: AuthenticationResult): void {
    if (result.account) {
      this.account = result.account;
      app.setActiveAccount(result.account);
    }
  }
}

/** Opens the sign-in page in an Office dialog and waits for the token it sends back. */
function openDialogSignIn(
  scopes: readonly string[],
  loginHint: string | undefined,
): Promise<Extract<DialogSignInMessage, { status: "signed-in" }>> {
  if (typeof Office === "undefined" || !Office.context?.ui) {
    return Promise.reject(
      new UserError("Sign-in could not open a window here. Please allow pop-ups and try again."),
    );
  }
  const query = new URLSearchParams({ scopes: scopes.join(" ") });
  if (loginHint) query.set("loginHint", loginHint);
  const url = `${window.location.origin}/${AUTH_DIALOG_PAGE}?${query.toString()}`;
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (opened) => {
      if (opened.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new UserError(plainSignInError(opened.error)));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        // Only our own page may hand us a token.
        if (!("message" in arg) || (arg.origin !== undefined && arg.origin !== window.location.origin)) {
          reject(new UserError("Sign-in was interrupted. Please try again."));
          return;
        }
        let parsed: DialogSignInMessage;
        try {
          parsed = JSON.parse(arg.message) as DialogSignInMessage;
        } catch {
          reject(new UserError("Sign-in returned something unexpected. Please try again."));
          return;
        }
        if (parsed.status === "signed-in") resolve(parsed);
        // The dialog page worded it already, with plainSignInError.
        else reject(new UserError(parsed.message));
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () =>
        reject(new UserError("The sign-in window was closed before sign-in finished.")),
      );
    });
  });
}
