/**
 * The task pane's connection to SharePoint: the token source (the emulator's, or MSAL behind a Sign in click), the
 * Graph client and the SharePoint module loaded on first use (so MSAL and Graph stay out of the pane's first
 * bundle), and the officer who acts: the signed-in account as GET /me names it. Nothing is recorded for an unnamed
 * officer: in tenant mode every officer action needs a sign-in first.
 */
import { buildConfig, OFFICER_SCOPES, resolveGraphTarget } from "../auth/config";
import { createTokenSource } from "../auth/token-source";
import { UserError } from "../core/errors";
import type { Officer } from "../core/register";
import type { GraphTarget, SignInTokenSource } from "../sharepoint/target";
import type { Account } from "./host";

export type SharePoint = typeof import("../sharepoint");

/** The SharePoint module and a Graph client on the session's token. */
export interface Connection {
  readonly sp: SharePoint;
  readonly client: ReturnType<SharePoint["createGraphClient"]>;
}

export interface Session {
  readonly mode: "emulator" | "tenant";
  readonly target: GraphTarget;
  account(): Account;
  /** Interactive sign-in: only from a click. */
  signIn(): Promise<Account>;
  /** True when the lists can be read without asking the person anything: the emulator, or a tenant once signed in. */
  canReach(): boolean;
  /** The Graph client and the SharePoint module, loaded on first use; refused in tenant mode before sign-in. */
  sharePoint(): Promise<Connection>;
  /** The officer acting, from GET /me on the signed-in account; refused when nobody is signed in. */
  officer(): Promise<Officer>;
}

const SIGN_IN_FIRST =
  "Sign in first: choose Sign in at the top of the pane. Approvals, overrides, returns and syncs are recorded in the Return Register under the signed-in officer's name.";

export function createSession(search: string): Session {
  const { target, mode } = resolveGraphTarget(search, buildConfig());
  let tokens: Promise<SignInTokenSource> | null = null;
  let signedInAs: string | null = mode === "emulator" ? "Emulator user" : null;
  let officer: Promise<Officer> | null = null;

  // An officer's decisions need GET /me (User.Read) besides the list items: asked for once, at sign-in.
  const tokenSource = (): Promise<SignInTokenSource> => {
    tokens ??= createTokenSource(mode, { scopes: OFFICER_SCOPES }).catch((err: unknown) => {
      tokens = null; // let a later attempt (after fixing the cause) try again
      throw err;
    });
    return tokens;
  };

  const signedIn = (): boolean => mode === "emulator" || signedInAs !== null;

  const sharePoint = async (): Promise<Connection> => {
    if (mode === "tenant" && !target.site) {
      throw new UserError(
        "This add-in was built without a SharePoint site (KPI_SITE), so it has no lists to sync to. Rebuild it with KPI_SITE set, or open it with ?emulator=http://127.0.0.1:PORT.",
      );
    }
    if (!signedIn()) throw new UserError(SIGN_IN_FIRST);
    const [sp, source] = await Promise.all([
      import(/* webpackChunkName: "sharepoint" */ "../sharepoint"),
      tokenSource(),
    ]);
    if (mode === "tenant" && source.signedInAs() === null) throw new UserError(SIGN_IN_FIRST);
    return { sp, client: sp.createGraphClient(target, source) };
  };

  return {
    mode,
    target,
    account: () => ({ mode, signedInAs }),
    async signIn(): Promise<Account> {
      signedInAs = await (await tokenSource()).signIn();
      officer = null; // perhaps another account: GET /me is asked again before the next action
      return { mode, signedInAs };
    },
    canReach: () => target.site !== "" && signedIn(),
    sharePoint,
    officer(): Promise<Officer> {
      if (!signedIn()) return Promise.reject(new UserError(SIGN_IN_FIRST));
      officer ??= sharePoint()
        .then(({ sp, client }) => sp.signedInOfficer(client))
        .then((who) => {
          signedInAs = who.name; // the pane then shows the name the register records
          return who;
        })
        .catch((err: unknown) => {
          officer = null;
          throw err;
        });
      return officer;
    },
  };
}
