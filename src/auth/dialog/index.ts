/**
 * The Office dialog sign-in page (auth-dialog.html): the last fallback when neither nested app auth nor a popup works.
 * It runs an MSAL redirect sign-in in the dialog's own window and hands the access token to the task pane through
 * Office.context.ui.messageParent, addressed to the task pane's origin only.
 */
import { createStandardPublicClientApplication } from "@azure/msal-browser";
import { msalConfiguration, plainSignInError, type DialogSignInMessage } from "../browser";
import { buildConfig } from "../config";

function send(message: DialogSignInMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message), { targetOrigin: window.location.origin });
}

async function signInHere(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const scopes = (params.get("scopes") ?? "").split(" ").filter(Boolean);
  const loginHint = params.get("loginHint") ?? undefined;
  const redirectUri = `${window.location.origin}${window.location.pathname}`;
  const app = await createStandardPublicClientApplication(msalConfiguration(buildConfig(), redirectUri));
  const result = await app.handleRedirectPromise();
  if (result) {
    send({
      status: "signed-in",
      accessToken: result.accessToken,
      expiresOn: result.expiresOn ? result.expiresOn.getTime() : Date.now() + 30 * 60_000,
      username: result.account?.username ?? "",
    });
    return;
  }
  // The scopes travel in the redirect's state, so they are the same when the page loads again after sign-in.
  await app.loginRedirect({ scopes, loginHint });
}

Office.onReady(() => {
  signInHere().catch((err: unknown) => send({ status: "failed", message: plainSignInError(err) }));
});
