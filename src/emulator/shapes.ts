/**
 * The shapes the emulator answers in, as Graph writes them: an answer (status, headers, JSON body), a Graph error
 * body, a site, a list and an item with its fields; and the parsing of what a request names: the site reference in
 * its path and its `$expand`.
 */
import { GraphHttpError, eTagOf, type ItemState, type ListState, type SiteState } from "./state";
import type { Store } from "./store";

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface Incoming {
  method: string;
  /** Path below the version with its query, e.g. "/sites/x/lists?$filter=…". */
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** The scopes of the request's token. */
  scopes: readonly string[];
}

/** What `$expand` asked for: the fields (and which of them), and the columns. */
export interface Expand {
  fields: boolean;
  fieldSelect: string[] | null;
  columns: boolean;
}

/** Everything with its fields, as a write answers it. */
export const ALL_FIELDS: Expand = { fields: true, fieldSelect: null, columns: false };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return { status, headers: { "Content-Type": "application/json", ...headers }, body };
}

export function fromError(err: unknown): Answer {
  if (err instanceof GraphHttpError) return json(err.status, err.body());
  const message = err instanceof Error ? err.message : String(err);
  return json(500, { error: { code: "generalException", message } });
}

/** A request body that must be a JSON object, or a 400 saying so. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new GraphHttpError(400, "invalidRequest", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

/** Splits "/sites/{ref}/rest": ref is an id, or "host:/server/relative/path" ended by ":" or the end. */
export function splitSite(pathname: string): { siteRef: string; rest: string[] } | null {
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
export function parseExpand(expand: string | null): Expand {
  const out: Expand = { fields: false, fieldSelect: null, columns: false };
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

export function siteJson(site: SiteState): Record<string, unknown> {
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

export function listJson(site: SiteState, list: ListState, withColumns: boolean): Record<string, unknown> {
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

export function itemJson(
  store: Store,
  site: SiteState,
  list: ListState,
  item: ItemState,
  expand: Expand,
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
