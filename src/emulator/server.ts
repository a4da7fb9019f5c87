/**
 * The local Graph emulator: a real HTTP server on 127.0.0.1 answering the subset of Microsoft Graph that sync and the
 * quarterly report use (sites, lists, columns, items with fields, $filter/$select/$expand/$top paging, eTags, JSON
 * $batch, the signed-in user and their drafts), with injectable faults. It lets the demo and the tests run the whole
 * job with no Microsoft 365 tenant. This room is the HTTP side: the Host check, body limits, authentication, faults,
 * throttling, saving and the answer's bytes; routes.ts answers each request, batch.ts a $batch.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { resourceUnits } from "../sharepoint/units";
import { EMULATOR_SITE } from "../sharepoint/target";
import { isLoopbackHost, scopesOf } from "./access";
import { runBatch, throttledAnswer } from "./batch";
import type { EmulatorContext } from "./context";
import { corsHeaders, preflightHeaders } from "./cors";
import { FaultDice, type FaultPlan, type RequestFault } from "./faults";
import { route } from "./routes";
import { fromError, json, type Answer } from "./shapes";
import type { StoreState } from "./state";
import { emptyStats, isWrite, type EmulatorStats } from "./stats";
import { Store } from "./store";
import { ThrottleWindows, type BudgetPlan } from "./throttle";

export { corsHeaders } from "./cors";
export { EMULATOR_OFFICER } from "./me";
export type { EmulatorStats } from "./stats";

export interface EmulatorOptions {
  /** 0 (the default) picks any free port. */
  readonly port?: number;
  /** Where state is kept between runs; in memory only when absent. */
  readonly dataFile?: string;
  readonly faults?: FaultPlan;
  /** Accepts or refuses a bearer token (refused: 401, as Graph answers an expired token). Any non-empty token by default. */
  readonly tokenCheck?: (token: string) => boolean;
  /** One line per request: method, path and status. Never headers, so never a token. */
  readonly log?: (line: string) => void;
  /**
   * The sites that exist, as "hostname:/sites/path" (more are kept from the data file). An unknown site is 404
   * itemNotFound, as Graph answers it: https://learn.microsoft.com/en-us/graph/api/site-getbypath (Response).
   */
  readonly sites?: readonly string[];
  /** A budget of resource units a minute per client (SharePoint's application throttling); none by default. */
  readonly budget?: BudgetPlan;
  /** Milliseconds one second of Retry-After lasts (1,000: real time); a test scales time down with it. */
  readonly secondMs?: number;
  /** SharePoint's list view threshold (5,000 items); a test lowers it to reach it with small lists. */
  readonly viewThreshold?: number;
  /** Largest request body accepted, in bytes (4 MB by default); a larger one is refused with 413 unread. */
  readonly maxBodyBytes?: number;
}

/** The sites an emulator has unless told otherwise: the demo's, and the one the documentation's examples name. */
export const DEFAULT_SITES: readonly string[] = [
  EMULATOR_SITE,
  "contoso.sharepoint.com:/sites/commissioning",
];
const DEFAULT_MAX_BODY = 4 * 1024 * 1024;

export interface RunningEmulator {
  /** "http://127.0.0.1:PORT/v1.0": the baseUrl of a GraphTarget. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  stats(): EmulatorStats;
  resetStats(): void;
  setFaults(plan: FaultPlan): void;
  /** Sets (or clears) the resource-unit budget and time scale, forgetting open throttle windows. */
  setBudget(budget: BudgetPlan | undefined, secondMs?: number): void;
  /** A copy of every site, list and item, for tests and the demo's finance view. */
  snapshot(): StoreState;
}

/** What the HTTP side needs besides the shared context. */
interface Settings {
  readonly maxBody: number;
  readonly log: (line: string) => void;
  readonly tokenCheck?: (token: string) => boolean;
}

