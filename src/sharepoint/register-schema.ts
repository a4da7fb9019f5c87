/**
 * The "Return Register" list's name and columns (its reads and writes are in register.ts; its meaning in
 * src/core/register.ts). Apart from them so provisioning can create it without importing the Graph reads.
 */
import { REGISTER_STATUSES } from "../core/register";
import { column, type ListSchema } from "./schema";
import type { GraphTarget } from "./target";

export const REGISTER_LIST_NAME = "Return Register";

export const registerListSchema: ListSchema = {
  displayName: REGISTER_LIST_NAME,
  description:
    "The commissioning team's own record of each issued return: what was issued, received, approved, overridden and synced. Written only by officers.",
  columns: [
    column(
      "ReturnKey",
      "Return key",
      "text",
      "provider|template|period, compared without regard to case, spaces or apostrophes",
      { indexed: true, unique: true },
    ),
    column("Provider", "Provider", "text", "Who owes the return"),
    column("ProviderEmail", "Provider e-mail", "text", "Where reminders go"),
    column("TemplateId", "Template", "text", "The KPI template issued"),
    column("TemplateVersion", "Template version", "text", "The template's version issued"),
    column("Period", "Period", "text", 'Financial-year quarter, e.g. "2022-23 Q2"', { indexed: true }),
    column("DueDate", "Due date", "dateTime", "When the return is due"),
    column("Status", "Status", "choice", "Issued, Received, Returned, Approved or Synced", {
      choices: REGISTER_STATUSES,
    }),
    column("IssuedHash", "Issued hash", "text", "SHA-256 of the issued figures"),
    column("Issued", "Issued figures", "note", "The targets, awards and prior figures issued (JSON)"),
    column("ReceivedAt", "Received at", "dateTime", "When an officer received the return"),
    column("WorkbookHash", "Workbook hash", "text", "SHA-256 of the figures received"),
    column("ApprovedBy", "Approved by", "text", "The signed-in officer"),
    column("ApprovedByUpn", "Approved by (UPN)", "text", "The signed-in officer's user principal name"),
    column("ApprovedAt", "Approved at", "dateTime", "When it was approved"),
    column("ApprovedHash", "Approved hash", "text", "SHA-256 of exactly the figures approved"),
    column("Overrides", "Overrides", "note", "Officers' overrides of queries (JSON): who, when, why"),
    column("History", "History", "note", "Status changes (JSON): who, when, why"),
    column("ReturnedReasons", "Returned reasons", "note", "Why it was sent back (JSON)"),
    column("LastReminderAt", "Last reminder at", "dateTime", "When a reminder was last drafted"),
    column("SyncedAt", "Synced at", "dateTime", "When its figures reached the lists"),
  ],
};

/** The list name this target uses for the register. */
export function registerListName(target: GraphTarget): string {
  return target.lists?.register || REGISTER_LIST_NAME;
}

/** The register's schema with the list name this target uses. */
export function registerListSchemaFor(target: GraphTarget): ListSchema {
  return { ...registerListSchema, displayName: registerListName(target) };
}
