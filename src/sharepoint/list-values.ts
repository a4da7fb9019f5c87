/**
 * Values as SharePoint keeps them in a list item's `fields`: numbers to 12 significant digits, timestamps in whole
 * seconds, and a new item's fields with nothing empty.
 */
import { UserError } from "../core/errors";

/** A value in a list item's `fields`, as Graph sends and receives it. */
export type FieldValue = string | number | boolean | null;
export type ListFields = Record<string, FieldValue>;

/**
 * The fields of a new item, with nothing empty: null on a create is not reliably honoured by Graph for every column
 * type, and a field left out is simply empty. Every create goes through this.
 */
export function createFields(fields: Readonly<Record<string, FieldValue>>): ListFields {
  const out: ListFields = {};
  for (const [name, value] of Object.entries(fields)) if (value !== null && value !== "") out[name] = value;
  return out;
}

/**
 * A number as SharePoint keeps it: finite, at most 12 significant digits. Rounding before writing means the value
 * read back equals the value written, so a re-sync compares equal instead of seeing a phantom edit.
 */
export function listNumber(n: number | null | undefined): number | null {
  if (n === null || n === undefined || !Number.isFinite(n)) return null;
  const rounded = Number(n.toPrecision(12));
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** An ISO timestamp as SharePoint returns it: UTC, whole seconds, "Z" (it drops milliseconds). */
export function listDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new UserError(`"${iso}" is not a date and time.`);
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
