/**
 * The local Graph emulator: a real HTTP server on 127.0.0.1 answering the subset of Microsoft Graph that sync and the
 * quarterly report use (sites, lists, columns, items with fields, $filter/$select/$expand/$top paging, eTags, JSON
 * $batch), with injectable faults. It lets the demo and the tests run the whole job with no Microsoft 365 tenant.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { isLoopbackUrl } from "../sharepoint/target";
import { FaultDice, type FaultPlan, type RequestFault } from "./faults";
import {
  eTagOf,
  GraphHttpError,
  Store,
  type ItemState,
  type ListState,
  type SiteState,
  type StoreState,
} from "./store";

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
}

export interface EmulatorStats {
  /** HTTP requests received (a $batch counts once). */
  total: number;
  /** Requests that only read: GETs, and batches of GETs only. */
  reads: number;
  /** Requests that wrote or tried to: POST/PATCH/DELETE, and batches holding any of them. */
  writes: number;
  batches: number;
  subRequests: number;
  /** CORS preflights (OPTIONS) from a browser; not in `total`, as they do no Graph work. */
  preflights: number;
  /** Requests answered with an injected fault (429, 503 or a reset). */
  faulted: number;
  /** Sub-requests inside a $batch answered with an injected 429 or 503. */
  subFaulted: number;
  itemsCreated: number;
  itemsUpdated: number;
}

