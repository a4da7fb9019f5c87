/**
 * The emulator's SharePoint: sites, lists with typed columns, items with eTags, unique and indexed columns, and OData
 * `eq` filters, behaving the way Graph does where sync depends on it (409 on a duplicate unique value, 412 on a stale
 * eTag, 400 on filtering a non-indexed column). State is plain JSON so it can be saved to a file and loaded again.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../core/errors";
import { describeFsError } from "../core/file-errors";

export type FieldValue = string | number | boolean | null;

/** An error Graph would answer with: status, code and message in Graph's `{ error: { code, message } }` shape. */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  body(): Record<string, unknown> {
    return {
      error: { code: this.code, message: this.message, innerError: { date: new Date().toISOString() } },
    };
  }
}

/** A column as Graph describes it: name, flags and one type facet (text, number, currency, choice, dateTime…). */
export type ColumnJson = Record<string, unknown> & { name: string; id: string };

export interface ItemState {
  id: string;
  guid: string;
  version: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  fields: Record<string, FieldValue>;
}

export interface ListState {
  id: string;
  displayName: string;
  description: string;
  createdDateTime: string;
  columns: ColumnJson[];
  items: ItemState[];
  nextItemId: number;
}

export interface SiteState {
  id: string;
  /** "hostname:/sites/path" */
  path: string;
  lists: ListState[];
}

/** A draft e-mail an officer's client created (POST /me/messages): kept so tests and the demo can list it. */
export interface MessageState {
  id: string;
  createdDateTime: string;
  subject: string;
  body: { contentType: string; content: string };
  toRecipients: { emailAddress: { address: string } }[];
  isDraft: true;
}

export interface StoreState {
  version: 1;
  sites: SiteState[];
  /** The signed-in officer's mailbox drafts (absent in data files written before it existed). */
  messages?: MessageState[];
}

// Columns every SharePoint list has; sync never writes them, but a client may read and filter on them.
const BUILT_IN_COLUMNS: readonly ColumnJson[] = [
  {
    id: "fa564e0f-0c70-4ab9-b863-0177e6ddd247",
    name: "Title",
    displayName: "Title",
    indexed: false,
    enforceUniqueValues: false,
    text: { allowMultipleLines: false, maxLength: 255 },
  },
];
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

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function eTagOf(item: ItemState): string {
  return `"${item.guid},${item.version}"`;
}

/**
 * The saved state, or a UserError in a fixed phrase saying what to do: never V8's JSON message, which is cut off
 * mid-file and names a position nobody can use.
 */
