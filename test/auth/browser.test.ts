/** @jest-environment jsdom */
import { MsalTokenSource, msalConfiguration } from "../../src/auth/browser";
import { buildConfig } from "../../src/auth/config";

// MSAL is faked at its boundary: what matters here is which of its flows the add-in calls, and when.
const calls: string[] = [];
/** The configuration each MSAL application was created with, by kind. */
const configs: { kind: string; config: { cache?: { cacheLocation?: string } } }[] = [];
let nestedPopupWorks = true;
let standardPopupWorks = true;
const account = {
  username: "officer@westmercia.example",
  homeAccountId: "h",
  environment: "e",
  tenantId: "t",
  localAccountId: "l",
};

function fakeApp(kind: string) {
  let active: typeof account | null = null;
  return {
    getActiveAccount: () => active,
    getAllAccounts: () => (active ? [active] : []),
    setActiveAccount: (a: typeof account | null) => (active = a),
    acquireTokenSilent: async (req: { forceRefresh?: boolean }) => {
      calls.push(`${kind}:silent${req.forceRefresh ? ":force" : ""}`);
      return { accessToken: `${kind}-silent-token`, account };
    },
    ssoSilent: async (req: { loginHint: string }) => {
      calls.push(`${kind}:ssoSilent:${req.loginHint}`);
      throw new Error("interaction_required");
    },
    acquireTokenPopup: async () => {
      calls.push(`${kind}:popup`);
      if ((kind === "nested" && !nestedPopupWorks) || (kind === "standard" && !standardPopupWorks))
        throw new Error("popup blocked");
      return { accessToken: `${kind}-popup-token`, account };
    },
  };
}

jest.mock("@azure/msal-browser", () => ({
  createNestablePublicClientApplication: async (c: (typeof configs)[number]["config"]) => {
    configs.push({ kind: "nested", config: c });
    return fakeApp("nested");
  },
  createStandardPublicClientApplication: async (c: (typeof configs)[number]["config"]) => {
    configs.push({ kind: "standard", config: c });
    return fakeApp("standard");
  },
}));

const config = {
  ...buildConfig(),
  clientId: "00000000-0000-0000-0000-000000000001",
  tenantId: "contoso.onmicrosoft.com",
};

beforeEach(() => {
  calls.length = 0;
  configs.length = 0;
  nestedPopupWorks = true;
  standardPopupWorks = true;
  (globalThis as unknown as { Office: unknown }).Office = {
    auth: {
      getAuthContext: async () => ({
        loginHint: "officer@westmercia.example",
        userPrincipalName: "officer@westmercia.example",
      }),
    },
    context: {},
  };
});

describe("browser sign-in", () => {
  test("getToken never opens a window: before sign-in it tries SSO with Office's login hint, then asks the user to sign in", async () => {
    const source = new MsalTokenSource(config, ["Sites.ReadWrite.All"]);
    await expect(source.getToken()).rejects.toThrow(/sign in/i);
    expect(calls).toEqual(["nested:ssoSilent:officer@westmercia.example"]);
    expect(calls.some((c) => c.includes("popup"))).toBe(false);
  });

  test("signIn uses nested app auth first; afterwards getToken is silent, and forceRefresh asks MSAL for a fresh token", async () => {
    const source = new MsalTokenSource(config, ["Sites.ReadWrite.All"]);
    expect(await source.signIn()).toBe("officer@westmercia.example");
    expect(await source.getToken()).toBe("nested-silent-token");
    expect(await source.getToken(true)).toBe("nested-silent-token");
    expect(calls).toEqual(["nested:popup", "nested:silent", "nested:silent:force"]);
    expect(source.signedInAs()).toBe("officer@westmercia.example");
  });

  test("MSAL keeps its cache in sessionStorage (gone when the pane closes), for nested app auth and the popup alike", async () => {
    expect(msalConfiguration(config, "https://localhost:3000/taskpane.html").cache?.cacheLocation).toBe(
      "sessionStorage",
    );
    nestedPopupWorks = false;
    await new MsalTokenSource(config, ["Sites.ReadWrite.All"]).signIn();
    expect(configs.map((c) => [c.kind, c.config.cache?.cacheLocation])).toEqual([
      ["nested", "sessionStorage"],
      ["standard", "sessionStorage"],
    ]);
  });

  test("when nested app auth fails, signIn falls back to a standard MSAL popup", async () => {
    nestedPopupWorks = false;
    const source = new MsalTokenSource(config, ["Sites.ReadWrite.All"]);
    await source.signIn();
    expect(calls).toEqual(["nested:popup", "standard:popup"]);
    expect(await source.getToken()).toBe("standard-silent-token");
  });

  test("when popups are blocked too, signIn falls back to the Office dialog, and says so plainly if it cannot open", async () => {
    nestedPopupWorks = false;
    standardPopupWorks = false;
    const source = new MsalTokenSource(config, ["Sites.ReadWrite.All"]);
    await expect(source.signIn()).rejects.toThrow(/could not open a window/i);
    expect(calls).toEqual(["nested:popup", "standard:popup"]);
  });

  test("the dialog fallback opens auth-dialog.html on our origin and takes the token only from our own page", async () => {
    nestedPopupWorks = false;
    standardPopupWorks = false;
    const handlers: Record<string, (arg: unknown) => void> = {};
    let opened = "";
    (globalThis as unknown as { Office: unknown }).Office = {
      auth: { getAuthContext: async () => ({ loginHint: "officer@westmercia.example" }) },
      AsyncResultStatus: { Succeeded: "succeeded" },
      EventType: { DialogMessageReceived: "message", DialogEventReceived: "event" },
      context: {
        ui: {
          displayDialogAsync: (url: string, _opts: unknown, cb: (r: unknown) => void) => {
            opened = url;
            cb({
              status: "succeeded",
              value: {
                close: () => undefined,
                addEventHandler: (t: string, h: (a: unknown) => void) => (handlers[t] = h),
              },
            });
          },
        },
      },
    };
    const source = new MsalTokenSource(config, ["Sites.ReadWrite.All"]);
    const signingIn = source.signIn();
    await new Promise((r) => setTimeout(r, 0));
    expect(opened).toMatch(new RegExp(`^${window.location.origin}/auth-dialog\\.html\\?scopes=`));
    const message = JSON.stringify({
      status: "signed-in",
      accessToken: "dialog-token",
      expiresOn: Date.now() + 3_600_000,
      username: "officer@westmercia.example",
    });
    handlers.message({ message, origin: window.location.origin });
    await expect(signingIn).resolves.toBe("officer@westmercia.example");
    expect(await source.getToken()).toBe("dialog-token");

    const other = new MsalTokenSource(config, ["Sites.ReadWrite.All"]);
    const refused = other.signIn();
    await new Promise((r) => setTimeout(r, 0));
    handlers.message({ message, origin: "https://evil.example" });
    await expect(refused).rejects.toThrow(/interrupted/);
  });
});
