/**
 * The "Return Register" list: the commissioning team's own record of each issued return (src/core/register.ts holds
 * its meaning). Its columns, the mapping between a list item and a RegisterEntry, and its reads and writes: by the
 * indexed Period for a quarter (one read plus pages), by the indexed, unique ReturnKey for one return, and every
 * change with If-Match so two officers cannot overwrite each other's decision unseen.
 */
import { UserError } from "../core/errors";
import {
  REGISTER_STATUSES,
  registerKey,
  type RegisterEntry,
  type RegisterIssued,
  type RegisterStatus,
} from "../core/register";
import type { Override } from "../core/types";
import { runBatched, type BatchStats } from "./batch";
import { explainGraphError, type GraphClient } from "./client";
import { sitePath } from "./lists";
import { odataString, readAllPages } from "./odata";
import { registerListName, REGISTER_LIST_NAME } from "./register-schema";
import { createFields, listDateTime, type ListFields } from "./list-values";
import type { GraphTarget } from "./target";

// ---------- Item ↔ entry ----------

function dateOrNull(iso: string | null): string | null {
  return iso ? listDateTime(iso) : null;
}

/** Every field of a register item, from an entry. */
export function registerFields(e: RegisterEntry): ListFields {
  return {
    Title: `${e.provider} — ${e.templateId} — ${e.period}`,
    ReturnKey: e.returnKey,
    Provider: e.provider,
    ProviderEmail: e.providerEmail,
    TemplateId: e.templateId,
    TemplateVersion: e.templateVersion,
    Period: e.period,
    DueDate: listDateTime(`${e.dueDate.slice(0, 10)}T00:00:00Z`),
    Status: e.status,
    IssuedHash: e.issuedHash,
    Issued: JSON.stringify(e.issued),
    ReceivedAt: dateOrNull(e.receivedAt),
    WorkbookHash: e.workbookHash,
    ApprovedBy: e.approval?.by ?? null,
    ApprovedByUpn: e.approval?.upn ?? null,
    ApprovedAt: e.approval ? listDateTime(e.approval.at) : null,
    ApprovedHash: e.approval?.hash ?? null,
    Overrides: JSON.stringify(e.overrides),
    History: JSON.stringify(e.history),
    ReturnedReasons: JSON.stringify(e.returnedReasons),
    LastReminderAt: dateOrNull(e.lastReminderAt),
    SyncedAt: dateOrNull(e.syncedAt),
  };
}

/** Only the fields that differ between two entries: what a PATCH sends. */
export function changedFields(before: RegisterEntry, after: RegisterEntry): ListFields {
  const a = registerFields(before);
  const b = registerFields(after);
  const out: ListFields = {};
  for (const [k, v] of Object.entries(b)) if (a[k] !== v) out[k] = v;
  return out;
}

/** A register item as read: the entry, and what a write needs to send If-Match. */
export interface RegisterRecord {
  readonly id: string;
  readonly eTag: string;
  readonly entry: RegisterEntry;
}

function text(f: Record<string, unknown>, name: string): string {
  const v = f[name];
  return typeof v === "string" ? v : v === undefined || v === null ? "" : String(v);
}

function json<T>(f: Record<string, unknown>, name: string, fallback: T, where: string): T {
  const raw = text(f, name);
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new UserError(
      `The Return Register item for ${where} has a "${name}" that is not valid JSON: it was edited by hand. Restore it from the item's version history.`,
      name,
    );
  }
}

