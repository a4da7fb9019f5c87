/**
 * The return's metadata as key/value text: what a Return's state becomes in the metadata sheet, and back.
 * Structured values are JSON; a value longer than one cell can hold is split over several rows of the same key.
 */
import type { Approval, Override, ReturnStatus, StatusChange } from "../core/types";
import { CELL_TEXT_LIMIT, CONTRACT_VERSION, META } from "./contract";
import type { PlanValue } from "./plan";

export type Metadata = Readonly<Record<string, string>>;

/** The metadata sheet's first row, naming its two columns. */
export const METADATA_HEADER: readonly [string, string] = ["Key", "Value"];

/** Rows for the metadata sheet: the header, then one row per key (more when a value is longer than a cell allows). */
export function metadataRows(meta: Metadata): PlanValue[][] {
  const rows: PlanValue[][] = [[...METADATA_HEADER]];
  for (const key of Object.keys(meta).sort()) {
    const value = meta[key];
    if (value.length <= CELL_TEXT_LIMIT) {
      rows.push([key, value]);
      continue;
    }
    // Chunks well under the limit, so no engine's escaping of special characters pushes one over it.
    const size = CELL_TEXT_LIMIT - 767;
    for (let at = 0; at < value.length; at += size) rows.push([key, value.slice(at, at + size)]);
  }
  return rows;
}

/** Reads the metadata sheet's rows back (chunks of one key joined in order; the header row and blank keys skipped). */
export function metadataFromRows(rows: readonly (readonly unknown[])[]): Record<string, string> {
  const meta: Record<string, string> = {};
  rows.forEach((row, index) => {
    const key = cellText(row[0]).trim();
    if (key === "" || (index === 0 && key === METADATA_HEADER[0])) return;
    meta[key] = (meta[key] ?? "") + cellText(row[1]);
  });
  return meta;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) {
    return (value as { richText: { text: string }[] }).richText.map((part) => part.text).join("");
  }
  return String(value);
}

/** The state a Return carries beyond its tables. */
export interface ReturnState {
  readonly templateId: string;
  readonly templateVersion: string;
  readonly provider: string;
  readonly period: string;
  readonly status: ReturnStatus;
  readonly approval?: Approval;
  readonly overrides: readonly Override[];
  readonly history: readonly StatusChange[];
  readonly returnedReasons?: readonly string[];
  /** Spent to date reported last quarter, by budget line id. */
  readonly previousSpent: Readonly<Record<string, number>>;
}

/** The figures the commissioner issued in a new return; a provider changing one is reported when the return is read. */
export interface IssuedFigures {
  readonly kpis: Readonly<
    Record<
      string,
      { readonly target: number | null; readonly previous: number | null; readonly lastYear: number | null }
    >
  >;
  readonly budget: Readonly<Record<string, { readonly awarded: number | null }>>;
}

/** Metadata keys for a return's state; absent optional parts are null, so writing them removes stale values. */
export function encodeState(state: ReturnState): Record<string, string | null> {
  const meta: Record<string, string | null> = {
    [META.contract]: CONTRACT_VERSION,
    [META.templateId]: state.templateId,
    [META.templateVersion]: state.templateVersion,
    [META.provider]: state.provider,
    [META.period]: state.period,
    [META.status]: state.status,
    [META.overrides]: JSON.stringify(state.overrides),
    [META.history]: JSON.stringify(state.history),
    [META.previousSpent]: JSON.stringify(state.previousSpent),
  };
  meta[META.approval] = state.approval ? JSON.stringify(state.approval) : null;
  meta[META.returnedReasons] =
    state.returnedReasons && state.returnedReasons.length > 0 ? JSON.stringify(state.returnedReasons) : null;
  return meta;
}

const STATUSES: readonly ReturnStatus[] = [
  "draft",
  "submitted",
  "validated",
  "approved",
  "synced",
  "returned",
];

/** Problems found while decoding, by metadata key, so the reader can turn them into findings. */
export interface DecodedState {
  readonly state: ReturnState;
  readonly problems: readonly { readonly key: string; readonly message: string }[];
}

/** Reads state back from metadata. Missing or unreadable keys fall back to safe defaults and are reported. */
export function decodeState(meta: Metadata): DecodedState {
  const problems: { key: string; message: string }[] = [];
  const text = (key: string): string => {
    const value = meta[key];
    if (value === undefined || value.trim() === "") {
      problems.push({ key, message: `The return's metadata has no "${key}".` });
      return "";
    }
    return value.trim();
  };
  const json = <T>(key: string, fallback: T, check: (v: unknown) => boolean): T => {
    const value = meta[key];
    if (value === undefined || value.trim() === "") return fallback;
    try {
      const parsed: unknown = JSON.parse(value);
      if (check(parsed)) return parsed as T;
    } catch {
      // Reported below, like a value of the wrong shape.
    }
    problems.push({ key, message: `The return's metadata "${key}" could not be read, so it was ignored.` });
    return fallback;
  };
  const statusText = text(META.status);
  const status = (STATUSES as readonly string[]).includes(statusText)
    ? (statusText as ReturnStatus)
    : "draft";
  if (statusText !== "" && status !== statusText) {
    problems.push({
      key: META.status,
      message: `The return's status "${statusText}" is not one the add-in knows.`,
    });
  }
  const isObject = (v: unknown): boolean => typeof v === "object" && v !== null && !Array.isArray(v);
  const approval = json<Approval | undefined>(META.approval, undefined, isObject);
  const returnedReasons = json<string[] | undefined>(META.returnedReasons, undefined, isStringArray);
  const state: ReturnState = {
    templateId: text(META.templateId),
    templateVersion: text(META.templateVersion),
    provider: text(META.provider),
    period: text(META.period),
    status,
    overrides: json<Override[]>(META.overrides, [], Array.isArray),
    history: json<StatusChange[]>(META.history, [], Array.isArray),
    previousSpent: json<Record<string, number>>(META.previousSpent, {}, isNumberRecord),
    ...(approval ? { approval } : {}),
    ...(returnedReasons ? { returnedReasons } : {}),
  };
  return { state, problems };
}

/** The issued figures, or null when the metadata has none (a return made by hand) or they cannot be read. */
export function decodeIssued(meta: Metadata): IssuedFigures | null {
  const value = meta[META.issued];
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as IssuedFigures;
    return typeof parsed === "object" && parsed !== null && typeof parsed.kpis === "object" ? parsed : null;
  } catch {
    return null;
  }
}

function isStringArray(v: unknown): boolean {
  return Array.isArray(v) && v.every((s) => typeof s === "string");
}

function isNumberRecord(v: unknown): boolean {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v as Record<string, unknown>).every((n) => typeof n === "number")
  );
}
