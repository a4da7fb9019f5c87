/**
 * The emulator's router: one request (top-level or inside a $batch) to the site, its lists, a list's columns and
 * items, or the signed-in user, answered as Graph answers it. Each write asks for the least scope Graph's permission
 * tables give for it (access.ts); Graph-shaped failures are thrown as GraphHttpError.
 */
import { requireScope, type EmulatorContext } from "./context";
import { routeMe } from "./me";
import {
  ALL_FIELDS,
  bodyObject,
  itemJson,
  json,
  listJson,
  parseExpand,
  siteJson,
  splitSite,
  type Answer,
  type Expand,
  type Incoming,
} from "./shapes";
import { eTagOf, GraphHttpError, type ListState, type SiteState } from "./state";

const DEFAULT_PAGE = 200;
const MAX_PAGE = 999;

/** What one request names, parsed once for the handlers below. */
interface Route {
  readonly ctx: EmulatorContext;
  readonly req: Incoming;
  readonly method: string;
  readonly q: URLSearchParams;
  /** The decoded path without the query, e.g. "/sites/x/lists/y/items". */
  readonly path: string;
  readonly expand: Expand;
  readonly select: string[] | null;
  readonly site: SiteState;
}

function notSupported(method: string, pathname: string): GraphHttpError {
  return new GraphHttpError(
    405,
    "methodNotAllowed",
    `${method} is not supported on ${pathname} by the emulator.`,
  );
}

/** Answers one request. Throws GraphHttpError for Graph-shaped failures. */
export function route(ctx: EmulatorContext, req: Incoming): Answer {
  const url = new URL(req.url, "http://emulator.invalid");
  const q = url.searchParams;
  const pathname = decodeURIComponent(url.pathname).replace(/\/+$/, "");
  if (pathname === "/me" || pathname.startsWith("/me/")) return routeMe(ctx, req, pathname, q);
  const parts = splitSite(pathname);
  if (!parts)
    throw new GraphHttpError(400, "BadRequest", `Resource not found for the segment '${pathname}'.`);
  const site = ctx.store.site(parts.siteRef);
  const method = req.method.toUpperCase();
  requireScope(ctx, req, "Sites.Read.All", "Reading the site");
  const select = q.get("$select") ? (q.get("$select") as string).split(",").map((s) => s.trim()) : null;
  const r: Route = {
    ctx,
    req,
    method,
    q,
    path: url.pathname,
    expand: parseExpand(q.get("$expand")),
    select,
    site,
  };
  const [a, listRef, b, itemId, c, ...extra] = parts.rest;
  const answer =
    a === undefined
      ? method === "GET"
        ? json(200, siteJson(site))
        : null
      : a !== "lists"
        ? null
        : listRef === undefined
          ? routeLists(r)
          : routeList(r, ctx.store.list(site, listRef), b, itemId, c, extra);
  if (!answer) throw notSupported(method, pathname);
  return answer;
}

/** /sites/{site}/lists: read (by displayName too) or create. */
function routeLists(r: Route): Answer | null {
  const { ctx, site } = r;
  if (r.method === "GET") {
    let lists = ctx.store.lists(site);
    const filter = r.q.get("$filter");
    if (filter) {
      const m = /^displayName eq '((?:[^']|'')*)'$/.exec(filter.trim());
      if (!m) throw new GraphHttpError(400, "invalidRequest", `Unsupported list filter: ${filter}`);
      const name = m[1].replace(/''/g, "'");
      lists = lists.filter((l) => l.displayName === name);
    }
    return json(200, { value: lists.map((l) => listJson(site, l, r.expand.columns)) });
  }
  if (r.method === "POST") {
    requireScope(ctx, r.req, "Sites.Manage.All", "Creating a list");
    const list = ctx.store.createList(site, bodyObject(r.req.body));
    return json(201, listJson(site, list, true));
  }
  return null;
}

/** /sites/{site}/lists/{list}[/columns[/{id}] | /items[/{id}[/fields]]]. */
function routeList(
  r: Route,
  list: ListState,
  b: string | undefined,
  id: string | undefined,
  c: string | undefined,
  extra: readonly string[],
): Answer | null {
  if (b === undefined) return r.method === "GET" ? json(200, listJson(r.site, list, r.expand.columns)) : null;
  if (b === "columns" && id === undefined) return routeColumns(r, list);
  if (b === "columns" && c === undefined) return routeColumn(r, list, id as string);
  if (b === "items" && id === undefined) return r.method === "GET" ? readItems(r, list) : createItem(r, list);
  if (b === "items" && id !== undefined && extra.length === 0) {
    if (c === undefined) return routeItem(r, list, id);
    if (c === "fields") return routeFields(r, list, id);
  }
  return null;
}

