/**
 * The Return Register as the domain sees it: the commissioning team's own record of each return it issued (who owes
 * it, the template, the figures issued, when it is due, received, approved, overridden, synced). The provider's
 * workbook only carries figures; this record is what the product believes. Pure: the SharePoint list that holds it
 * is src/sharepoint/register.ts.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import { BUDGET_COLUMNS, KPI_COLUMNS } from "./columns";
import { numberOf } from "./values";
import type { Finding, Override, Return, ReturnStatus, Severity } from "./types";

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
function canonical(value: unknown): string {
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

// ---------- The register's checks ----------

/** The checks made against the register, for the README's catalogue. */
export const registerRuleCatalogue = [
  {
    id: "REGISTER-UNKNOWN",
    severity: "error",
    description:
      "The workbook's provider, template and period match no return issued in the Return Register, so nothing it says can be believed.",
  },
  {
    id: "REGISTER-TEMPLATE-VERSION",
    severity: "error",
    description: "The workbook names a different version of the template from the one the register issued.",
  },
  {
    id: "REGISTER-ISSUED-CHANGED",
    severity: "error",
    description:
      "A target, prior figure, award or last quarter's spend in the workbook differs from what the register says was issued.",
  },
  {
    id: "REGISTER-ISSUED-HASH",
    severity: "error",
    description:
      "The register's own copy of the issued figures no longer matches the hash stored with it (the list item was edited by hand).",
  },
  {
    id: "REGISTER-PROVIDER-NAME",
    severity: "info",
    description:
      "The workbook spells the provider's name differently (case, spaces or apostrophes) from the register; it is read as the register's provider.",
  },
  {
    id: "REGISTER-STATUS",
    severity: "info",
    description:
      "The workbook's own status, approval or overrides differ from the register's; the register is what counts, and the workbook's copy is corrected at the next decision.",
  },
] as const satisfies readonly { id: string; severity: Severity; description: string }[];

/** The id of every register check. */
export type RegisterRuleId = (typeof registerRuleCatalogue)[number]["id"];

const registerSeverity = new Map(registerRuleCatalogue.map((r) => [r.id, r.severity]));

function registerFinding(
  ruleId: RegisterRuleId,
  message: string,
  extra: Partial<Pick<Finding, "kpiId" | "lineId" | "location">> = {},
): Finding {
  return {
    ruleId,
    severity: registerSeverity.get(ruleId) ?? "error",
    message,
    location: extra.location ?? { table: "Metadata" },
    ...(extra.kpiId !== undefined ? { kpiId: extra.kpiId } : {}),
    ...(extra.lineId !== undefined ? { lineId: extra.lineId } : {}),
  };
}

