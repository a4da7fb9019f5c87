/**
 * The emulator's SharePoint: sites, lists, items with eTags and unique columns, and the officer's mailbox drafts,
 * behaving the way Graph does where sync depends on it (409 on a duplicate unique value, 412 on a stale eTag). Columns
 * live in columns.ts, `$filter` in filter.ts and the stored shapes in state.ts; the state is saved to a file whole.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { addColumn, asRead, BUILT_IN_COLUMNS, coerce, findColumn, updateColumn } from "./columns";
import { LIST_VIEW_THRESHOLD, queryItems } from "./filter";
import {
  eTagOf,
  GraphHttpError,
  now,
  readDataFile,
  sameETag,
  type ColumnJson,
  type ItemState,
  type ListState,
  type MessageState,
  type SiteState,
  type StoreState,
} from "./state";
import type { FieldValue } from "../sharepoint/list-values";

const READ_ONLY_FIELDS = new Set([
  "id",
  "ID",
  "Created",
  "Modified",
  "ContentType",
  "_UIVersionString",
  "Attachments",
  "@odata.etag",
]);

export interface StoreOptions {
  readonly viewThreshold?: number;
}

export class Store {
  private state: StoreState;
  private readonly viewThreshold: number;

  constructor(
    private readonly dataFile?: string,
    opts: StoreOptions = {},
  ) {
    this.viewThreshold = opts.viewThreshold ?? LIST_VIEW_THRESHOLD;
    this.state = { version: 1, sites: [] };
    if (dataFile && fs.existsSync(dataFile)) this.state = readDataFile(dataFile);
  }

  /** Writes the whole state to the data file, atomically: a crash mid-write leaves the previous file intact. */
  save(): void {
    if (!this.dataFile) return;
    fs.mkdirSync(path.dirname(path.resolve(this.dataFile)), { recursive: true });
    const tmp = `${this.dataFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state));
    fs.renameSync(tmp, this.dataFile);
  }

  snapshot(): StoreState {
    return JSON.parse(JSON.stringify(this.state)) as StoreState;
  }

  // ---------- sites ----------

  /** "host:/sites/path" in one spelling: host lower-cased, one leading slash, no trailing slash. */
  private static sitePath(ref: string): string | null {
    const colon = ref.indexOf(":");
    if (colon <= 0) return null;
    const host = ref.slice(0, colon).toLowerCase();
    const sitePath = ref.slice(colon + 1).replace(/\/+$/, "") || "/";
    return `${host}:${sitePath.startsWith("/") ? sitePath : `/${sitePath}`}`;
  }

  /** Makes a site exist (the tenant's sites are given, never created by a request). */
  addSite(ref: string): SiteState {
    const normal = Store.sitePath(ref);
    if (!normal) throw new Error(`"${ref}" is not a site path (hostname:/sites/name).`);
    const existing = this.state.sites.find((s) => s.path.toLowerCase() === normal.toLowerCase());
    if (existing) return existing;
    const host = normal.slice(0, normal.indexOf(":"));
    const created: SiteState = { id: `${host},${randomUUID()},${randomUUID()}`, path: normal, lists: [] };
    this.state.sites.push(created);
    return created;
  }

  /** A site by id, or by "hostname:/sites/path"; an unknown one is 404 itemNotFound, as Graph answers. */
  site(ref: string): SiteState {
    const byId = this.state.sites.find((s) => s.id === ref);
    if (byId) return byId;
    const normal = Store.sitePath(ref);
    const found = normal
      ? this.state.sites.find((s) => s.path.toLowerCase() === normal.toLowerCase())
      : undefined;
    if (!found) throw new GraphHttpError(404, "itemNotFound", "Requested site could not be found");
    return found;
  }

  // ---------- the signed-in officer's mailbox ----------

  /**
   * POST /me/messages creates a draft in the signed-in user's mailbox; nothing is sent
   * (learn.microsoft.com/graph/api/user-post-messages: "Create a draft of a new message").
   */
  createMessage(body: Record<string, unknown>): MessageState {
    const subject = typeof body.subject === "string" ? body.subject : "";
    const raw = (body.body ?? {}) as { contentType?: unknown; content?: unknown };
    const recipients = Array.isArray(body.toRecipients) ? (body.toRecipients as unknown[]) : [];
    const toRecipients = recipients.map((r) => {
      const address = (r as { emailAddress?: { address?: unknown } } | null)?.emailAddress?.address;
      if (typeof address !== "string" || !address.includes("@")) {
        throw new GraphHttpError(400, "ErrorInvalidRecipients", "Each recipient needs an e-mail address.");
      }
      return { emailAddress: { address } };
    });
    const message: MessageState = {
      id: randomUUID(),
      createdDateTime: now(),
      subject,
      body: {
        contentType: raw.contentType === "html" ? "html" : "text",
        content: typeof raw.content === "string" ? raw.content : "",
      },
      toRecipients,
      isDraft: true,
    };
    (this.state.messages ??= []).push(message);
    return message;
  }

  messages(): MessageState[] {
    return [...(this.state.messages ?? [])];
  }

  // ---------- lists ----------

  lists(site: SiteState): ListState[] {
    return site.lists;
  }

  list(site: SiteState, ref: string): ListState {
    const found =
      site.lists.find((l) => l.id === ref) ??
      site.lists.find((l) => l.displayName.toLowerCase() === ref.toLowerCase());
    if (!found) throw new GraphHttpError(404, "itemNotFound", `List "${ref}" does not exist on this site.`);
    return found;
  }

  createList(site: SiteState, body: Record<string, unknown>): ListState {
    const displayName = typeof body.displayName === "string" ? body.displayName.trim() : "";
    if (!displayName) throw new GraphHttpError(400, "invalidRequest", "A list needs a displayName.");
    if (site.lists.some((l) => l.displayName.toLowerCase() === displayName.toLowerCase())) {
      throw new GraphHttpError(409, "nameAlreadyExists", `A list named "${displayName}" already exists.`);
    }
    const list: ListState = {
      id: randomUUID(),
      displayName,
      description: typeof body.description === "string" ? body.description : "",
      createdDateTime: now(),
      columns: BUILT_IN_COLUMNS.map((c) => ({ ...c })),
      items: [],
      nextItemId: 1,
    };
    const columns = Array.isArray(body.columns) ? (body.columns as Record<string, unknown>[]) : [];
    for (const col of columns) this.addColumn(list, col);
    site.lists.push(list);
    return list;
  }
  addColumn(list: ListState, body: Record<string, unknown>): ColumnJson {
    return addColumn(list, body);
  }

  column(list: ListState, ref: string): ColumnJson {
    return findColumn(list, ref);
  }

  updateColumn(list: ListState, ref: string, body: Record<string, unknown>): ColumnJson {
    return updateColumn(list, ref, body);
  }

  asRead(list: ListState, fields: Record<string, FieldValue>): Record<string, FieldValue> {
    return asRead(list, fields);
  }

  // ---------- items ----------

  item(list: ListState, id: string): ItemState {
    const found = list.items.find((i) => i.id === id);
    if (!found)
      throw new GraphHttpError(404, "itemNotFound", `Item ${id} does not exist in "${list.displayName}".`);
    return found;
  }

  createItem(list: ListState, fields: unknown): ItemState {
    const clean = this.checkFields(list, fields);
    // Graph does not document null in a create, and it is not reliably honoured for every column type; the emulator
    // refuses it so a client that sends one finds out here rather than on a tenant.
    const nulls = Object.keys(clean).filter((k) => clean[k] === null);
    if (nulls.length > 0) {
      throw new GraphHttpError(
        400,
        "invalidRequest",
        `A new item may not set fields to null (${nulls.join(", ")}): leave them out.`,
      );
    }
    this.checkUnique(list, clean, null);
    const at = now();
    const item: ItemState = {
      id: String(list.nextItemId++),
      guid: randomUUID(),
      version: 1,
      createdDateTime: at,
      lastModifiedDateTime: at,
      fields: dropEmpty(clean),
    };
    list.items.push(item);
    return item;
  }

  /** PATCH …/items/{id}/fields. A stale If-Match is refused with 412, as SharePoint does, and nothing changes. */
  updateFields(list: ListState, id: string, fields: unknown, ifMatch: string | undefined): ItemState {
    const item = this.item(list, id);
    if (ifMatch !== undefined && ifMatch !== "*" && !sameETag(ifMatch, eTagOf(item))) {
      throw new GraphHttpError(
        412,
        "preconditionFailed",
        `The item has changed since it was read (eTag ${eTagOf(item)}, not ${ifMatch}).`,
      );
    }
    const clean = this.checkFields(list, fields);
    this.checkUnique(list, clean, item.id);
    item.fields = dropEmpty({ ...item.fields, ...clean });
    item.version += 1;
    item.lastModifiedDateTime = now();
    return item;
  }

  deleteItem(list: ListState, id: string, ifMatch: string | undefined): void {
    const item = this.item(list, id);
    if (ifMatch !== undefined && ifMatch !== "*" && !sameETag(ifMatch, eTagOf(item))) {
      throw new GraphHttpError(412, "preconditionFailed", "The item has changed since it was read.");
    }
    list.items = list.items.filter((i) => i !== item);
  }
  query(list: ListState, filter: string | undefined, allowNonIndexed: boolean): ItemState[] {
    return queryItems(list, filter, allowNonIndexed, this.viewThreshold);
  }

  private checkFields(list: ListState, fields: unknown): Record<string, FieldValue> {
    if (!fields || typeof fields !== "object" || Array.isArray(fields)) {
      throw new GraphHttpError(400, "invalidRequest", "The request body must carry a fields object.");
    }
    const clean: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(fields as Record<string, unknown>)) {
      if (READ_ONLY_FIELDS.has(name)) continue;
      const column = list.columns.find((c) => c.name === name);
      if (!column) throw new GraphHttpError(400, "invalidRequest", `Field '${name}' is not recognized.`);
      clean[name] = coerce(column, value);
    }
    return clean;
  }

  private checkUnique(list: ListState, fields: Record<string, FieldValue>, selfId: string | null): void {
    for (const column of list.columns) {
      if (!column.enforceUniqueValues) continue;
      const value = fields[column.name];
      if (value === undefined || value === null || value === "") continue;
      const folded = typeof value === "string" ? value.toLowerCase() : value;
      const clash = list.items.find((i) => i.id !== selfId && foldedField(i, column.name) === folded);
      if (clash) {
        throw new GraphHttpError(
          409,
          "nameAlreadyExists",
          `The value of '${column.name}' must be unique; item ${clash.id} already has it.`,
        );
      }
    }
  }
}

/** Items' fields case-folded, kept until the item changes, so a unique check over a large list stays cheap. */
const foldedCache = new WeakMap<ItemState, { version: number; fields: Map<string, FieldValue> }>();

function foldedField(item: ItemState, name: string): FieldValue {
  let cached = foldedCache.get(item);
  if (!cached || cached.version !== item.version) {
    cached = { version: item.version, fields: new Map() };
    foldedCache.set(item, cached);
  }
  if (!cached.fields.has(name)) {
    const v = item.fields[name] ?? null;
    cached.fields.set(name, typeof v === "string" ? v.toLowerCase() : v);
  }
  return cached.fields.get(name) ?? null;
}

/** Empty fields are omitted from items, as SharePoint omits them when it returns fields. */
function dropEmpty(fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== "") out[k] = v;
  return out;
}