function routeColumns(r: Route, list: ListState): Answer | null {
  if (r.method === "GET") return json(200, { value: list.columns });
  if (r.method === "POST") {
    requireScope(r.ctx, r.req, "Sites.Manage.All", "Adding a column");
    return json(201, r.ctx.store.addColumn(list, bodyObject(r.req.body)));
  }
  return null;
}

function routeColumn(r: Route, list: ListState, id: string): Answer | null {
  if (r.method === "GET") return json(200, r.ctx.store.column(list, id));
  // https://learn.microsoft.com/en-us/graph/api/columndefinition-update: any property but id, Sites.Manage.All.
  if (r.method === "PATCH") {
    requireScope(r.ctx, r.req, "Sites.Manage.All", "Changing a column");
    return json(200, r.ctx.store.updateColumn(list, id, bodyObject(r.req.body)));
  }
  return null;
}

/** GET items: `$filter` on indexed columns, `$top` pages with an @odata.nextLink carrying a `$skiptoken`. */
function readItems(r: Route, list: ListState): Answer {
  const { ctx, q } = r;
  const allowNonIndexed = /HonorNonIndexedQueriesWarningMayFailRandomly/i.test(r.req.headers["prefer"] ?? "");
  const matched = ctx.store
    .query(list, q.get("$filter") ?? undefined, allowNonIndexed)
    .sort((x, y) => Number(x.id) - Number(y.id));
  const top = Math.min(Math.max(Number(q.get("$top") ?? DEFAULT_PAGE) || DEFAULT_PAGE, 1), MAX_PAGE);
  const after = Number(/p_ID=(\d+)/.exec(q.get("$skiptoken") ?? "")?.[1] ?? 0);
  const page = matched.filter((i) => Number(i.id) > after).slice(0, top);
  const body: Record<string, unknown> = {
    value: page.map((i) => itemJson(ctx.store, r.site, list, i, r.expand, r.select)),
  };
  const last = page[page.length - 1];
  if (last && matched.some((i) => Number(i.id) > Number(last.id))) {
    const params: string[] = [];
    for (const [k, v] of q) if (k !== "$skiptoken") params.push(`${k}=${encodeURIComponent(v)}`);
    params.push(`$skiptoken=${encodeURIComponent(`Paged=TRUE&p_ID=${last.id}`)}`);
    body["@odata.nextLink"] = `${ctx.base}/v1.0${r.path}?${params.join("&")}`;
  }
  return json(200, body);
}

function createItem(r: Route, list: ListState): Answer | null {
  if (r.method !== "POST") return null;
  requireScope(r.ctx, r.req, "Sites.ReadWrite.All", "Creating an item");
  const fields = (r.req.body as { fields?: unknown } | undefined)?.fields;
  const item = r.ctx.store.createItem(list, fields);
  r.ctx.stats.itemsCreated += 1;
  return json(201, itemJson(r.ctx.store, r.site, list, item, ALL_FIELDS, null), { ETag: eTagOf(item) });
}

function routeItem(r: Route, list: ListState, id: string): Answer | null {
  if (r.method === "GET") {
    const item = r.ctx.store.item(list, id);
    return json(200, itemJson(r.ctx.store, r.site, list, item, r.expand, r.select), { ETag: eTagOf(item) });
  }
  if (r.method === "DELETE") {
    requireScope(r.ctx, r.req, "Sites.ReadWrite.All", "Deleting an item");
    r.ctx.store.deleteItem(list, id, r.req.headers["if-match"]);
    return { status: 204, headers: {} };
  }
  return null;
}

function routeFields(r: Route, list: ListState, id: string): Answer | null {
  const { ctx } = r;
  if (r.method === "GET") {
    const item = ctx.store.item(list, id);
    return json(200, itemJson(ctx.store, r.site, list, item, ALL_FIELDS, null).fields);
  }
  if (r.method === "PATCH") {
    requireScope(ctx, r.req, "Sites.ReadWrite.All", "Updating an item");
    const item = ctx.store.updateFields(list, id, r.req.body, r.req.headers["if-match"]);
    ctx.stats.itemsUpdated += 1;
    return json(200, itemJson(ctx.store, r.site, list, item, ALL_FIELDS, null).fields, {
      ETag: eTagOf(item),
    });
  }
  return null;
}