function sameFigure(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function shown(n: number | null): string {
  return n === null ? "blank" : String(n);
}

/** The entry this workbook belongs to, by its key; null when none was issued. */
export function findEntry(
  entries: readonly RegisterEntry[],
  r: { provider: string; templateId: string; period: string },
): RegisterEntry | null {
  const key = registerKey(r);
  return entries.find((e) => e.returnKey === key) ?? null;
}

/**
 * What the register says about a workbook's return (`entry` null: no issued return matches; `others` are the
 * register's entries for the same provider, to name what was issued instead).
 */
export function registerFindings(
  ret: Return,
  entry: RegisterEntry | null,
  others: readonly RegisterEntry[] = [],
): Finding[] {
  if (!entry) {
    const near = others.filter((e) => providerKey(e.provider) === providerKey(ret.provider));
    const hint =
      near.length > 0
        ? ` The register has for ${near[0].provider}: ${near.map((e) => `${e.templateId} for ${e.period}`).join(", ")}.`
        : "";
    return [
      registerFinding(
        "REGISTER-UNKNOWN",
        `No return from "${ret.provider}" on template "${ret.templateId}" for ${ret.period || "(no period)"} was issued in the Return Register, so this workbook cannot be received, approved or synced.${hint}`,
      ),
    ];
  }
  const findings: Finding[] = [];
  if (issuedHash(entry.issued) !== entry.issuedHash) {
    findings.push(
      registerFinding(
        "REGISTER-ISSUED-HASH",
        `The Return Register's issued figures for ${entry.provider} (${entry.period}) no longer match the hash recorded when they were issued: the register item was edited by hand. Ask whoever looks after the list to restore it, or issue the return again.`,
      ),
    );
  }
  if (ret.provider !== entry.provider) {
    findings.push(
      registerFinding(
        "REGISTER-PROVIDER-NAME",
        `The workbook names the provider "${ret.provider}"; the register has "${entry.provider}". They are read as one provider, under the register's name.`,
        { location: { table: "Metadata", column: "provider" } },
      ),
    );
  }
  if (ret.templateVersion !== entry.templateVersion) {
    findings.push(
      registerFinding(
        "REGISTER-TEMPLATE-VERSION",
        `The workbook says it was made with version ${ret.templateVersion || "(none)"} of template "${entry.templateId}", but the register issued version ${entry.templateVersion}. Ask the provider to use the return they were sent.`,
        { location: { table: "Metadata", column: "templateVersion" } },
      ),
    );
  }
  for (const k of ret.kpis) {
    const issued = entry.issued.kpis[k.kpiId];
    if (!issued) continue;
    const cells = [
      ["target", KPI_COLUMNS.target, k.target],
      ["previous", KPI_COLUMNS.previous, k.previous],
      ["lastYear", KPI_COLUMNS.lastYear, k.lastYear],
    ] as const;
    for (const [field, column, value] of cells) {
      const now = numberOf(value);
      if (sameFigure(now, issued[field])) continue;
      findings.push(
        registerFinding(
          "REGISTER-ISSUED-CHANGED",
          `"${k.kpiId}": ${column} was issued as ${shown(issued[field])} (Return Register) but the workbook holds ${now === null ? "something else" : now}. Only the yellow cells are the provider's to change; ask them to put it back.`,
          { kpiId: k.kpiId, location: { table: "KpiReturn", row: k.row, column } },
        ),
      );
    }
  }
  for (const b of ret.budget) {
    const issued = entry.issued.budget[b.lineId];
    if (!issued) continue;
    const now = numberOf(b.awarded);
    if (!sameFigure(now, issued.awarded)) {
      findings.push(
        registerFinding(
          "REGISTER-ISSUED-CHANGED",
          `"${b.lineId}": ${BUDGET_COLUMNS.awarded} was issued as ${shown(issued.awarded)} (Return Register) but the workbook holds ${now === null ? "something else" : now}. Only the yellow cells are the provider's to change; ask them to put it back.`,
          {
            lineId: b.lineId,
            location: { table: "BudgetReturn", row: b.row, column: BUDGET_COLUMNS.awarded },
          },
        ),
      );
    }
    const spent = entry.issued.previousSpent[b.lineId] ?? null;
    if (!sameFigure(b.previousSpent, spent)) {
      findings.push(
        registerFinding(
          "REGISTER-ISSUED-CHANGED",
          `"${b.lineId}": last quarter's spend to date was issued as ${shown(spent)} (Return Register) but the workbook's metadata says ${shown(b.previousSpent)}; the register's figure is used.`,
          { lineId: b.lineId, location: { table: "Metadata", column: "previousSpent" } },
        ),
      );
    }
  }
  const copy = workbookStatusOf(entry.status);
  const claims: string[] = [];
  if (ret.status !== copy) claims.push(`its status is "${ret.status}"`);
  if (ret.approval && (!entry.approval || ret.approval.hash !== entry.approval.hash))
    claims.push(`it carries an approval by "${ret.approval.by}"`);
  if (canonical(ret.overrides) !== canonical(entry.overrides))
    claims.push(
      `its overrides differ (${ret.overrides.length} in the workbook, ${entry.overrides.length} in the register)`,
    );
  if (claims.length > 0) {
    findings.push(
      registerFinding(
        "REGISTER-STATUS",
        `The workbook's own record says ${claims.join(", ")}; the Return Register says "${entry.status}"${entry.approval ? ` (approved by ${entry.approval.by})` : ""}${entry.overrides.length > 0 ? ` with ${entry.overrides.length} override${entry.overrides.length === 1 ? "" : "s"}` : ""}. Only the register counts.`,
        { location: { table: "Metadata", column: "status" } },
      ),
    );
  }
  return findings;
}

// ---------- The quarter at a glance ----------

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `dueDate` (yyyy-mm-dd) to `today` (an ISO instant, read in UTC); negative before it is due. */
export function daysPast(dueDate: string, today: string): number {
  const due = Date.parse(`${dueDate.slice(0, 10)}T00:00:00Z`);
  const now = Date.parse(`${today.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(due) || Number.isNaN(now)) return 0;
  return Math.round((now - due) / DAY_MS);
}

/** True while the provider still owes the return (issued, or sent back to them). */
export function awaitingProvider(entry: RegisterEntry): boolean {
  return entry.status === "Issued" || entry.status === "Returned";
}

/** One row of the quarter's status. */
export interface QuarterRow {
  readonly provider: string;
  readonly templateId: string;
  readonly period: string;
  readonly status: RegisterStatus;
  readonly dueDate: string;
  /** Days past the due date while the provider still owes it; 0 otherwise. */
  readonly daysOverdue: number;
  /** Errors and queries found at the last check (null before the return was received). */
  readonly errors: number | null;
  readonly queries: number | null;
  readonly approvedBy: string | null;
  /** True when an officer has something to do: received and not yet approved. */
  readonly needsOfficer: boolean;
}

export function quarterRows(entries: readonly RegisterEntry[], today: string): QuarterRow[] {
  return [...entries]
    .sort((a, b) =>
      a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.templateId < b.templateId ? -1 : 1,
    )
    .map((e) => {
      const counted = [...e.history].reverse().find((h) => h.counts)?.counts ?? null;
      return {
        provider: e.provider,
        templateId: e.templateId,
        period: e.period,
        status: e.status,
        dueDate: e.dueDate,
        daysOverdue: awaitingProvider(e) ? Math.max(0, daysPast(e.dueDate, today)) : 0,
        errors: counted ? counted.error : null,
        queries: counted ? counted.query : null,
        approvedBy: e.approval?.by ?? null,
        needsOfficer: e.status === "Received",
      };
    });
}

/** Returns not yet received that are overdue or due within `withinDays` days: the ones to remind. */
export function dueForReminder(
  entries: readonly RegisterEntry[],
  today: string,
  withinDays: number,
): RegisterEntry[] {
  return entries.filter((e) => awaitingProvider(e) && daysPast(e.dueDate, today) >= -withinDays);
}

/** The reminder e-mail: plain and polite, naming the return, the due date and how to send it. */
export function reminderMessage(
  entry: RegisterEntry,
  today: string,
  officer: Officer,
  serviceTitle: string,
): { to: string; subject: string; body: string } {
  const days = daysPast(entry.dueDate, today);
  const due = ukDay(entry.dueDate);
  const when =
    days > 0
      ? `was due on ${due} (${days} day${days === 1 ? "" : "s"} ago) and we have not received it yet`
      : days === 0
        ? `is due today, ${due}`
        : `is due on ${due}, in ${-days} day${days === -1 ? "" : "s"}`;
  return {
    to: entry.providerEmail,
    subject: `Reminder: ${serviceTitle} return for ${entry.period} (due ${due})`,
    body: [
      `Dear colleague at ${entry.provider},`,
      "",
      `Your quarterly KPI and budget return for ${serviceTitle}, ${entry.period}, ${when}.`,
      "",
      "Please fill in the yellow cells of the return workbook we sent you (the Actual and Commentary columns, and Spent to date), run Check my return in the KPI Returns pane if you have it, and reply to this e-mail with the workbook attached.",
      "",
      "If you have already sent it, thank you, and please ignore this reminder. If something is stopping you, just reply and tell us.",
      "",
      "With thanks,",
      officer.name,
      "Commissioning team",
    ].join("\n"),
  };
}

function ukDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
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
