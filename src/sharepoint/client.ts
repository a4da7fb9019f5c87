/**
 * The Graph client every SharePoint call goes through: @microsoft/microsoft-graph-client with an explicit middleware
 * chain (carry → auth → retry → observe → HTTP). Ours because the stock pieces fall short here: the stock auth handler
 * attaches tokens only to https Graph hosts (not the emulator), and the stock retry does not survive a reset connection.
 * Our own failures raised inside the chain reach the caller as themselves, statistics and all (see CarryOwnFailures).
 */
import {
  Client,
  GraphClientError,
  GraphError,
  HTTPMessageHandler,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import { UserError } from "../core/errors";
import { RetryPolicy, type RetryOptions } from "./retry";
import {
  DEFAULT_EMULATOR_PORT,
  isLoopbackUrl,
  mayCarryToken,
  type GraphTarget,
  type TokenSource,
} from "./target";
import { GraphThrottledError, THROTTLE_STATUSES } from "./throttled";
import { batchUnits, resourceUnits } from "./units";

export {
  backoffMs,
  DEFAULT_MAX_ATTEMPTS,
  retryAfterMs,
  RetryPolicy,
  sleep,
  type RetryOptions,
} from "./retry";

/** One HTTP attempt as the pipeline saw it: never headers, so never a token. */
export interface RequestRecord {
  readonly method: string;
  readonly url: string;
  /** The HTTP status, or "network" when the connection failed. */
  readonly status: number | "network";
  readonly attempt: number;
}

export interface GraphClientOptions {
  readonly retry?: RetryOptions;
  readonly onRequest?: (record: RequestRecord) => void;
  /**
   * The User-Agent to send (Node only; a browser sends its own), decorated as SharePoint's throttling guidance asks:
   * `NONISV|Company|App/version` (see `decoratedUserAgent`).
   */
  readonly userAgent?: string;
}

/**
 * A User-Agent decorated as SharePoint asks of applications that are not from an ISV, so a tenant's traffic can be
 * told apart and is throttled less eagerly: "NONISV|CompanyName|AppName/Version".
 * https://learn.microsoft.com/en-us/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
 * ("How to decorate your http traffic").
 */
export function decoratedUserAgent(company: string, app: string, version: string): string {
  const clean = (s: string) => s.replace(/[|\r\n]/g, " ").trim() || "unknown";
  return `NONISV|${clean(company)}|${clean(app).replace(/[\s/]+/g, "")}/${clean(version)}`;
}

function setHeader(context: Context, name: string, value: string): void {
  context.options ??= {};
  const headers = context.options.headers;
  if (headers instanceof Headers) headers.set(name, value);
  else
    context.options.headers = { ...((headers as Record<string, string> | undefined) ?? {}), [name]: value };
}

function requestUrl(context: Context): string {
  return typeof context.request === "string" ? context.request : context.request.url;
}

function requestMethod(context: Context): string {
  return (
    context.options?.method ?? (typeof context.request === "string" ? "GET" : context.request.method)
  ).toUpperCase();
}

function isLoopback(url: string): boolean {
  return isLoopbackUrl(url);
}

/** The code Node's fetch hides in `cause` ("ECONNREFUSED", "ECONNRESET", "UND_ERR_SOCKET"…), if any. */
function networkCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function isNetworkError(err: unknown): boolean {
  return err instanceof TypeError || networkCode(err) !== undefined;
}

/** How to start an emulator on the port `url` names: `npm run emulator` only listens on the default one. */
function emulatorCommand(url: string): string {
  let port: number;
  try {
    const u = new URL(url);
    port = u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
  } catch {
    return "`npm run emulator`";
  }
  return port === DEFAULT_EMULATOR_PORT
    ? "`npm run emulator`"
    : `\`npx kpi-returns emulator --port ${port}\``;
}

/** Nobody listening: retrying will not help, so say plainly what to check. */
export function unreachable(url: string): UserError {
  const origin = (() => {
    try {
      const u = new URL(url);
      return `${u.origin}${u.pathname.startsWith("/v1.0") ? "/v1.0" : ""}`;
    } catch {
      return url;
    }
  })();
  const hint = isLoopback(url)
    ? ` — is the emulator running? Start it with ${emulatorCommand(url)}.`
    : ". Check the network connection and the Graph address.";
  return new UserError(`Could not reach Microsoft Graph at ${origin}${hint}`, origin);
}

/**
 * Attaches `Authorization: Bearer …` to requests for Graph's own hosts (https) or a loopback emulator, and to nothing
 * else: a link elsewhere is refused before a token leaves. On a 401 gets a fresh token and tries once more.
 */
export class BearerAuth implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly tokens: TokenSource,
    private readonly userAgent?: string,
  ) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("BearerAuth needs a next middleware");
    const url = requestUrl(context);
    if (!mayCarryToken(url)) {
      throw new UserError(
        `Refused to send the sign-in token to ${safeOrigin(url)}: tokens go only to Microsoft Graph (https://graph.microsoft.com) or an emulator on this computer.`,
      );
    }
    if (this.userAgent) setHeader(context, "User-Agent", this.userAgent);
    setHeader(context, "Authorization", `Bearer ${await this.tokens.getToken(false)}`);
    await this.next.execute(context);
    if (context.response?.status === 401) {
      await context.response.arrayBuffer().catch(() => undefined);
      setHeader(context, "Authorization", `Bearer ${await this.tokens.getToken(true)}`);
      await this.next.execute(context);
    }
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "another address";
  }
}

