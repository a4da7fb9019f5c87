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

export class Store {
  private state: StoreState;

  constructor(private readonly dataFile?: string) {
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

  /** A site by id, or by "hostname:/sites/path". The emulator makes a site the first time its path is asked for. */
  site(ref: string): SiteState {
    const byId = this.state.sites.find((s) => s.id === ref);
    if (byId) return byId;
    const colon = ref.indexOf(":");
    if (colon <= 0) throw new GraphHttpError(404, "itemNotFound", `Site "${ref}" was not found.`);
    const host = ref.slice(0, colon).toLowerCase();
    const sitePath = ref.slice(colon + 1).replace(/\/+$/, "") || "/";
    const normal = `${host}:${sitePath.startsWith("/") ? sitePath : `/${sitePath}`}`;
    const existing = this.state.sites.find((s) => s.path.toLowerCase() === normal.toLowerCase());
    if (existing) return existing;
    const created: SiteState = { id: `${host},${randomUUID()},${randomUUID()}`, path: normal, lists: [] };
    this.state.sites.push(created);
    return created;
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
    const facets = ["text", "number", "currency", "choice", "dateTime", "boolean"].filter(
      (f) => body[f] !== undefined,
    );
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

  // ---------- items ----------

  item(list: ListState, id: string): ItemState {
    const found = list.items.find((i) => i.id === id);
    if (!found)
      throw new GraphHttpError(404, "itemNotFound", `Item ${id} does not exist in "${list.displayName}".`);
    return found;
  }

  createItem(list: ListState, fields: unknown): ItemState {
    const clean = this.checkFields(list, fields);
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
    return list.items.filter((item) => clauses.every((c) => (item.fields[c.field] ?? null) === c.value));
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
      const clash = list.items.find((i) => i.id !== selfId && i.fields[column.name] === value);
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
  const clauses: FilterClause[] = [];
  let rest = filter.trim();
  for (;;) {
    const m = /^(?:fields\/)?([A-Za-z_][A-Za-z0-9_]*)\s+eq\s+/.exec(rest);
    if (!m) throw new GraphHttpError(400, "invalidRequest", `Invalid filter clause: ${rest.slice(0, 80)}`);
    rest = rest.slice(m[0].length);
    let value: FieldValue;
    if (rest.startsWith("'")) {
      let i = 1;
      let text = "";
      for (;;) {
        if (i >= rest.length)
          throw new GraphHttpError(400, "invalidRequest", "Unterminated string in filter.");
        if (rest[i] === "'") {
          if (rest[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          break;
        }
        text += rest[i];
        i += 1;
      }
      value = text;
      rest = rest.slice(i + 1);
    } else {
      const lit = /^(-?\d+(?:\.\d+)?|true|false|null)/.exec(rest);
      if (!lit) throw new GraphHttpError(400, "invalidRequest", `Invalid filter value: ${rest.slice(0, 40)}`);
      value =
        lit[1] === "true" ? true : lit[1] === "false" ? false : lit[1] === "null" ? null : Number(lit[1]);
      rest = rest.slice(lit[0].length);
    }
    clauses.push({ field: m[1], value });
    rest = rest.trim();
    if (!rest) return clauses;
    const and = /^and\s+/i.exec(rest);
    if (!and)
      throw new GraphHttpError(
        400,
        "invalidRequest",
        `Only 'and' joins filter clauses here: ${rest.slice(0, 40)}`,
      );
    rest = rest.slice(and[0].length);
  }
}
