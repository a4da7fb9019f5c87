/**
 * The local Graph emulator: a real HTTP server on 127.0.0.1 answering the subset of Microsoft Graph that sync and the
 * quarterly report use (sites, lists, columns, items with fields, $filter/$select/$expand/$top paging, eTags, JSON
 * $batch), with injectable faults. It lets the demo and the tests run the whole job with no Microsoft 365 tenant.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { resourceUnits } from "../sharepoint/units";
import { EMULATOR_SITE, isLoopbackUrl } from "../sharepoint/target";
import { grants, isLoopbackHost, scopesOf, type SiteScope } from "./access";
import { FaultDice, type FaultPlan, type RequestFault } from "./faults";
import { ThrottleWindows, type BudgetPlan } from "./throttle";
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
  /** Requests and sub-requests that came inside a throttle window, before their Retry-After had passed. */
  earlyRequests: number;
  /** 429s given because a client went over its resource-unit budget. */
  overBudget: number;
  /** Resource units charged against the budget (0 when no budget is set). */
  unitsCharged: number;
  /** Requests refused 403 accessDenied for want of a scope. */
  forbidden: number;
  /** The distinct User-Agent headers seen, for checking how a client decorates its traffic. */
  userAgents: string[];
}

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
  /** The scopes of the request's token. */
  scopes: readonly string[];
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
/**
 * The headers Graph lets a page read cross-origin. Retry-After is not among them (reported to Microsoft in
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/2011), so a browser client cannot read how long
 * to wait on a top-level 429 and must fall back on its own backoff; inside a $batch the headers are in the body.
 */
const CORS_EXPOSE_HEADERS = "ETag, Location, request-id, client-request-id";

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
    earlyRequests: 0,
    overBudget: 0,
    unitsCharged: 0,
    forbidden: 0,
    userAgents: [],
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