export function entryFromFields(f: Record<string, unknown>): RegisterEntry {
  const where = `${text(f, "Provider")} (${text(f, "Period")})`;
  const status = text(f, "Status") as RegisterStatus;
  if (!REGISTER_STATUSES.includes(status)) {
    throw new UserError(
      `The Return Register item for ${where} has the status "${status}", which is not one of ${REGISTER_STATUSES.join(", ")}.`,
      "Status",
    );
  }
  const approvedBy = text(f, "ApprovedBy");
  const optional = (name: string) => text(f, name) || null;
  return {
    returnKey: text(f, "ReturnKey"),
    provider: text(f, "Provider"),
    providerEmail: text(f, "ProviderEmail"),
    templateId: text(f, "TemplateId"),
    templateVersion: text(f, "TemplateVersion"),
    period: text(f, "Period"),
    dueDate: text(f, "DueDate").slice(0, 10),
    status,
    issued: json<RegisterIssued>(f, "Issued", { kpis: {}, budget: {}, previousSpent: {} }, where),
    issuedHash: text(f, "IssuedHash"),
    receivedAt: optional("ReceivedAt"),
    workbookHash: optional("WorkbookHash"),
    approval:
      approvedBy && text(f, "ApprovedHash")
        ? {
            by: approvedBy,
            upn: text(f, "ApprovedByUpn"),
            at: text(f, "ApprovedAt"),
            hash: text(f, "ApprovedHash"),
          }
        : null,
    overrides: json<Override[]>(f, "Overrides", [], where),
    history: json<RegisterEntry["history"]>(f, "History", [], where),
    returnedReasons: json<string[]>(f, "ReturnedReasons", [], where),
    lastReminderAt: optional("LastReminderAt"),
    syncedAt: optional("SyncedAt"),
  };
}

function recordOf(raw: Record<string, unknown>): RegisterRecord {
  const fields = (raw.fields ?? {}) as Record<string, unknown>;
  return {
    id: String(raw.id ?? fields.id),
    eTag: String(raw.eTag ?? raw["@odata.etag"] ?? fields["@odata.etag"] ?? ""),
    entry: entryFromFields(fields),
  };
}

// ---------- Reads ----------

const PAGE_SIZE = 500;

function itemsUrl(target: GraphTarget, filter: string): string {
  return sitePath(
    target.site,
    `/lists/${encodeURIComponent(registerListName(target))}/items?$expand=fields&$filter=${encodeURIComponent(filter)}&$top=${PAGE_SIZE}`,
  );
}

/** A missing register list, in words: who creates it and how. */
function explainRegister(err: unknown, target: GraphTarget, doing: string): Error {
  if ((err as { statusCode?: number }).statusCode === 404) {
    return new UserError(
      `The list "${registerListName(target)}" does not exist on ${target.site}. A site owner creates it with \`kpi-returns provision\` (Sites.Manage.All); see the README, section The Return Register.`,
      registerListName(target),
    );
  }
  return explainGraphError(err, doing);
}

async function readPages(
  client: GraphClient,
  target: GraphTarget,
  url: string,
  doing: string,
): Promise<RegisterRecord[]> {
  const raw = await readAllPages<Record<string, unknown>>(client, target, url, (err) =>
    explainRegister(err, target, doing),
  );
  return raw.map(recordOf);
}

/** Every register item of a period, by the indexed Period column: one read plus a read per further page. */
export async function readRegister(
  client: GraphClient,
  target: GraphTarget,
  period: string,
): Promise<RegisterRecord[]> {
  return readPages(
    client,
    target,
    itemsUrl(target, `fields/Period eq ${odataString(period)}`),
    `read the Return Register for ${period}`,
  );
}

/** The register item of one return, by the indexed, unique ReturnKey; null when none was issued. */
export async function readRegisterEntry(
  client: GraphClient,
  target: GraphTarget,
  r: { provider: string; templateId: string; period: string },
): Promise<RegisterRecord | null> {
  const key = registerKey(r);
  const found = await readPages(
    client,
    target,
    itemsUrl(target, `fields/ReturnKey eq ${odataString(key)}`),
    `read the Return Register entry of ${r.provider}`,
  );
  return found[0] ?? null;
}

// ---------- Writes ----------