/** Reads a request's body within the limit (413 past it, unread), then answers it; never throws. */
function receive(
  ctx: EmulatorContext,
  s: Settings,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  req.on("error", () => undefined);
  res.on("error", () => undefined);
  const refuse = (status: number, code: string, message: string) => {
    s.log(`${req.method ?? "?"} ${req.url ?? "/"} → ${status} (${code})`);
    res.writeHead(status, { "Content-Type": "application/json", Connection: "close" });
    res.end(JSON.stringify({ error: { code, message } }), () => req.socket.destroy());
  };
  // DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends Host: evil.example. Refused before anything.
  if (!isLoopbackHost(req.headers.host)) {
    refuse(421, "misdirectedRequest", "The emulator answers only requests addressed to this machine.");
    return;
  }
  const tooLargeMessage = `A request body may be at most ${s.maxBody} bytes.`;
  if (Number(req.headers["content-length"] ?? 0) > s.maxBody) {
    refuse(413, "requestEntityTooLarge", tooLargeMessage);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on("data", (c: Buffer) => {
    if (tooLarge) return;
    size += c.length;
    if (size > s.maxBody) {
      tooLarge = true;
      chunks.length = 0;
      refuse(413, "requestEntityTooLarge", tooLargeMessage);
      return;
    }
    chunks.push(c);
  });
  req.on("end", () => {
    if (tooLarge) return;
    handle(ctx, s, req, res, Buffer.concat(chunks).toString("utf8")).catch((err: unknown) => {
      // Whatever a request holds, the emulator answers it and keeps serving the others.
      s.log(
        `${req.method ?? "?"} ${req.url ?? "/"} → 500 (${err instanceof Error ? err.message : String(err)})`,
      );
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify({
          error: { code: "generalException", message: "The emulator failed on this request." },
        }),
      );
    });
  });
}

/** A CORS preflight: it carries no token and does no work, so it is neither counted nor faulted. */
function preflight(
  ctx: EmulatorContext,
  s: Settings,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  ctx.stats.preflights += 1;
  const cors = corsHeaders(req.headers.origin);
  const privateNetwork = req.headers["access-control-request-private-network"] === "true";
  const { allowed, headers } = preflightHeaders(cors, privateNetwork);
  s.log(`OPTIONS ${req.url ?? "/"} → ${allowed ? 204 : 403} (CORS preflight)`);
  res.writeHead(allowed ? 204 : 403, headers);
  res.end();
}

function countRequest(ctx: EmulatorContext, req: http.IncomingMessage, batch: boolean): void {
  ctx.stats.total += 1;
  const agent = req.headers["user-agent"];
  if (agent && !ctx.stats.userAgents.includes(agent) && ctx.stats.userAgents.length < 20)
    ctx.stats.userAgents.push(agent);
  if (batch) ctx.stats.batches += 1;
}

/** What a request came to: the answer, whether it wrote, and the fault drawn for it. */
interface Outcome {
  answer: Answer;
  wrote: boolean;
  fault: RequestFault;
}

/**
 * Authenticates (before the body is read: an anonymous request gets 401 and its body is never parsed), admits the
 * request past the throttle windows and the dice, then routes it.
 */
function outcomeOf(ctx: EmulatorContext, s: Settings, req: http.IncomingMessage, text: string): Outcome {
  const method = (req.method ?? "GET").toUpperCase();
  const rawUrl = req.url ?? "/";
  const pathname = rawUrl.split("?")[0];
  const batch = method === "POST" && /^\/v1\.0\/\$batch$/.test(pathname);
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "";
  const scopes = scopesOf(token, s.tokenCheck);
  if (!scopes) {
    ctx.stats.reads += 1;
    const message = token ? "Access token has expired or is not yet valid." : "Access token is empty.";
    return {
      answer: json(401, { error: { code: "InvalidAuthenticationToken", message } }),
      wrote: false,
      fault: { kind: "none" },
    };
  }
  let body: unknown;
  let badJson = false;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      badJson = true;
    }
  }
  const writes = isWrite(method, pathname, body);
  if (writes) ctx.stats.writes += 1;
  else ctx.stats.reads += 1;
  const client = token;
  const verdict = ctx.windows.admit(
    client,
    batch ? 0 : resourceUnits(method, pathname.slice("/v1.0".length)),
  );
  const fault: RequestFault = verdict.ok ? ctx.dice.forRequest() : { kind: "none" };
  if (fault.kind !== "none") ctx.stats.faulted += 1;
  const answer = (a: Answer, wrote = false): Outcome => ({ answer: a, wrote, fault });
  if (!verdict.ok)
    return answer(throttledAnswer(429, verdict.retryAfter, "The client is throttled: wait for Retry-After."));
  if (fault.kind === "status") {
    ctx.windows.open(client, fault.retryAfter);
    return answer(
      throttledAnswer(fault.status, fault.retryAfter, "Injected fault: please retry after the time given."),
    );
  }
  // A reset before the work: handle() drops the connection, so this answer is never sent.
  if (fault.kind === "reset" && fault.when === "before") return answer(json(0, null));
  if (badJson)
    return answer(
      json(400, { error: { code: "BadRequest", message: "The request body is not valid JSON." } }),
    );
  if (!pathname.startsWith("/v1.0/")) {
    const message = `Invalid version: the emulator serves /v1.0 only, not ${pathname}.`;
    return answer(json(404, { error: { code: "BadRequest", message } }));
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k.toLowerCase()] = v;
  try {
    return answer(
      batch
        ? runBatch(ctx, body, client, scopes)
        : route(ctx, { method, url: rawUrl.slice("/v1.0".length), headers, body, scopes }),
      writes,
    );
  } catch (err) {
    return answer(fromError(err), writes);
  }
}