/**
 * A Graph client made by createGraphClient: the SDK's client, with the one retry policy its middleware obeys, which
 * the $batch runner obeys too, so single requests and sub-requests share one throttle window.
 */
export type GraphClient = Client & { readonly retryPolicy: RetryPolicy };

/** Resource units of the request in `context`: a $batch costs the sum of its sub-requests. */
function unitsOf(context: Context): number {
  const url = requestUrl(context);
  const path = (() => {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  })();
  if (/\/\$batch$/.test(path)) {
    const body = context.options?.body;
    try {
      return batchUnits(typeof body === "string" ? JSON.parse(body) : body);
    } catch {
      return 0;
    }
  }
  return resourceUnits(requestMethod(context), path);
}

/**
 * Sends each request when the policy allows (after any throttle window, within the pace), and tries again after a
 * throttle answer (429/503/504) for as long as the policy says, then throws the policy's failure; retries connection
 * resets with a backoff. A refused connection is not retried: nobody is listening, and the user is told so at once.
 */
export class RetryOnThrottle implements Middleware {
  private next?: Middleware;
  constructor(private readonly policy: RetryPolicy) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("RetryOnThrottle needs a next middleware");
    const units = unitsOf(context);
    const doing = `${requestMethod(context)} ${safeOrigin(requestUrl(context))}`;
    let firstSentAt: number | undefined;
    for (let attempt = 1; ; attempt++) {
      await this.policy.beforeSend(units, doing);
      firstSentAt ??= this.policy.now();
      try {
        await this.next.execute(context);
      } catch (err) {
        if (networkCode(err) === "ECONNREFUSED") throw unreachable(requestUrl(context));
        if (!isNetworkError(err) || attempt >= this.policy.maxAttempts) {
          if (isNetworkError(err)) throw unreachable(requestUrl(context));
          throw err;
        }
        this.policy.lostAnswer(attempt);
        continue;
      }
      const response = context.response;
      if (!response || !THROTTLE_STATUSES.has(response.status)) return;
      const retryAfter = response.headers.get("Retry-After");
      await response.arrayBuffer().catch(() => undefined);
      const next = this.policy.throttled(
        { status: response.status, retryAfter, attempt, firstSentAt },
        doing,
      );
      // Given up: the policy's failure, with this request's tries and time, goes to the caller (CarryOwnFailures).
      if (next instanceof GraphThrottledError) throw next;
    }
  }
}

/**
 * First in the chain: a failure of our own raised inside it (a token refused for a host, nobody listening, Graph
 * throttling past the policy) reaches the caller as itself. The SDK turns anything a middleware throws into a
 * GraphError holding only its text, except a GraphClientError, which it passes on untouched; so ours travels inside
 * one, as its `customError` (see `ownFailure`).
 */
