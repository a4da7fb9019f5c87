/**
 * The Return Register as the domain sees it: the commissioning team's own record of each return it issued (who owes
 * it, the template, the figures issued, when it is due, received, approved, overridden, synced). The provider's
 * workbook only carries figures; this record is what the product believes. Pure: the SharePoint list that holds it
 * is src/sharepoint/register.ts; the checks a workbook meets against this record are register-rules/ (one per file,
 * run by register-checks.ts), and the quarter at a glance built from it is quarter.ts.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Override, Return, ReturnStatus } from "./types";

/** A register item's status, as the list's choice column holds it. */
export type RegisterStatus = "Issued" | "Received" | "Returned" | "Approved" | "Synced";
export const REGISTER_STATUSES: readonly RegisterStatus[] = [
  "Issued",
  "Received",
  "Returned",
  "Approved",
  "Synced",
];

/** The figures the commissioner issued in a new return (targets, prior figures, awards). */
export interface IssuedFigures {
  readonly kpis: Readonly<
    Record<
      string,
      { readonly target: number | null; readonly previous: number | null; readonly lastYear: number | null }
    >
  >;
  readonly budget: Readonly<Record<string, { readonly awarded: number | null }>>;
}

/** What the register keeps as issued: the figures, and the spend to date reported last quarter. */
export interface RegisterIssued extends IssuedFigures {
  readonly previousSpent: Readonly<Record<string, number>>;
}

/** The signed-in officer: display name and user principal name (from the sign-in, never from the workbook). */
export interface Officer {
  readonly name: string;
  readonly upn: string;
}

export interface RegisterApproval {
  readonly by: string;
  readonly upn: string;
  readonly at: string;
  /** figuresHash of exactly the figures approved, with the register's identity. */
  readonly hash: string;
  readonly comment?: string;
}

/** One step in the register's history: who, when, why. */
export interface RegisterEvent {
  readonly from: RegisterStatus | null;
  readonly to: RegisterStatus;
  readonly by: string;
  readonly at: string;
  readonly note?: string;
  /** What the check found when the workbook was received or approved: the quarter view shows them. */
  readonly counts?: { readonly error: number; readonly query: number };
}

/** One issued return, as the register holds it. */
export interface RegisterEntry {
  readonly returnKey: string;
  readonly provider: string;
  readonly providerEmail: string;
  readonly templateId: string;
  readonly templateVersion: string;
  readonly period: string;
  /** yyyy-mm-dd. */
  readonly dueDate: string;
  readonly status: RegisterStatus;
  readonly issued: RegisterIssued;
  readonly issuedHash: string;
  readonly receivedAt: string | null;
  readonly workbookHash: string | null;
  readonly approval: RegisterApproval | null;
  readonly overrides: readonly Override[];
  readonly history: readonly RegisterEvent[];
  readonly returnedReasons: readonly string[];
  readonly lastReminderAt: string | null;
  readonly syncedAt: string | null;
}

/**
 * A provider's name as the register compares it: case, spaces and apostrophes do not make another provider
 * ("West Mercia Women's Aid", "west mercia womens aid" and "West Mercia Women’s  Aid" are one).
 */
export function providerKey(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/['‘’`´ʼ]/g, "")
    .replace(/\s+/g, "")
    .toLowerCase();
}

/** provider|template|period, compared without regard to case, spaces or apostrophes. */
export function registerKey(r: { provider: string; templateId: string; period: string }): string {
  const plain = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
  return `${providerKey(r.provider)}|${plain(r.templateId)}|${plain(r.period)}`;
}

/** JSON with object keys sorted, so equal content always hashes the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of the issued figures, stored beside them so an edit to the register's own copy shows. */
export function issuedHash(issued: RegisterIssued): string {
  return bytesToHex(sha256(utf8ToBytes(`kpi-returns/issued/1${canonical(issued)}`)));
}

/** The register's status as the workbook's copy writes it. */
export function workbookStatusOf(status: RegisterStatus): ReturnStatus {
  switch (status) {
    case "Issued":
      return "draft";
    case "Received":
      return "submitted";
    case "Returned":
      return "returned";
    case "Approved":
      return "approved";
    case "Synced":
      return "synced";
  }
}

/**
 * The return as the register sees it: identity, overrides, approval, reasons and last quarter's spend from the
 * register; only the figures the provider types (and the cells they could have changed) from the workbook.
 */
export function asRegistered(ret: Return, entry: RegisterEntry): Return {
  const { approval: _untrusted, returnedReasons: _copy, ...rest } = ret;
  return {
    ...rest,
    provider: entry.provider,
    templateId: entry.templateId,
    period: entry.period,
    status: workbookStatusOf(entry.status),
    overrides: entry.overrides,
    budget: ret.budget.map((b) => ({ ...b, previousSpent: entry.issued.previousSpent[b.lineId] ?? null })),
    ...(entry.approval
      ? {
          approval: {
            by: entry.approval.by,
            at: entry.approval.at,
            hash: entry.approval.hash,
            ...(entry.approval.comment ? { comment: entry.approval.comment } : {}),
          },
        }
      : {}),
    ...(entry.returnedReasons.length > 0 ? { returnedReasons: entry.returnedReasons } : {}),
  };
}

/** The entry this workbook belongs to, by its key; null when none was issued. */
export function findEntry(
  entries: readonly RegisterEntry[],
  r: { provider: string; templateId: string; period: string },
): RegisterEntry | null {
  const key = registerKey(r);
  return entries.find((e) => e.returnKey === key) ?? null;
}

/** A new register entry for a return being issued. */
export function newRegisterEntry(r: {
  provider: string;
  providerEmail: string;
  templateId: string;
  templateVersion: string;
  period: string;
  dueDate: string;
  issued: RegisterIssued;
  by: string;
  at: string;
}): RegisterEntry {
  return {
    returnKey: registerKey(r),
    provider: r.provider.trim(),
    providerEmail: r.providerEmail.trim(),
    templateId: r.templateId,
    templateVersion: r.templateVersion,
    period: r.period,
    dueDate: r.dueDate,
    status: "Issued",
    issued: r.issued,
    issuedHash: issuedHash(r.issued),
    receivedAt: null,
    workbookHash: null,
    approval: null,
    overrides: [],
    history: [{ from: null, to: "Issued", by: r.by, at: r.at }],
    returnedReasons: [],
    lastReminderAt: null,
    syncedAt: null,
  };
}
