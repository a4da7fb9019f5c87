/**
 * The emulator's stored shapes: sites, lists, columns, items and mailbox drafts as plain JSON (so the whole state can be
 * saved to a file and loaded again), the Graph-shaped error every layer throws, eTags, and text compared as
 * SharePoint compares it.
 */
import * as fs from "node:fs";
import { UserError } from "../core/errors";
import { describeFsError } from "../core/file-errors";
import type { FieldValue } from "../sharepoint/list-values";

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

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function eTagOf(item: ItemState): string {
  return `"${item.guid},${item.version}"`;
}

/** Two eTags name the same version whether or not they are weak or quoted. */
export function sameETag(a: string, b: string): boolean {
  const bare = (s: string) => s.replace(/^W\//, "").replace(/^"|"$/g, "");
  return bare(a) === bare(b);
}

/**
 * The saved state, or a UserError in a fixed phrase saying what to do: never V8's JSON message, which is cut off
 * mid-file and names a position nobody can use.
 */
export function readDataFile(dataFile: string): StoreState {
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