async function handle(
  ctx: EmulatorContext,
  s: Settings,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  text: string,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const rawUrl = req.url ?? "/";
  if (method === "OPTIONS") return preflight(ctx, s, req, res);
  countRequest(ctx, req, method === "POST" && /^\/v1\.0\/\$batch$/.test(rawUrl.split("?")[0]));
  const { answer: given, wrote, fault } = outcomeOf(ctx, s, req, text);
  if (fault.kind === "reset" && fault.when === "before") {
    s.log(`${method} ${rawUrl} → connection reset (injected)`);
    req.socket.destroy();
    return;
  }
  let answer = given;
  if (wrote) {
    try {
      ctx.store.save();
    } catch (err) {
      const message = `The emulator could not save its data: ${(err as Error).message}`;
      answer = json(500, { error: { code: "generalException", message } });
    }
  }
  const delay = ctx.dice.delay();
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  if (fault.kind === "reset" && fault.when === "after") {
    // The work is done and saved, but the client never hears: the case that makes a re-run prove idempotence.
    s.log(`${method} ${rawUrl} → ${answer.status}, then connection reset (injected)`);
    req.socket.destroy();
    return;
  }
  s.log(`${method} ${rawUrl} → ${answer.status}`);
  const payload = answer.body === undefined ? "" : JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...answer.headers, ...corsHeaders(req.headers.origin) });
  res.end(payload);
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new Store(opts.dataFile, { viewThreshold: opts.viewThreshold });
  for (const site of opts.sites ?? DEFAULT_SITES) store.addSite(site);
  const ctx: EmulatorContext = {
    store,
    stats: emptyStats(),
    dice: new FaultDice(opts.faults),
    windows: new ThrottleWindows(opts.budget, opts.secondMs ?? 1000),
    base: "",
  };
  const settings: Settings = {
    maxBody: opts.maxBodyBytes ?? DEFAULT_MAX_BODY,
    log: opts.log ?? (() => undefined),
    tokenCheck: opts.tokenCheck,
  };
  const server = http.createServer((req, res) => receive(ctx, settings, req, res));
  server.on("clientError", (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  ctx.base = `http://127.0.0.1:${port}`;
  const { windows } = ctx;
  return {
    url: `${ctx.base}/v1.0`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    stats: () => ({
      ...ctx.stats,
      earlyRequests: windows.early,
      overBudget: windows.overBudget,
      unitsCharged: windows.unitsCharged,
      userAgents: [...ctx.stats.userAgents],
    }),
    resetStats: () => {
      ctx.stats = emptyStats();
      windows.early = 0;
      windows.overBudget = 0;
      windows.unitsCharged = 0;
    },
    setFaults: (plan) => ctx.dice.set(plan),
    setBudget: (budget, secondMs) => windows.configure(budget, secondMs ?? opts.secondMs ?? 1000),
    snapshot: () => store.snapshot(),
  };
}
