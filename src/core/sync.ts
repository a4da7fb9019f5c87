/**
 * Sync planning, pure: given the list items an approved return should produce and the items the list already holds,
 * decide what to create, what to update (with the eTag read), what is unchanged, and what is a conflict. Finance edits
 * are detected with a hash of exactly the fields sync last wrote: an item that no longer matches it is never overwritten.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";

export type SyncFieldValue = string | number | boolean | null;

/** What one list item should hold, from the approved return. */
export interface ListItemDraft {
  /** The item's unique key (provider|template|period|subject). */
  readonly key: string;
  /** The fields sync owns: compared with the list and covered by the sync hash. */
  readonly content: Readonly<Record<string, SyncFieldValue>>;
}

/** An item as read back from the list. */
export interface ExistingItem {
  readonly id: string;
  readonly eTag: string;
  readonly key: string;
  /** Its fields as Graph returned them (empty ones may be missing). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** The hash sync stored when it last wrote the item; null when it has none (not written by sync). */
  readonly syncHash: string | null;
}

export interface PlannedCreate {
  readonly key: string;
  readonly content: Readonly<Record<string, SyncFieldValue>>;
  readonly hash: string;
}

export interface PlannedUpdate {
  readonly key: string;
  readonly id: string;
  /** Sent as If-Match: a 412 means the item changed after it was read. */
  readonly eTag: string;
  /** Only the fields whose values differ. */
  readonly changes: Readonly<Record<string, SyncFieldValue>>;
  readonly hash: string;
}

export interface SyncConflict {
  readonly key: string;
  readonly id?: string;
  readonly reason: string;
  /** Fields whose list value differs from the approved return. */
  readonly fields?: readonly string[];
}

export interface SyncPlan {
  readonly creates: readonly PlannedCreate[];
  readonly updates: readonly PlannedUpdate[];
  readonly unchanged: readonly string[];
  readonly conflicts: readonly SyncConflict[];
}

/**
 * One value as the list keeps it: empty text and a missing field are both "nothing", and numbers are compared at
 * 12 significant digits (what survives the trip through SharePoint), so a re-sync does not see phantom changes.
 */
export function normaliseFieldValue(value: unknown): SyncFieldValue {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    const rounded = Number(value.toPrecision(12));
    return Object.is(rounded, -0) ? 0 : rounded;
  }
  if (typeof value === "string" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

/**
 * The hash of the fields sync writes: SHA-256 over the sorted, normalised, non-empty fields. Empty fields are left
 * out so a column added later (empty on old items) does not make every old item look edited.
 */
export function contentHash(
  fields: Readonly<Record<string, unknown>>,
  names: readonly string[] = Object.keys(fields),
): string {
  const pairs: [string, SyncFieldValue][] = [];
  for (const name of [...names].sort()) {
    const v = normaliseFieldValue(fields[name]);
    if (v !== null) pairs.push([name, v]);
  }
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(pairs))));
}

function differingFields(draft: ListItemDraft, fields: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(draft.content).filter(
    (name) => normaliseFieldValue(draft.content[name]) !== normaliseFieldValue(fields[name]),
  );
}

/**
 * A key as SharePoint compares it: text in a unique column and in `$filter eq` is compared without regard to case, so
 * "Victim Support|…" and "victim support|…" are one item. Keys are folded this way wherever they are matched.
 */
export function listKey(key: string): string {
  return key.normalize("NFC").toLocaleLowerCase("en-GB");
}

export function planSync(desired: readonly ListItemDraft[], existing: readonly ExistingItem[]): SyncPlan {
  const creates: PlannedCreate[] = [];
  const updates: PlannedUpdate[] = [];
  const unchanged: string[] = [];
  const conflicts: SyncConflict[] = [];

  const byKey = new Map<string, ExistingItem[]>();
  for (const item of existing) byKey.set(listKey(item.key), [...(byKey.get(listKey(item.key)) ?? []), item]);
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const draft of desired) (seen.has(listKey(draft.key)) ? twice : seen).add(listKey(draft.key));

  for (const draft of desired) {
    if (twice.has(listKey(draft.key))) {
      if (!conflicts.some((c) => c.key === draft.key)) {
        conflicts.push({
          key: draft.key,
          reason: "The approved return gives this item more than once; no copy was written.",
        });
      }
      continue;
    }
    const hash = contentHash(draft.content);
    const matches = byKey.get(listKey(draft.key)) ?? [];
    if (matches.length === 0) {
      creates.push({ key: draft.key, content: draft.content, hash });
      continue;
    }
    if (matches.length > 1) {
      conflicts.push({
        key: draft.key,
        reason: `The list holds ${matches.length} items with this key (ids ${matches.map((m) => m.id).join(", ")}); none was changed.`,
      });
      continue;
    }
    const item = matches[0];
    const differing = differingFields(draft, item.fields);
    if (differing.length === 0) {
      unchanged.push(draft.key);
      continue;
    }
    const asWritten =
      item.syncHash !== null && contentHash(item.fields, Object.keys(draft.content)) === item.syncHash;
    if (!asWritten) {
      conflicts.push({
        key: draft.key,
        id: item.id,
        fields: differing,
        reason:
          item.syncHash === null
            ? `The item was not written by sync and differs from the approved return (${differing.join(", ")}); it was left as it is.`
            : `The item was edited in SharePoint after the last sync and differs from the approved return (${differing.join(", ")}); it was left as it is.`,
      });
      continue;
    }
    const changes: Record<string, SyncFieldValue> = {};
    for (const name of differing) changes[name] = normaliseFieldValue(draft.content[name]);
    updates.push({ key: draft.key, id: item.id, eTag: item.eTag, changes, hash });
  }

  // Items of the same returns that the approved figures no longer have: never deleted, so a person decides.
  for (const [key, items] of byKey) {
    if (seen.has(key)) continue;
    for (const item of items) {
      conflicts.push({
        key: item.key,
        id: item.id,
        reason: "The list holds this item but the approved return no longer has it; it was left as it is.",
      });
    }
  }

  return { creates, updates, unchanged, conflicts };
}