function listItemsPath(target: GraphTarget): string {
  return sitePath(target.site, `/lists/${encodeURIComponent(registerListName(target))}/items`);
}

/**
 * Writes a decision to the register: only the changed fields, with If-Match on the eTag read, so a decision made
 * meanwhile by another officer is never overwritten (412 becomes a plain sentence: read again and decide again).
 */
export async function writeRegisterEntry(
  client: GraphClient,
  target: GraphTarget,
  record: RegisterRecord,
  next: RegisterEntry,
): Promise<RegisterRecord> {
  const changes = changedFields(record.entry, next);
  if (Object.keys(changes).length === 0) return record;
  let eTag: string;
  try {
    const written = (await client
      .api(`${listItemsPath(target)}/${encodeURIComponent(record.id)}/fields`)
      .header("If-Match", record.eTag)
      .patch(changes)) as Record<string, unknown> | undefined;
    eTag = String(written?.["@odata.etag"] ?? "");
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 412) {
      throw new UserError(
        `The Return Register entry for ${record.entry.provider} (${record.entry.period}) was changed by someone else since it was read; nothing was written. Check the return again and decide afresh.`,
        REGISTER_LIST_NAME,
      );
    }
    throw explainRegister(err, target, `write the Return Register entry of ${record.entry.provider}`);
  }
  return { ...record, eTag, entry: next };
}

/** Registers newly issued returns, in $batch of at most 20. A key already there (409) is reported, not replaced. */
export async function createRegisterEntries(
  client: GraphClient,
  target: GraphTarget,
  entries: readonly RegisterEntry[],
  stats: BatchStats = { batches: 0, sent: 0, retried: 0, batchesResent: 0 },
): Promise<{ created: RegisterEntry[]; existing: RegisterEntry[] }> {
  const replies = await runBatched(
    client,
    entries.map((e) => ({
      method: "POST" as const,
      url: listItemsPath(target),
      body: { fields: createFields(registerFields(e)) },
    })),
    { stats, doing: "registering the issued returns", throwWhenThrottled: true },
  );
  const created: RegisterEntry[] = [];
  const existing: RegisterEntry[] = [];
  replies.forEach((reply, i) => {
    if (reply.status >= 200 && reply.status < 300) created.push(entries[i]);
    else if (reply.status === 409) existing.push(entries[i]);
    else if (reply.status === 404) throw explainRegister({ statusCode: 404 }, target, "register");
    else {
      const message = (reply.body as { error?: { message?: string } } | null)?.error?.message ?? "";
      throw new UserError(
        `Microsoft Graph refused to register the return of ${entries[i].provider} (${reply.status}): ${message}`,
      );
    }
  });
  return { created, existing };
}

/** The signed-in person, from GET /me: their display name and user principal name. */
export async function signedInOfficer(client: GraphClient): Promise<{ name: string; upn: string }> {
  let me: { displayName?: string; userPrincipalName?: string; mail?: string };
  try {
    me = (await client.api("/me").select("displayName,userPrincipalName,mail").get()) as typeof me;
  } catch (err) {
    throw explainGraphError(err, "find out who is signed in (GET /me)");
  }
  const upn = (me.userPrincipalName ?? me.mail ?? "").trim();
  const name = (me.displayName ?? "").trim() || upn;
  if (!upn) throw new UserError("Microsoft Graph did not say who is signed in (GET /me gave no user name).");
  return { name, upn };
}

/** Creates a draft e-mail in the signed-in officer's Outlook (POST /me/messages); nothing is sent. */
export async function draftMessage(
  client: GraphClient,
  message: { to: string; subject: string; body: string },
): Promise<void> {
  try {
    await client.api("/me/messages").post({
      subject: message.subject,
      body: { contentType: "text", content: message.body },
      toRecipients: message.to ? [{ emailAddress: { address: message.to } }] : [],
    });
  } catch (err) {
    throw explainGraphError(err, `draft the reminder to ${message.to}`);
  }
}
