/**
 * The quarter at a glance, from the Return Register: one row per issued return (provider, service, status in words,
 * due date, days overdue, errors and queries at the last check, who approved, what the officer does next), which of
 * them need an officer now, and the reminders for returns not yet received. `kpi-returns status` and the task pane's
 * Quarter view both build their rows here, so they cannot disagree. Pure.
 */
import type { KpiTemplate } from "./types";
import type { Officer, RegisterEntry, RegisterStatus } from "./register";

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

/**
 * The service a return is for: its template's title (the version issued, else any version of it, the newest first),
 * or the template's id when no template of that id is known here.
 */
export function serviceTitle(
  templates: readonly KpiTemplate[],
  templateId: string,
  version?: string,
): string {
  const same = templates.filter((t) => t.id === templateId);
  const exact = same.find((t) => t.version === version);
  return (exact ?? same[same.length - 1])?.title ?? templateId;
}

/** One row of the quarter's status. */
export interface QuarterRow {
  /** The register's key (provider|template|period), to match the return open in a workbook. */
  readonly returnKey: string;
  readonly provider: string;
  readonly templateId: string;
  /** The template's title: the service the return is for. */
  readonly service: string;
  readonly period: string;
  readonly status: RegisterStatus;
  /** The status in words, for people: "Overdue by 6 days", "Received: waiting for an officer's check"… */
  readonly statusText: string;
  readonly dueDate: string;
  /** Days past the due date while the provider still owes it; 0 otherwise. */
  readonly daysOverdue: number;
  /** Errors and queries found at the last check (null before the return was received). */
  readonly errors: number | null;
  readonly queries: number | null;
  readonly approvedBy: string | null;
  /**
   * True when an officer has something to do now: a received return to check (approve or send back), an approved
   * one to sync to the lists, or an overdue one to chase. Returns the provider is still within time for, and synced
   * ones, need nobody.
   */
  readonly needsOfficer: boolean;
  /** What the officer does next, in words; null when nothing is theirs to do. */
  readonly nextStep: string | null;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The status in words and the officer's next step, for one entry. */
function stateOf(e: RegisterEntry, overdue: number): { statusText: string; nextStep: string | null } {
  switch (e.status) {
    case "Issued":
      return overdue > 0
        ? { statusText: `Overdue by ${plural(overdue, "day")}`, nextStep: "Remind the provider" }
        : { statusText: "Waiting for the provider", nextStep: null };
    case "Returned":
      return overdue > 0
        ? {
            statusText: `Sent back to the provider; overdue by ${plural(overdue, "day")}`,
            nextStep: "Remind the provider",
          }
        : { statusText: "Sent back to the provider", nextStep: null };
    case "Received":
      return {
        statusText: "Received: waiting for an officer's check",
        nextStep: "Check it, then approve or send back",
      };
    case "Approved":
      return { statusText: "Approved, not yet synced", nextStep: "Sync the approved figures to the lists" };
    case "Synced":
      return { statusText: "Approved and synced", nextStep: null };
  }
}

/** The quarter's rows, by provider then template; `templates` give each service its title. */
export function quarterRows(
  entries: readonly RegisterEntry[],
  today: string,
  templates: readonly KpiTemplate[] = [],
): QuarterRow[] {
  const rows = entries.map((e): QuarterRow => {
    const counted = [...e.history].reverse().find((h) => h.counts)?.counts ?? null;
    const daysOverdue = awaitingProvider(e) ? Math.max(0, daysPast(e.dueDate, today)) : 0;
    const { statusText, nextStep } = stateOf(e, daysOverdue);
    return {
      returnKey: e.returnKey,
      provider: e.provider,
      templateId: e.templateId,
      service: serviceTitle(templates, e.templateId, e.templateVersion),
      period: e.period,
      status: e.status,
      statusText,
      dueDate: e.dueDate,
      daysOverdue,
      errors: counted ? counted.error : null,
      queries: counted ? counted.query : null,
      approvedBy: e.approval?.by ?? null,
      needsOfficer: nextStep !== null,
      nextStep,
    };
  });
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((a, b) => cmp(a.provider, b.provider) || cmp(a.templateId, b.templateId));
}

/** The quarter in one sentence: "5 issued: 2 awaited (1 overdue), 1 received, 0 returned, 1 approved, 1 synced." */
export function quarterSummary(rows: readonly QuarterRow[]): string {
  const count = (s: RegisterStatus) => rows.filter((r) => r.status === s).length;
  const late = rows.filter((r) => r.daysOverdue > 0 && r.status === "Issued").length;
  return `${rows.length} issued: ${count("Issued")} awaited (${late} overdue), ${count("Received")} received, ${count("Returned")} returned, ${count("Approved")} approved, ${count("Synced")} synced.`;
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
