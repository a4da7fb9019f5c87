/**
 * The Graph client every SharePoint call goes through: @microsoft/microsoft-graph-client with an explicit middleware
 * chain (auth → retry → observe → HTTP). Ours because the stock pieces fall short here: the stock auth handler attaches
 * tokens only to https Graph hosts (not the emulator), and the stock retry does not survive a reset connection.
 */
import {
  Client,
  GraphError,
  HTTPMessageHandler,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import { UserError } from "../core/errors";
import { DEFAULT_EMULATOR_PORT, type GraphTarget, type TokenSource } from "./target";
import { GraphThrottledError, THROTTLE_STATUSES } from "./throttled";

/** Tries per request, the first included, unless RetryOptions says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 8;

export interface RetryOptions {
  /** Attempts per request, the first included (default 8). */
  readonly maxAttempts?: number;
  /** Backoff when the answer gives no Retry-After: base × 2^attempt, capped (default 250 ms). */
  readonly baseDelayMs?: number;
  /** Longest wait honoured for one Retry-After or backoff (default 60 s). */
  readonly maxDelayMs?: number;
  /** For tests: how to wait. */
  readonly sleep?: (ms: number) => Promise<void>;
}

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
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Milliseconds a Retry-After header asks for (delta seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | null {
  if (value === null || value === undefined || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function backoffMs(attempt: number, retry: RetryOptions): number {
  const base = retry.baseDelayMs ?? 250;
  // Full jitter keeps many clients that were throttled together from coming back together.
  return Math.min(
    retry.maxDelayMs ?? 60_000,
    Math.round(base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2)),
  );
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
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || host.startsWith("127.");
  } catch {
    return false;
  }
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

/** Attaches `Authorization: Bearer …` to every request, whatever the host; on a 401 gets a fresh token and tries once more. */
export class BearerAuth implements Middleware {
  private next?: Middleware;
  constructor(private readonly tokens: TokenSource) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("BearerAuth needs a next middleware");
    setHeader(context, "Authorization", `Bearer ${await this.tokens.getToken(false)}`);
    await this.next.execute(context);
    if (context.response?.status === 401) {
      await context.response.arrayBuffer().catch(() => undefined);
      setHeader(context, "Authorization", `Bearer ${await this.tokens.getToken(true)}`);
      await this.next.execute(context);
    }
  }
}

/**
 * How a request that was still throttled when its tries ran out was tried, keyed by its final answer's headers (the
 * one object the SDK's GraphError keeps of the answer), so the failure can say how long we kept at it.
 */
const gaveUp = new WeakMap<Headers, { attempts: number; elapsedMs: number }>();

/**
 * Retries 429, 503 and 504 on their Retry-After (or a jittered backoff), and connection resets, a bounded number of
 * times. A refused connection is not retried: nobody is listening, and the user is told so at once.
 */
export class RetryOnThrottle implements Middleware {
  private next?: Middleware;
  constructor(private readonly retry: RetryOptions = {}) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error("RetryOnThrottle needs a next middleware");
    const max = this.retry.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const wait = this.retry.sleep ?? sleep;
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.next.execute(context);
      } catch (err) {
        if (networkCode(err) === "ECONNREFUSED") throw unreachable(requestUrl(context));
        if (!isNetworkError(err) || attempt >= max) {
          if (isNetworkError(err)) throw unreachable(requestUrl(context));
          throw err;
        }
        await wait(backoffMs(attempt, this.retry));
        continue;
      }
      const response = context.response;
      if (!response || !THROTTLE_STATUSES.has(response.status)) return;
      if (attempt >= max) {
        gaveUp.set(response.headers, { attempts: attempt, elapsedMs: Date.now() - started });
        return;
      }
      const asked = retryAfterMs(response.headers.get("Retry-After"));
      await response.arrayBuffer().catch(() => undefined);
      await wait(Math.min(asked ?? backoffMs(attempt, this.retry), this.retry.maxDelayMs ?? 60_000));
    }
  }
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
): Client {
  const { baseUrl, version } = splitBaseUrl(target.baseUrl);
  return Client.initWithMiddleware({
    baseUrl,
    defaultVersion: version,
    middleware: [
      new BearerAuth(tokens),
      new RetryOnThrottle(opts.retry),
      new ObserveRequests(opts.onRequest),
      new HTTPMessageHandler(),
    ],
  });
}

/**
 * A path the client can request for a URL Graph gave back (an @odata.nextLink). The SDK parses only https URLs itself,
 * so links under our own base URL (the emulator's http one included) are made relative to it.
 */
export function relativeTo(target: GraphTarget, link: string): string {
  const base = target.baseUrl.replace(/\/+$/, "");
  if (link.startsWith(`${base}/`)) return link.slice(base.length);
  if (link.startsWith("https://")) return link;
  throw new UserError(`Graph returned a link outside ${base}: ${link.slice(0, 80)}`);
}

/**
 * A Graph failure in plain words: what was being done, the status, and Graph's own message. Every call this module's
 * users make through the client should pass its failures through here (the SDK hides our UserErrors in a GraphError).
 */
export function explainGraphError(err: unknown, doing: string): Error {
  if (err instanceof UserError) return err;
  if (err instanceof GraphError) {
    // The SDK wraps what a middleware throws into a GraphError with the original only in `body`: unwrap our own.
    if (err.code === "UserError" && typeof err.body === "string" && err.body.startsWith("UserError: ")) {
      return new UserError(err.body.slice("UserError: ".length));
    }
    if (THROTTLE_STATUSES.has(err.statusCode)) {
      const tried = err.headers ? gaveUp.get(err.headers) : undefined;
      return new GraphThrottledError(
        err.statusCode,
        tried?.attempts ?? null,
        tried?.elapsedMs ?? null,
        `trying to ${doing}`,
      );
    }
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