/** A request body that must be a JSON object, or a 400 saying so. */
function bodyObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new GraphHttpError(400, "invalidRequest", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
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

/** Splits at top-level commas (not inside parentheses), in one pass: a long hostile $expand costs linear time. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") depth += 1;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `$expand=fields($select=A,B)` → {fields: true, select: [A,B]}; `$expand=columns` → {columns: true}. */
function parseExpand(expand: string | null): {
  fields: boolean;
  fieldSelect: string[] | null;
  columns: boolean;
} {
  const out = { fields: false, fieldSelect: null as string[] | null, columns: false };
  if (!expand) return out;
  for (const part of topLevelParts(expand)) {
    const trimmed = part.trim();
    const open = trimmed.indexOf("(");
    const name = open === -1 ? trimmed : trimmed.slice(0, open).trim();
    const inner = open === -1 || !trimmed.endsWith(")") ? "" : trimmed.slice(open + 1, -1);
    if (name === "fields") {
      out.fields = true;
      for (const option of inner.split(";")) {
        const eq = option.indexOf("=");
        if (eq !== -1 && option.slice(0, eq).trim() === "$select")
          out.fieldSelect = option
            .slice(eq + 1)
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean);
      }
    }
    if (name === "columns") out.columns = true;
  }
  return out;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new Store(opts.dataFile, { viewThreshold: opts.viewThreshold });
  for (const site of opts.sites ?? DEFAULT_SITES) store.addSite(site);
  const dice = new FaultDice(opts.faults);
  const windows = new ThrottleWindows(opts.budget, opts.secondMs ?? 1000);
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const log = opts.log ?? (() => undefined);
  let stats = emptyStats();
  let base = "";

  /** 403 accessDenied unless the token carries `need` (or a higher Sites scope). */
  function requireScope(req: Incoming, need: SiteScope, doing: string): void {
    if (grants(req.scopes, need)) return;
    stats.forbidden += 1;
    throw new GraphHttpError(
      403,
      "accessDenied",
      `${doing} needs the ${need} permission, which the token lacks.`,
    );
  }

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
        ...store.asRead(list, item.fields),
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
    requireScope(req, "Sites.Read.All", "Reading the site");
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
        requireScope(req, "Sites.Manage.All", "Creating a list");
        const list = store.createList(site, bodyObject(req.body));
        return json(201, listJson(site, list, true));
      }
    } else if (a === "lists" && listRef !== undefined) {
      const list = store.list(site, listRef);
      if (b === undefined) {
        if (method === "GET") return json(200, listJson(site, list, expand.columns));
      } else if (b === "columns" && itemId === undefined) {
        if (method === "GET") return json(200, { value: list.columns });
        if (method === "POST") {
          requireScope(req, "Sites.Manage.All", "Adding a column");
          return json(201, store.addColumn(list, bodyObject(req.body)));
        }
      } else if (b === "columns" && itemId !== undefined && c === undefined) {
        if (method === "GET") return json(200, store.column(list, itemId));
        // https://learn.microsoft.com/en-us/graph/api/columndefinition-update: any property but id, Sites.Manage.All.
        if (method === "PATCH") {
          requireScope(req, "Sites.Manage.All", "Changing a column");
          return json(200, store.updateColumn(list, itemId, bodyObject(req.body)));
        }
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
          requireScope(req, "Sites.ReadWrite.All", "Creating an item");
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
            requireScope(req, "Sites.ReadWrite.All", "Deleting an item");
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
            requireScope(req, "Sites.ReadWrite.All", "Updating an item");
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

  function throttledAnswer(status: 429 | 503, retryAfter: number, message: string): Answer {
    return json(
      status,
      { error: { code: status === 429 ? "TooManyRequests" : "serviceNotAvailable", message } },
      { "Retry-After": String(retryAfter) },
    );
  }

  /** A JSON $batch body as Graph defines it, or a GraphHttpError saying what is wrong with it. */
  function checkBatch(body: unknown): Record<string, unknown>[] {
    const requests = (body as { requests?: unknown } | null | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) {
      throw new GraphHttpError(400, "BadRequest", "A $batch body needs a non-empty requests array.");
    }
    // https://learn.microsoft.com/en-us/graph/json-batching: at most 20 requests; each id unique in the batch
    // (case-insensitive), else the whole batch fails with 400; dependsOn names other requests of the batch.
    if (requests.length > MAX_BATCH) {
      throw new GraphHttpError(
        400,
        "BadRequest",
        `A $batch may hold at most ${MAX_BATCH} requests, not ${requests.length}.`,
      );
    }
    const ids = new Set<string>();
    for (const raw of requests as unknown[]) {
      if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
        throw new GraphHttpError(400, "BadRequest", "Each $batch request must be an object.");
      }
      const r = raw as Record<string, unknown>;
      if (typeof r.id !== "string" || !r.id || typeof r.method !== "string" || typeof r.url !== "string") {
        throw new GraphHttpError(400, "BadRequest", "Each batch request needs id, method and url as text.");
      }
      const id = r.id.toLowerCase();
      if (ids.has(id))
        throw new GraphHttpError(400, "BadRequest", `The batch request id "${r.id}" is used twice.`);
      ids.add(id);
      if (
        r.headers !== undefined &&
        (!r.headers || typeof r.headers !== "object" || Array.isArray(r.headers))
      ) {
        throw new GraphHttpError(
          400,
          "BadRequest",
          `Batch request "${r.id}" has headers that are not an object.`,
        );
      }
      if (r.dependsOn !== undefined) {
        const deps = r.dependsOn;
        if (
          !Array.isArray(deps) ||
          deps.some((d) => typeof d !== "string" || !ids.has(d.toLowerCase()) || d.toLowerCase() === id)
        ) {
          throw new GraphHttpError(
            400,
            "BadRequest",
            `Batch request "${r.id}" depends on a request not before it in the batch.`,
          );
        }
      }
    }
    return requests as Record<string, unknown>[];
  }

  function runBatch(body: unknown, client: string, scopes: readonly string[]): Answer {
    const requests = checkBatch(body);
    const statusById = new Map<string, number>();
    const responses: Record<string, unknown>[] = [];
    for (const raw of requests) {
      const id = String(raw.id);
      const method = String(raw.method);
      const url = String(raw.url);
      stats.subRequests += 1;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries((raw.headers ?? {}) as Record<string, unknown>))
        headers[k.toLowerCase()] = String(v);
      const answer = ((): Answer => {
        const deps = Array.isArray(raw.dependsOn) ? (raw.dependsOn as string[]) : [];
        if (
          deps.some(
            (d) =>
              !(
                (statusById.get(d.toLowerCase()) ?? 0) >= 200 && (statusById.get(d.toLowerCase()) ?? 0) < 300
              ),
          )
        ) {
          return json(424, {
            error: { code: "FailedDependency", message: "A request this one depends on failed." },
          });
        }
        // Each request inside a batch is evaluated on its own against the throttling limits.
        const verdict = windows.admit(client, resourceUnits(method, url), { insideAdmittedBatch: true });
        if (!verdict.ok)
          return throttledAnswer(429, verdict.retryAfter, "The client is throttled: wait for Retry-After.");
        const fault = dice.forSubRequest();
        if (fault.kind === "status") {
          stats.subFaulted += 1;
          windows.open(client, fault.retryAfter);
          return throttledAnswer(fault.status, fault.retryAfter, "Injected fault.");
        }
        // json-batching: "headers … required when body is specified"; the body needs its Content-Type.
        if (raw.body !== undefined && !headers["content-type"]) {
          return json(400, {
            error: {
              code: "BadRequest",
              message: "A batch request with a body must give its Content-Type header.",
            },
          });
        }
        try {
          return route({
            method,
            url: url.startsWith("/") ? url : `/${url}`,
            headers,
            body: raw.body,
            scopes,
          });
        } catch (err) {
          return fromError(err);
        }
      })();
      statusById.set(id.toLowerCase(), answer.status);
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
      const requests = (body as { requests?: unknown } | null | undefined)?.requests;
      return (
        !Array.isArray(requests) ||
        requests.some((r) => String((r as { method?: unknown } | null)?.method).toUpperCase() !== "GET")
      );
    }
    return true;
  }

  const server = http.createServer((req, res) => {
    req.on("error", () => undefined);
    res.on("error", () => undefined);
    const refuse = (status: number, code: string, message: string) => {
      log(`${req.method ?? "?"} ${req.url ?? "/"} → ${status} (${code})`);
      res.writeHead(status, { "Content-Type": "application/json", Connection: "close" });
      res.end(JSON.stringify({ error: { code, message } }), () => req.socket.destroy());
    };
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends Host: evil.example. Refused before anything.
    if (!isLoopbackHost(req.headers.host)) {
      refuse(421, "misdirectedRequest", "The emulator answers only requests addressed to this machine.");
      return;
    }
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBody) {
      refuse(413, "requestEntityTooLarge", `A request body may be at most ${maxBody} bytes.`);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      if (tooLarge) return;
      size += c.length;
      if (size > maxBody) {
        tooLarge = true;
        chunks.length = 0;
        refuse(413, "requestEntityTooLarge", `A request body may be at most ${maxBody} bytes.`);
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      if (tooLarge) return;
      handle(req, res, Buffer.concat(chunks).toString("utf8")).catch((err: unknown) => {
        // Whatever a request holds, the emulator answers it and keeps serving the others.
        log(
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
  });
  server.on("clientError", (_err, socket) => socket.destroy());

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
    const agent = req.headers["user-agent"];
    if (agent && !stats.userAgents.includes(agent) && stats.userAgents.length < 20)
      stats.userAgents.push(agent);
    const batch = method === "POST" && /^\/v1\.0\/\$batch$/.test(pathname);
    if (batch) stats.batches += 1;

    let answer: Answer;
    let wrote = false;
    let fault: RequestFault = { kind: "none" };
    // Authenticate before reading the body: an anonymous request gets 401 and its body is never parsed.
    const auth = req.headers.authorization ?? "";
    const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? "";
    const scopes = scopesOf(token, opts.tokenCheck);
    if (!scopes) {
      stats.reads += 1;
      answer = json(401, {
        error: {
          code: "InvalidAuthenticationToken",
          message: token ? "Access token has expired or is not yet valid." : "Access token is empty.",
        },
      });
    } else {
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
      const client = token;
      const verdict = windows.admit(
        client,
        batch ? 0 : resourceUnits(method, pathname.slice("/v1.0".length)),
      );
      fault = verdict.ok ? dice.forRequest() : { kind: "none" };
      if (fault.kind !== "none") stats.faulted += 1;
      if (fault.kind === "reset" && fault.when === "before") {
        log(`${method} ${rawUrl} → connection reset (injected)`);
        req.socket.destroy();
        return;
      }
      if (!verdict.ok) {
        answer = throttledAnswer(429, verdict.retryAfter, "The client is throttled: wait for Retry-After.");
      } else if (fault.kind === "status") {
        windows.open(client, fault.retryAfter);
        answer = throttledAnswer(
          fault.status,
          fault.retryAfter,
          "Injected fault: please retry after the time given.",
        );
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
            ? runBatch(body, client, scopes)
            : route({ method, url: rawUrl.slice("/v1.0".length), headers, body, scopes });
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
    stats: () => ({
      ...stats,
      earlyRequests: windows.early,
      overBudget: windows.overBudget,
      unitsCharged: windows.unitsCharged,
      userAgents: [...stats.userAgents],
    }),
    resetStats: () => {
      stats = emptyStats();
      windows.early = 0;
      windows.overBudget = 0;
      windows.unitsCharged = 0;
    },
    setFaults: (plan) => dice.set(plan),
    setBudget: (budget, secondMs) => windows.configure(budget, secondMs ?? opts.secondMs ?? 1000),
    snapshot: () => store.snapshot(),
  };
}
