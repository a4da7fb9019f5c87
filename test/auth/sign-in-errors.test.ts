/** @jest-environment jsdom */
/** Sign-in failures in plain words: MSAL's and Office's error codes mapped, their developer messages never shown. */
import { AuthError, BrowserAuthError, InteractionRequiredAuthError } from "@azure/msal-browser";
import { plainSignInError } from "../../src/auth/browser";
import { UserError } from "../../src/core/errors";

describe("plainSignInError", () => {
  let consoleError: jest.SpyInstance;
  beforeEach(() => (consoleError = jest.spyOn(console, "error").mockImplementation(() => undefined)));
  afterEach(() => consoleError.mockRestore());

  it.each([
    [new BrowserAuthError("user_cancelled", "User cancelled the flow."), /^Sign-in was cancelled/],
    [new BrowserAuthError("popup_window_error", "Error opening popup window."), /allow pop-ups/],
    [
      new BrowserAuthError("interaction_in_progress", "Interaction is currently in progress."),
      /already under way/,
    ],
    [
      new InteractionRequiredAuthError(
        "consent_required",
        "AADSTS65001: The user or administrator has not consented",
      ),
      /administrator to grant consent/,
    ],
    [new InteractionRequiredAuthError("login_required", "AADSTS50058"), /sign in again/],
    [new AuthError("no_network_connectivity", "No network connectivity."), /check the network connection/],
    [Object.assign(new Error("The user chose to ignore the dialog box."), { code: 12009 }), /declined/],
  ])("says what %s means, plainly", (err, phrase) => {
    const text = plainSignInError(err);
    expect(text).toMatch(phrase);
    expect(text).not.toMatch(/AADSTS|popup window|Interaction is|flow|dialog box/);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it("spots Azure AD's consent refusal inside another code", () => {
    const err = new AuthError(
      "server_error",
      "AADSTS65001: The user or administrator has not consented to use the application",
    );
    expect(plainSignInError(err)).toMatch(/ask your Microsoft 365 administrator/);
  });

  it("anything else is a generic sentence with a next step; the raw text goes to the console only", () => {
    const text = plainSignInError(new TypeError("Cannot read properties of undefined (reading 'account')"));
    expect(text).toMatch(
      /^Sign-in failed for a reason the add-in did not expect\. Choose Sign in to try again\./,
    );
    expect(text).not.toContain("Cannot read");
    expect(String(consoleError.mock.calls[0][1])).toContain("Cannot read properties");
  });

  it("passes the add-in's own UserError through", () => {
    expect(plainSignInError(new UserError("Please allow pop-ups and try again."))).toBe(
      "Please allow pop-ups and try again.",
    );
  });
});