export interface RunningEmulator {
  /** "http://127.0.0.1:PORT/v1.0": the baseUrl of a GraphTarget. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  stats(): EmulatorStats;
  resetStats(): void;
  setFaults(plan: FaultPlan): void;
  /** A copy of every site, list and item, for tests and the demo's finance view. */
  snapshot(): StoreState;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

interface Incoming {
  method: string;
  /** Path below the version with its query, e.g. "/sites/x/lists?$filter=…". */
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

const MAX_BATCH = 20;

/** Who the emulator says is signed in (GET /me): the demo's commissioning officer. */
export const EMULATOR_OFFICER = {
  id: "00000000-0000-4000-8000-00000000e001",
  displayName: "Demo Officer",
  userPrincipalName: "demo.officer@commissioning.example",
  mail: "demo.officer@commissioning.example",
} as const;

/**
 * A task pane served from https://localhost:3000 calls the emulator straight from the browser, so every answer
 * carries CORS headers. Only this machine's origins are reflected: a page from anywhere else cannot drive it.
 */
const CORS_ALLOW_HEADERS = "Authorization, Content-Type, If-Match, Prefer";
const CORS_ALLOW_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
// The pane reads the eTag of a write, and Retry-After to wait as asked when throttled.
const CORS_EXPOSE_HEADERS = "ETag, Retry-After";

/** The CORS headers for a request from `origin` (none for a foreign or absent origin, so the browser refuses it). */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  const vary = { Vary: "Origin" };
  if (!origin || !isLoopbackUrl(origin) || new URL(origin).origin !== origin) return vary;
  return {
    ...vary,
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": CORS_EXPOSE_HEADERS,
  };
}
const DEFAULT_PAGE = 200;
const MAX_PAGE = 999;

function emptyStats(): EmulatorStats {
  return {
    total: 0,
    reads: 0,
    writes: 0,
    batches: 0,
    subRequests: 0,
    preflights: 0,
    faulted: 0,
    subFaulted: 0,
    itemsCreated: 0,
    itemsUpdated: 0,
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return { status, headers: { "Content-Type": "application/json", ...headers }, body };
}

function fromError(err: unknown): Answer {
  if (err instanceof GraphHttpError) return json(err.status, err.body());
  const message = err instanceof Error ? err.message : String(err);
  return json(500, { error: { code: "generalException", message } });
}

/** Splits "/sites/{ref}/rest": ref is an id, or "host:/server/relative/path" ended by ":" or the end. */
function splitSite(pathname: string): { siteRef: string; rest: string[] } | null {
  const m = /^\/sites\/(.*)$/.exec(pathname);
  if (!m) return null;
  const tail = m[1];
  const firstSlash = tail.indexOf("/");
  const first = firstSlash === -1 ? tail : tail.slice(0, firstSlash);
  if (first.includes(":")) {
    const colon = tail.indexOf(":");
    const afterHost = tail.slice(colon + 1);
    const end = afterHost.indexOf(":");
    const sitePath = end === -1 ? afterHost : afterHost.slice(0, end);
    const rest = end === -1 ? "" : afterHost.slice(end + 1);
    return { siteRef: `${tail.slice(0, colon)}:${sitePath}`, rest: rest.split("/").filter(Boolean) };
  }
  return {
    siteRef: first,
    rest:
      firstSlash === -1
        ? []
        : tail
            .slice(firstSlash + 1)
            .split("/")
            .filter(Boolean),
  };
}

/** `$expand=fields($select=A,B)` → {fields: true, select: [A,B]}; `$expand=columns` → {columns: true}. */
function parseExpand(expand: string | null): {
  fields: boolean;
  fieldSelect: string[] | null;
  columns: boolean;
} {
  const out = { fields: false, fieldSelect: null as string[] | null, columns: false };
  if (!expand) return out;
  for (const part of expand.split(/,(?![^(]*\))/)) {
    const m = /^\s*(\w+)(?:\((.*)\))?\s*$/.exec(part);
    if (!m) continue;
    if (m[1] === "fields") {
      out.fields = true;
      const sel = m[2] ? /\$select=([^;)]*)/.exec(m[2]) : null;
      if (sel)
        out.fieldSelect = sel[1]
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
    }
    if (m[1] === "columns") out.columns = true;
  }
  return out;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new Store(opts.dataFile);
  const dice = new FaultDice(opts.faults);
  const tokenCheck = opts.tokenCheck ?? ((token: string) => token.length > 0);
  const log = opts.log ?? (() => undefined);
  let stats = emptyStats();
  let base = "";

  function siteJson(site: SiteState): Record<string, unknown> {
    const [host, sitePath] = [
      site.path.slice(0, site.path.indexOf(":")),
      site.path.slice(site.path.indexOf(":") + 1),
    ];
    return {
      id: site.id,
      name: sitePath.split("/").pop(),
      displayName: sitePath.split("/").pop(),
      webUrl: `https://${host}${sitePath}`,
      siteCollection: { hostname: host },
    };
  }

  function listJson(site: SiteState, list: ListState, withColumns: boolean): Record<string, unknown> {
    return {
      "@odata.etag": `"${list.id},1"`,
      id: list.id,
      name: list.displayName.replace(/\s+/g, ""),
      displayName: list.displayName,
      description: list.description,
      createdDateTime: list.createdDateTime,
      webUrl: `${siteJson(site).webUrl as string}/Lists/${encodeURIComponent(list.displayName.replace(/\s+/g, ""))}`,
      list: { template: "genericList", hidden: false, contentTypesEnabled: false },
      ...(withColumns ? { columns: list.columns } : {}),
    };
  }

  function itemJson(
    site: SiteState,
    list: ListState,
    item: ItemState,
    expand: ReturnType<typeof parseExpand>,
    select: string[] | null,
  ) {
    const eTag = eTagOf(item);
    const full: Record<string, unknown> = {
      "@odata.etag": eTag,
      id: item.id,
      eTag,
      createdDateTime: item.createdDateTime,
      lastModifiedDateTime: item.lastModifiedDateTime,
      webUrl: `${listJson(site, list, false).webUrl as string}/DispForm.aspx?ID=${item.id}`,
    };
    const out: Record<string, unknown> = select ? { "@odata.etag": eTag } : full;
    if (select) for (const s of select) if (s in full) out[s] = full[s];
    if (expand.fields) {
      const all: Record<string, unknown> = {
        "@odata.etag": eTag,
        id: item.id,
        ...item.fields,
        Created: item.createdDateTime,
        Modified: item.lastModifiedDateTime,
      };
      if (expand.fieldSelect) {
        const picked: Record<string, unknown> = { "@odata.etag": eTag };
        for (const name of expand.fieldSelect) if (name in all) picked[name] = all[name];
        out.fields = picked;
      } else {
        out.fields = all;
      }
    }
    return out;
  }

  /**
   * The signed-in user: GET /me (the demo officer; learn.microsoft.com/graph/api/user-get, honouring $select), and
   * their mailbox drafts: POST /me/messages creates one, GET /me/messages lists them.
   */
  function routeMe(method: string, pathname: string, q: URLSearchParams, body: unknown): Answer {
    if (pathname === "/me" && method === "GET") {
      const select = q
        .get("$select")
        ?.split(",")
        .map((s) => s.trim());
      const me: Record<string, unknown> = { ...EMULATOR_OFFICER };
      if (select)
        for (const key of Object.keys(me)) if (key !== "id" && !select.includes(key)) delete me[key];
      return json(200, { "@odata.context": `${base}/v1.0/$metadata#users/$entity`, ...me });
    }
    if (pathname === "/me/messages") {
      if (method === "POST") {
        if (body === null || typeof body !== "object" || Array.isArray(body))
          throw new GraphHttpError(400, "RequestBodyRead", "A message needs a JSON object body.");
        return json(201, store.createMessage(body as Record<string, unknown>));
      }
      if (method === "GET") return json(200, { value: store.messages() });
    }
    throw new GraphHttpError(
      405,
      "methodNotAllowed",
      `${method} is not supported on ${pathname} by the emulator.`,
    );
  }

  /** Answers one request (top-level or inside a $batch). Throws GraphHttpError for Graph-shaped failures. */
  function route(req: Incoming): Answer {
    const url = new URL(req.url, "http://emulator.invalid");
    const q = url.searchParams;
    const pathname = decodeURIComponent(url.pathname).replace(/\/+$/, "");
    if (pathname === "/me" || pathname.startsWith("/me/"))
      return routeMe(req.method.toUpperCase(), pathname, q, req.body);
    const parts = splitSite(pathname);
    if (!parts)
      throw new GraphHttpError(400, "BadRequest", `Resource not found for the segment '${pathname}'.`);
    const site = store.site(parts.siteRef);
    const [a, listRef, b, itemId, c, ...extra] = parts.rest;
    const method = req.method.toUpperCase();
    const expand = parseExpand(q.get("$expand"));
    const select = q.get("$select") ? (q.get("$select") as string).split(",").map((s) => s.trim()) : null;

    if (a === undefined) {
      if (method === "GET") return json(200, siteJson(site));
    } else if (a === "lists" && listRef === undefined) {
      if (method === "GET") {
        let lists = store.lists(site);
        const filter = q.get("$filter");
        if (filter) {
          const m = /^displayName eq '((?:[^']|'')*)'$/.exec(filter.trim());
          if (!m) throw new GraphHttpError(400, "invalidRequest", `Unsupported list filter: ${filter}`);
          const name = m[1].replace(/''/g, "'");
          lists = lists.filter((l) => l.displayName === name);
        }
        return json(200, { value: lists.map((l) => listJson(site, l, expand.columns)) });
      }
      if (method === "POST") {
        const list = store.createList(site, (req.body ?? {}) as Record<string, unknown>);
        return json(201, listJson(site, list, true));
      }
    } else if (a === "lists" && listRef !== undefined) {
      const list = store.list(site, listRef);
      if (b === undefined) {
        if (method === "GET") return json(200, listJson(site, list, expand.columns));
      } else if (b === "columns" && itemId === undefined) {
        if (method === "GET") return json(200, { value: list.columns });
        if (method === "POST")
          return json(201, store.addColumn(list, (req.body ?? {}) as Record<string, unknown>));
      } else if (b === "items" && itemId === undefined) {
        if (method === "GET") {
          const allowNonIndexed = /HonorNonIndexedQueriesWarningMayFailRandomly/i.test(
            req.headers["prefer"] ?? "",
          );
          const matched = store
            .query(list, q.get("$filter") ?? undefined, allowNonIndexed)
            .sort((x, y) => Number(x.id) - Number(y.id));
          const top = Math.min(Math.max(Number(q.get("$top") ?? DEFAULT_PAGE) || DEFAULT_PAGE, 1), MAX_PAGE);
          const after = Number(/p_ID=(\d+)/.exec(q.get("$skiptoken") ?? "")?.[1] ?? 0);
          const page = matched.filter((i) => Number(i.id) > after).slice(0, top);
          const body: Record<string, unknown> = {
            value: page.map((i) => itemJson(site, list, i, expand, select)),
          };
          const last = page[page.length - 1];
          if (last && matched.some((i) => Number(i.id) > Number(last.id))) {
            const params: string[] = [];
            for (const [k, v] of q) if (k !== "$skiptoken") params.push(`${k}=${encodeURIComponent(v)}`);
            params.push(`$skiptoken=${encodeURIComponent(`Paged=TRUE&p_ID=${last.id}`)}`);
            body["@odata.nextLink"] = `${base}/v1.0${url.pathname}?${params.join("&")}`;
          }
          return json(200, body);
        }
        if (method === "POST") {
          const fields = (req.body as { fields?: unknown } | undefined)?.fields;
          const item = store.createItem(list, fields);
          stats.itemsCreated += 1;
          return json(
            201,
            itemJson(site, list, item, { fields: true, fieldSelect: null, columns: false }, null),
            { ETag: eTagOf(item) },
          );
        }
      } else if (b === "items" && itemId !== undefined && extra.length === 0) {
        if (c === undefined) {
          if (method === "GET") {
            const item = store.item(list, itemId);
            return json(200, itemJson(site, list, item, expand, select), { ETag: eTagOf(item) });
          }
          if (method === "DELETE") {
            store.deleteItem(list, itemId, req.headers["if-match"]);
            return { status: 204, headers: {} };
          }
        } else if (c === "fields") {
          if (method === "GET") {
            const item = store.item(list, itemId);
            return json(
              200,
              itemJson(site, list, item, { fields: true, fieldSelect: null, columns: false }, null).fields,
            );
          }
          if (method === "PATCH") {
            const item = store.updateFields(list, itemId, req.body, req.headers["if-match"]);
            stats.itemsUpdated += 1;
            const full = itemJson(
              site,
              list,
              item,
              { fields: true, fieldSelect: null, columns: false },
              null,
            );
            return json(200, full.fields, { ETag: eTagOf(item) });
          }
        }
      }
    }
    throw new GraphHttpError(
      405,
      "methodNotAllowed",
      `${method} is not supported on ${pathname} by the emulator.`,
    );
  }

  function runBatch(body: unknown): Answer {
    const requests = (body as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) {
      throw new GraphHttpError(400, "BadRequest", "A $batch body needs a non-empty requests array.");
    }
    if (requests.length > MAX_BATCH) {
      throw new GraphHttpError(
        400,
        "BadRequest",
        `A $batch may hold at most ${MAX_BATCH} requests, not ${requests.length}.`,
      );
    }
    const statusById = new Map<string, number>();
    const responses: Record<string, unknown>[] = [];
    for (const raw of requests as Record<string, unknown>[]) {
      const id = String(raw.id ?? "");
      stats.subRequests += 1;
      const answer = ((): Answer => {
        if (!id || typeof raw.method !== "string" || typeof raw.url !== "string") {
          return json(400, {
            error: { code: "BadRequest", message: "Each batch request needs id, method and url." },
          });
        }
        const deps = Array.isArray(raw.dependsOn) ? (raw.dependsOn as unknown[]).map(String) : [];
        if (deps.some((d) => !((statusById.get(d) ?? 0) >= 200 && (statusById.get(d) ?? 0) < 300))) {
          return json(424, {
            error: { code: "FailedDependency", message: "A request this one depends on failed." },
          });
        }
        const fault = dice.forSubRequest();
        if (fault.kind === "status") {
          stats.subFaulted += 1;
          return json(
            fault.status,
            {
              error: {
                code: fault.status === 429 ? "TooManyRequests" : "serviceNotAvailable",
                message: "Injected fault.",
              },
            },
            { "Retry-After": String(fault.retryAfter) },
          );
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries((raw.headers ?? {}) as Record<string, unknown>))
          headers[k.toLowerCase()] = String(v);
        try {
          return route({
            method: raw.method,
            url: raw.url.startsWith("/") ? raw.url : `/${raw.url}`,
            headers,
            body: raw.body,
          });
        } catch (err) {
          return fromError(err);
        }
      })();
      statusById.set(id, answer.status);
      responses.push({
        id,
        status: answer.status,
        headers: answer.headers,
        ...(answer.body !== undefined ? { body: answer.body } : {}),
      });
    }
    return json(200, { responses });
  }

  function isWrite(method: string, pathname: string, body: unknown): boolean {
    if (method === "GET") return false;
    if (/\/\$batch$/.test(pathname)) {
      const requests = (body as { requests?: { method?: string }[] } | undefined)?.requests;
      return !Array.isArray(requests) || requests.some((r) => String(r.method).toUpperCase() !== "GET");
    }
    return true;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void handle(req, res, Buffer.concat(chunks).toString("utf8"));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, text: string): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const rawUrl = req.url ?? "/";
    const pathname = rawUrl.split("?")[0];
    const cors = corsHeaders(req.headers.origin);
    if (method === "OPTIONS") {
      // A preflight carries no token and does no work, so it is neither counted nor faulted.
      stats.preflights += 1;
      const allowed = "Access-Control-Allow-Origin" in cors;
      log(`OPTIONS ${rawUrl} → ${allowed ? 204 : 403} (CORS preflight)`);
      res.writeHead(
        allowed ? 204 : 403,
        allowed
          ? {
              ...cors,
              "Access-Control-Allow-Methods": CORS_ALLOW_METHODS,
              "Access-Control-Allow-Headers": CORS_ALLOW_HEADERS,
              "Access-Control-Max-Age": "600",
              // Chrome's private network access check: a loopback page calling a loopback server.
              ...(req.headers["access-control-request-private-network"] === "true"
                ? { "Access-Control-Allow-Private-Network": "true" }
                : {}),
            }
          : cors,
      );
      res.end();
      return;
    }
    stats.total += 1;
    let body: unknown;
    let badJson = false;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        badJson = true;
      }
    }
    if (isWrite(method, pathname, body)) stats.writes += 1;
    else stats.reads += 1;
    const batch = method === "POST" && /^\/v1\.0\/\$batch$/.test(pathname);
    if (batch) stats.batches += 1;

    const fault: RequestFault = dice.forRequest();
    if (fault.kind !== "none") stats.faulted += 1;
    if (fault.kind === "reset" && fault.when === "before") {
      log(`${method} ${rawUrl} → connection reset (injected)`);
      req.socket.destroy();
      return;
    }
    let answer: Answer;
    let wrote = false;
    if (fault.kind === "status") {
      answer = json(
        fault.status,
        {
          error: {
            code: fault.status === 429 ? "TooManyRequests" : "serviceNotAvailable",
            message: "Injected fault: please retry after the time given.",
          },
        },
        { "Retry-After": String(fault.retryAfter) },
      );
    } else {
      const auth = req.headers.authorization ?? "";
      const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1] ?? "";
      if (!token || !tokenCheck(token)) {
        answer = json(401, {
          error: {
            code: "InvalidAuthenticationToken",
            message: token ? "Access token has expired or is not yet valid." : "Access token is empty.",
          },
        });
      } else if (badJson) {
        answer = json(400, { error: { code: "BadRequest", message: "The request body is not valid JSON." } });
      } else if (!pathname.startsWith("/v1.0/")) {
        answer = json(404, {
          error: {
            code: "BadRequest",
            message: `Invalid version: the emulator serves /v1.0 only, not ${pathname}.`,
          },
        });
      } else {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === "string") headers[k.toLowerCase()] = v;
        try {
          answer = batch
            ? runBatch(body)
            : route({ method, url: rawUrl.slice("/v1.0".length), headers, body });
        } catch (err) {
          answer = fromError(err);
        }
        wrote = isWrite(method, pathname, body);
      }
    }
    if (wrote) {
      try {
        store.save();
      } catch (err) {
        answer = json(500, {
          error: {
            code: "generalException",
            message: `The emulator could not save its data: ${(err as Error).message}`,
          },
        });
      }
    }
    const delay = dice.delay();
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (fault.kind === "reset" && fault.when === "after") {
      // The work is done and saved, but the client never hears: the case that makes a re-run prove idempotence.
      log(`${method} ${rawUrl} → ${answer.status}, then connection reset (injected)`);
      req.socket.destroy();
      return;
    }
    log(`${method} ${rawUrl} → ${answer.status}`);
    const payload = answer.body === undefined ? "" : JSON.stringify(answer.body);
    res.writeHead(answer.status, { ...answer.headers, ...cors });
    res.end(payload);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}/v1.0`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    stats: () => ({ ...stats }),
    resetStats: () => {
      stats = emptyStats();
    },
    setFaults: (plan) => dice.set(plan),
    snapshot: () => store.snapshot(),
  };
}
