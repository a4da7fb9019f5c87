/**
 * The emulator's columns: the built-in Title, adding and changing a column as Graph allows it, a value checked and
 * coerced to its column's type, and fields as a read gives them back (rich text as HTML).
 */
import { randomUUID } from "node:crypto";
import { GraphHttpError, sameText, type ColumnJson, type ListState } from "./state";
import type { FieldValue } from "../sharepoint/list-values";

// Columns every SharePoint list has; sync never writes them, but a client may read and filter on them.
export const BUILT_IN_COLUMNS: readonly ColumnJson[] = [
  {
    id: "fa564e0f-0c70-4ab9-b863-0177e6ddd247",
    name: "Title",
    displayName: "Title",
    indexed: false,
    enforceUniqueValues: false,
    text: { allowMultipleLines: false, maxLength: 255 },
  },
];

const FACETS: readonly string[] = ["text", "number", "currency", "choice", "dateTime", "boolean"];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}

export function addColumn(list: ListState, body: Record<string, unknown>): ColumnJson {
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

/** A column by id or internal name (any case); 404 when the list has none. */
export function findColumn(list: ListState, ref: string): ColumnJson {
  const found = list.columns.find((c) => c.id === ref || c.name.toLowerCase() === ref.toLowerCase());
  if (!found)
    throw new GraphHttpError(404, "itemNotFound", `Column "${ref}" does not exist in "${list.displayName}".`);
  return found;
}

/**
 * PATCH …/columns/{id}: any property but the id, as Graph documents
 * (https://learn.microsoft.com/en-us/graph/api/columndefinition-update). The emulator refuses what SharePoint
 * cannot do: renaming the internal name, changing the column's type, a unique column that is not indexed, and
 * enforcing unique values on a column that already holds the same value twice (compared as SharePoint compares).
 */
export function updateColumn(list: ListState, ref: string, body: Record<string, unknown>): ColumnJson {
  const column = findColumn(list, ref);
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
export function asRead(list: ListState, fields: Record<string, FieldValue>): Record<string, FieldValue> {
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

export function coerce(column: ColumnJson, value: unknown): FieldValue {
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