class CarryOwnFailures implements Middleware {
  private next?: Middleware;
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("CarryOwnFailures needs a next middleware");
    try {
      await this.next.execute(context);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      const carrier = new GraphClientError(err.message);
      carrier.customError = err;
      throw carrier;
    }
  }
}

/** Our own failure carried out of the client's chain by CarryOwnFailures, or null for anything else. */
export function ownFailure(err: unknown): UserError | null {
  if (!(err instanceof GraphClientError)) return null;
  const carried: unknown = err.customError;
  return carried instanceof UserError ? carried : null;
}

/** Tells the caller about every HTTP attempt (for progress, counts and tests). */
class ObserveRequests implements Middleware {
  private next?: Middleware;
  private attempts = new WeakMap<Context, number>();
  constructor(private readonly onRequest?: (record: RequestRecord) => void) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("ObserveRequests needs a next middleware");
    const attempt = (this.attempts.get(context) ?? 0) + 1;
    this.attempts.set(context, attempt);
    const report = (status: number | "network") =>
      this.onRequest?.({ method: requestMethod(context), url: requestUrl(context), status, attempt });
    try {
      await this.next.execute(context);
    } catch (err) {
      report("network");
      throw err;
    }
    report(context.response?.status ?? "network");
  }
}

/** Splits "http://127.0.0.1:4000/v1.0" into the SDK's origin-only baseUrl and its version. */
export function splitBaseUrl(baseUrl: string): { baseUrl: string; version: string } {
  const trimmed = baseUrl.replace(/\/+$/, "");
  const cut = trimmed.lastIndexOf("/");
  const version = trimmed.slice(cut + 1);
  if (cut < "https://".length || !/^(v\d+(\.\d+)?|beta)$/.test(version)) {
    throw new UserError(
      `The Graph address "${baseUrl}" should end with its version, e.g. https://graph.microsoft.com/v1.0.`,
      "graph-url",
    );
  }
  return { baseUrl: `${trimmed.slice(0, cut)}/`, version };
}

export function createGraphClient(
  target: GraphTarget,
  tokens: TokenSource,
  opts: GraphClientOptions = {},
): GraphClient {
  const { baseUrl, version } = splitBaseUrl(target.baseUrl);
  const retryPolicy = new RetryPolicy(opts.retry);
  const client = Client.initWithMiddleware({
    baseUrl,
    defaultVersion: version,
    middleware: [
      new CarryOwnFailures(),
      new BearerAuth(tokens, opts.userAgent),
      new RetryOnThrottle(retryPolicy),
      new ObserveRequests(opts.onRequest),
      new HTTPMessageHandler(),
    ],
  });
  return Object.assign(client, { retryPolicy });
}

/**
 * A path the client can request for a URL Graph gave back (an @odata.nextLink). The SDK parses only https URLs itself,
 * so links under our own base URL (the emulator's http one included) are made relative to it.
 */
export function relativeTo(target: GraphTarget, link: string): string {
  const base = target.baseUrl.replace(/\/+$/, "");
  if (link.startsWith(`${base}/`)) return link.slice(base.length);
  // Followed with the bearer token attached: only to Graph's own hosts (over https) or the loopback emulator.
  if (link.startsWith("https://") && mayCarryToken(link)) return link;
  throw new UserError(`Graph returned a link outside ${base}, which was not followed: ${safeOrigin(link)}`);
}

/**
 * A Graph failure in plain words: what was being done, the status, and Graph's own message. Every call this module's
 * users make through the client should pass its failures through here. A throttling failure comes as the policy made
 * it (its tries and time with it), named by what the caller was doing.
 */
export function explainGraphError(err: unknown, doing: string): Error {
  if (err instanceof UserError) return err;
  const own = ownFailure(err);
  if (own instanceof GraphThrottledError) return own.whileDoing(`trying to ${doing}`);
  if (own) return own;
  if (err instanceof GraphError) {
    const hint =
      err.statusCode === 401
        ? " Sign in again."
        : err.statusCode === 403
          ? " Your account may lack permission on the site (Sites.ReadWrite.All; Sites.Manage.All to create lists)."
          : "";
    return new UserError(
      `Microsoft Graph refused to ${doing} (${err.statusCode} ${err.code ?? ""}): ${err.message}.${hint}`.replace(
        /\.\./g,
        ".",
      ),
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}