function readDataFile(dataFile: string): StoreState {
  const fix = "delete it or point --data at another file.";
  let text: string;
  try {
    text = fs.readFileSync(dataFile, "utf8");
  } catch (err) {
    throw new UserError(
      `The emulator data file "${dataFile}" cannot be read (${describeFsError(err)}): ${fix}`,
      dataFile,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError(`The emulator data file "${dataFile}" is not valid JSON: ${fix}`, dataFile);
  }
  const state = parsed as Partial<StoreState> | null;
  if (!state || typeof state !== "object" || state.version !== 1 || !Array.isArray(state.sites)) {
    throw new UserError(
      `The emulator data file "${dataFile}" is not an emulator data file: ${fix}`,
      dataFile,
    );
  }
  return state as StoreState;
}

/**
 * Text as SharePoint compares it in a unique column and in `$filter eq`: without regard to case ("Victim Support" and
 * "victim support" are one value), because SharePoint's content databases use a case-insensitive collation
 * (Latin1_General_CI_AS_KS_WS). Unique columns: https://learn.microsoft.com/en-us/previous-versions/office/sharepoint-server/ee568738(v=office.15)
 * (EnforceUniqueValues) does not spell the collation out, so it is listed in docs/sharepoint.md to confirm on a tenant;
 * the emulator takes the stricter reading, which is the one that breaks a case-sensitive client.
 */
export function sameText(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (typeof a === "string" && typeof b === "string")
    return a.localeCompare(b, "en", { sensitivity: "accent" }) === 0;
  return (a ?? null) === (b ?? null);
}

/** SharePoint's list view threshold: a query that would touch more items than this fails. */
export const LIST_VIEW_THRESHOLD = 5000;

export interface StoreOptions {
  readonly viewThreshold?: number;
}

const FACETS: readonly string[] = ["text", "number", "currency", "choice", "dateTime", "boolean"];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
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
    const name = typeof body.name === "string" ? body.name : "";
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new GraphHttpError(400, "invalidRequest", `Column name "${name}" is not a valid internal name.`);
    }
    if (list.columns.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
      throw new GraphHttpError(409, "nameAlreadyExists", `A column named "${name}" already exists.`);
    }
    const facets = FACETS.filter((f) => body[f] !== undefined);
    if (facets.length !== 1)
      throw new GraphHttpError(400, "invalidRequest", `Column "${name}" must have exactly one type.`);
    if (body.enforceUniqueValues === true && body.indexed !== true) {
      throw new GraphHttpError(
        400,
        "invalidRequest",
        `Column "${name}" enforces unique values, so it must be indexed.`,
      );
    }
    const column: ColumnJson = {
      ...body,
      id: randomUUID(),
      name,
      displayName: typeof body.displayName === "string" ? body.displayName : name,
      indexed: body.indexed === true,
      enforceUniqueValues: body.enforceUniqueValues === true,
    };
    list.columns.push(column);
    return column;
  }

  column(list: ListState, ref: string): ColumnJson {
    const found = list.columns.find((c) => c.id === ref || c.name.toLowerCase() === ref.toLowerCase());
    if (!found)
      throw new GraphHttpError(
        404,
        "itemNotFound",
        `Column "${ref}" does not exist in "${list.displayName}".`,
      );
    return found;
  }

  /**
   * PATCH …/columns/{id}: any property but the id, as Graph documents
   * (https://learn.microsoft.com/en-us/graph/api/columndefinition-update). The emulator refuses what SharePoint
   * cannot do: renaming the internal name, changing the column's type, a unique column that is not indexed, and
   * enforcing unique values on a column that already holds the same value twice (compared as SharePoint compares).
   */
  updateColumn(list: ListState, ref: string, body: Record<string, unknown>): ColumnJson {
    const column = this.column(list, ref);
    if (body.id !== undefined && body.id !== column.id)
      throw new GraphHttpError(400, "invalidRequest", "A column's id cannot be changed.");
    if (body.name !== undefined && body.name !== column.name)
      throw new GraphHttpError(
        400,
        "invalidRequest",
        `Column "${column.name}" cannot be renamed: its internal name is fixed.`,
      );
    const facets = FACETS.filter((f) => body[f] !== undefined);
    const own = FACETS.filter((f) => column[f] !== undefined);
    if (facets.some((f) => !own.includes(f)))
      throw new GraphHttpError(400, "invalidRequest", `Column "${column.name}" cannot change its type.`);
    const next: ColumnJson = { ...column };
    for (const [k, v] of Object.entries(body)) {
      if (k === "id" || k === "name") continue;
      next[k] =
        FACETS.includes(k) && v && typeof v === "object" ? { ...(column[k] as object), ...(v as object) } : v;
    }
    if (next.enforceUniqueValues === true && next.indexed !== true) {
      throw new GraphHttpError(
        400,
        "invalidRequest",
        `Column "${column.name}" enforces unique values, so it must be indexed.`,
      );
    }
    if (next.enforceUniqueValues === true && column.enforceUniqueValues !== true) {
      const values = list.items
        .map((i) => i.fields[column.name])
        .filter((v) => v !== undefined && v !== null && v !== "");
      if (values.some((v, i) => values.findIndex((w) => sameText(v, w)) !== i)) {
        throw new GraphHttpError(
          400,
          "invalidRequest",
          `Column "${column.name}" holds the same value more than once, so it cannot enforce unique values.`,
        );
      }
    }
    Object.assign(column, next);
    return column;
  }

  /**
   * Fields as a read gives them back. A multi-line text column that is not plain text holds rich text, and SharePoint
   * returns rich text as HTML (https://learn.microsoft.com/en-us/graph/api/resources/textcolumn: textType "plain" or
   * "richText"). Which type a column gets when textType is not given is not documented, so the emulator takes the
   * unsafe one: rich text.
   */
  asRead(list: ListState, fields: Record<string, FieldValue>): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = { ...fields };
    for (const column of list.columns) {
      const text = column.text as { allowMultipleLines?: boolean; textType?: string } | undefined;
      const value = out[column.name];
      if (text?.allowMultipleLines && text.textType !== "plain" && typeof value === "string") {
        out[column.name] = `<div class="ExternalClassKpi">${escapeHtml(value)}</div>`;
      }
    }
    return out;
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

  /** Items matching every `fields/X eq v` clause, refusing a non-indexed column unless the caller accepted the risk. */
  query(list: ListState, filter: string | undefined, allowNonIndexed: boolean): ItemState[] {
    if (!filter) return [...list.items];
    const clauses = parseFilter(filter);
    for (const clause of clauses) {
      const column = list.columns.find((c) => c.name === clause.field);
      if (!column)
        throw new GraphHttpError(400, "invalidRequest", `Field '${clause.field}' is not recognized.`);
      if (!column.indexed && !allowNonIndexed) {
        throw new GraphHttpError(
          400,
          "invalidRequest",
          `Field '${clause.field}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
        );
      }
    }
    // The list view threshold: a list beyond it can be filtered only on indexed columns (the Prefer header does not
    // lift it), and a filter may not match more than the threshold.
    // https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee557257(v=office.14)
    const beyond = list.items.length > this.viewThreshold;
    if (beyond && clauses.some((c) => !list.columns.find((col) => col.name === c.field)?.indexed)) {
      throw new GraphHttpError(
        400,
        "notSupported",
        "The request is unprocessable because it uses too many resources (list view threshold).",
      );
    }
    const matched = list.items.filter((item) =>
      clauses.every((c) => sameText(item.fields[c.field], c.value)),
    );
    if (beyond && matched.length > this.viewThreshold) {
      throw new GraphHttpError(
        400,
        "notSupported",
        "The request is unprocessable because it uses too many resources (list view threshold).",
      );
    }
    return matched;
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

function sameETag(a: string, b: string): boolean {
  const bare = (s: string) => s.replace(/^W\//, "").replace(/^"|"$/g, "");
  return bare(a) === bare(b);
}

/** Empty fields are omitted from items, as SharePoint omits them when it returns fields. */
function dropEmpty(fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== "") out[k] = v;
  return out;
}

function coerce(column: ColumnJson, value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  const fail = (expected: string) =>
    new GraphHttpError(
      400,
      "invalidRequest",
      `Field '${column.name}' expects ${expected}, not ${JSON.stringify(value)}.`,
    );
  if (column.number !== undefined || column.currency !== undefined) {
    const n =
      typeof value === "number"
        ? value
        : typeof value === "string" && value.trim() !== ""
          ? Number(value)
          : NaN;
    if (!Number.isFinite(n)) throw fail("a number");
    return n;
  }
  if (column.dateTime !== undefined) {
    const d = typeof value === "string" ? new Date(value) : null;
    if (!d || Number.isNaN(d.getTime())) throw fail("a date and time");
    return d.toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  if (column.boolean !== undefined) {
    if (typeof value !== "boolean") throw fail("true or false");
    return value;
  }
  if (typeof value !== "string") throw fail("text");
  const text = column.text as { allowMultipleLines?: boolean; maxLength?: number } | undefined;
  if (text && !text.allowMultipleLines && value.length > (text.maxLength ?? 255)) {
    throw fail(`at most ${text.maxLength ?? 255} characters`);
  }
  const choice = column.choice as { choices?: string[]; allowTextEntry?: boolean } | undefined;
  if (choice && choice.allowTextEntry === false && value !== "" && !(choice.choices ?? []).includes(value)) {
    throw fail(`one of ${(choice.choices ?? []).join(", ")}`);
  }
  return value;
}

// ---------- $filter ----------

export interface FilterClause {
  readonly field: string;
  readonly value: FieldValue;
}

/** Parses `fields/A eq 'x' and fields/B eq 3` (also `displayName eq 'x'`): the only filter shape sync uses. */
export function parseFilter(filter: string): FilterClause[] {
  // One pass with an index (never re-slicing the rest), so a long hostile filter costs linear time.
  const clauses: FilterClause[] = [];
  const text = filter.trim();
  const fail = (what: string, at: number) =>
    new GraphHttpError(400, "invalidRequest", `${what}: ${text.slice(at, at + 60)}`);
  const skipSpaces = (at: number) => {
    while (at < text.length && /\s/.test(text[at])) at += 1;
    return at;
  };
  const field = /(?:fields\/)?([A-Za-z_][A-Za-z0-9_]*)\s+eq\s+/y;
  const literal = /(-?\d+(?:\.\d+)?|true|false|null)/y;
  const and = /and\s+/iy;
  let i = 0;
  for (;;) {
    field.lastIndex = i;
    const m = field.exec(text);
    if (!m) throw fail("Invalid filter clause", i);
    i = field.lastIndex;
    let value: FieldValue;
    if (text[i] === "'") {
      let out = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          throw new GraphHttpError(400, "invalidRequest", "Unterminated string in filter.");
        const close = text.indexOf("'", j);
        if (close === -1) throw new GraphHttpError(400, "invalidRequest", "Unterminated string in filter.");
        out += text.slice(j, close);
        if (text[close + 1] === "'") {
          out += "'";
          j = close + 2;
          continue;
        }
        j = close + 1;
        break;
      }
      value = out;
      i = j;
    } else {
      literal.lastIndex = i;
      const lit = literal.exec(text);
      if (!lit) throw fail("Invalid filter value", i);
      value =
        lit[1] === "true" ? true : lit[1] === "false" ? false : lit[1] === "null" ? null : Number(lit[1]);
      i = literal.lastIndex;
    }
    clauses.push({ field: m[1], value });
    i = skipSpaces(i);
    if (i >= text.length) return clauses;
    and.lastIndex = i;
    if (!and.exec(text)) throw fail("Only 'and' joins filter clauses here", i);
    i = and.lastIndex;
  }
}
