/**
 * The return's metadata as key/value text: what a Return's state becomes in the metadata sheet, and back.
 * Structured values are JSON. Each key has its own column of the metadata sheet (key in row 1, value below, split
 * over several rows when longer than one cell can hold).
 */
import type { IssuedFigures } from "../core/register";
import type { Approval, Override, ReturnStatus, StatusChange } from "../core/types";
import { CELL_TEXT_LIMIT, CONTRACT_VERSION, META } from "./contract";

export type Metadata = Readonly<Record<string, string>>;

/** Where each metadata key lives: its own column of the metadata sheet, in this fixed order. */
export const METADATA_KEYS: readonly string[] = Object.values(META);

/** The 1-based column of a metadata key; unknown keys are a programming error, not a user's. */
export function metadataColumn(key: string): number {
  const index = METADATA_KEYS.indexOf(key);
  if (index < 0) throw new Error(`"${key}" is not a metadata key of the workbook contract.`);
  return index + 1;
}

/**
 * One key's column, top to bottom: the key, then its value in chunks (a value longer than a cell holds spans rows).
 * A fixed column per key lets an executor replace one key without first reading the others.
 */
export function metadataColumnValues(key: string, value: string): string[] {
  // Chunks well under the limit, so no engine's escaping of special characters pushes one over it.
  const size = CELL_TEXT_LIMIT - 767;
  const chunks: string[] = [];
  for (let at = 0; at < value.length; at += size) chunks.push(value.slice(at, at + size));
  return [key, ...chunks];
}

/** Reads the metadata sheet's grid back: row 1 names each column's key, the rows below hold its chunks. */
export function metadataFromGrid(rows: readonly (readonly unknown[])[]): Record<string, string> {
  const meta: Record<string, string> = {};
  const header = rows[0] ?? [];
  header.forEach((cell, column) => {
    const key = cellText(cell).trim();
    if (key === "") return;
    let value = "";
    for (let r = 1; r < rows.length; r++) value += cellText(rows[r]?.[column]);
    meta[key] = value;
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

/** The figures the commissioner issued in a new return; the register keeps them too (src/core/register.ts). */
export type { IssuedFigures };

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
  const approval = json<Approval | undefined>(META.approval, undefined, isApproval);
  const returnedReasons = json<string[] | undefined>(META.returnedReasons, undefined, isStringArray);
  const state: ReturnState = {
    templateId: text(META.templateId),
    templateVersion: text(META.templateVersion),
    provider: text(META.provider),
    period: text(META.period),
    status,
    // Each element is checked, not only the list: one `null` among the overrides must be a finding, not a crash.
    overrides: json<Override[]>(META.overrides, [], (v) => isArrayOf(v, isOverride)),
    history: json<StatusChange[]>(META.history, [], (v) => isArrayOf(v, isStatusChange)),
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
    const parsed: unknown = JSON.parse(value);
    // Every figure is checked: an issued line that is text (or null) makes the whole record unreadable, never a crash.
    if (!isRecord(parsed) || !isRecordOf(parsed.kpis, isFigureRecord)) return null;
    if (parsed.budget !== undefined && !isRecordOf(parsed.budget, isFigureRecord)) return null;
    return { kpis: parsed.kpis, budget: parsed.budget ?? {} } as IssuedFigures;
  } catch {
    return null;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isRecordOf(v: unknown, each: (item: unknown) => boolean): boolean {
  return isRecord(v) && Object.values(v).every(each);
}

function isArrayOf(v: unknown, each: (item: unknown) => boolean): boolean {
  return Array.isArray(v) && v.every(each);
}

/** A record of issued figures: each a finite number or null. */
function isFigureRecord(v: unknown): boolean {
  return isRecordOf(v, (n) => n === null || (typeof n === "number" && Number.isFinite(n)));
}

function hasStrings(v: unknown, keys: readonly string[]): boolean {
  return isRecord(v) && keys.every((k) => typeof v[k] === "string");
}

function isOverride(v: unknown): boolean {
  return hasStrings(v, ["ruleId", "subject", "reason", "by", "at"]);
}

function isStatusChange(v: unknown): boolean {
  return hasStrings(v, ["from", "to", "by", "at"]);
}

function isApproval(v: unknown): boolean {
  return hasStrings(v, ["by", "at", "hash"]);
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
