/**
 * The "Return Register" list's name and columns (its reads and writes are in register.ts; its meaning in
 * src/core/register.ts). Apart from them so provisioning can create it without importing the Graph reads.
 */
import { REGISTER_STATUSES } from "../core/register";
import type { ListSchema } from "./schema";
import type { GraphTarget } from "./target";

export const REGISTER_LIST_NAME = "Return Register";

export const registerListSchema: ListSchema = {
  displayName: REGISTER_LIST_NAME,
  description:
    "The commissioning team's own record of each issued return: what was issued, received, approved, overridden and synced. Written only by officers.",
  columns: [
    {
      name: "ReturnKey",
      displayName: "Return key",
      kind: "text",
      indexed: true,
      unique: true,
      description: "provider|template|period, compared without regard to case, spaces or apostrophes",
    },
    { name: "Provider", displayName: "Provider", kind: "text", description: "Who owes the return" },
    {
      name: "ProviderEmail",
      displayName: "Provider e-mail",
      kind: "text",
      description: "Where reminders go",
    },
    { name: "TemplateId", displayName: "Template", kind: "text", description: "The KPI template issued" },
    {
      name: "TemplateVersion",
      displayName: "Template version",
      kind: "text",
      description: "The template's version issued",
    },
    {
      name: "Period",
      displayName: "Period",
      kind: "text",
      indexed: true,
      description: 'Financial-year quarter, e.g. "2022-23 Q2"',
    },
    { name: "DueDate", displayName: "Due date", kind: "dateTime", description: "When the return is due" },
    {
      name: "Status",
      displayName: "Status",
      kind: "choice",
      choices: REGISTER_STATUSES,
      description: "Issued, Received, Returned, Approved or Synced",
    },
    {
      name: "IssuedHash",
      displayName: "Issued hash",
      kind: "text",
      description: "SHA-256 of the issued figures",
    },
    {
      name: "Issued",
      displayName: "Issued figures",
      kind: "note",
      description: "The targets, awards and prior figures issued (JSON)",
    },
    {
      name: "ReceivedAt",
      displayName: "Received at",
      kind: "dateTime",
      description: "When an officer received the return",
    },
    {
      name: "WorkbookHash",
      displayName: "Workbook hash",
      kind: "text",
      description: "SHA-256 of the figures received",
    },
    { name: "ApprovedBy", displayName: "Approved by", kind: "text", description: "The signed-in officer" },
    {
      name: "ApprovedByUpn",
      displayName: "Approved by (UPN)",
      kind: "text",
      description: "The signed-in officer's user principal name",
    },
    { name: "ApprovedAt", displayName: "Approved at", kind: "dateTime", description: "When it was approved" },
    {
      name: "ApprovedHash",
      displayName: "Approved hash",
      kind: "text",
      description: "SHA-256 of exactly the figures approved",
    },
    {
      name: "Overrides",
      displayName: "Overrides",
      kind: "note",
      description: "Officers' overrides of queries (JSON): who, when, why",
    },
    {
      name: "History",
      displayName: "History",
      kind: "note",
      description: "Status changes (JSON): who, when, why",
    },
    {
      name: "ReturnedReasons",
      displayName: "Returned reasons",
      kind: "note",
      description: "Why it was sent back (JSON)",
    },
    {
      name: "LastReminderAt",
      displayName: "Last reminder at",
      kind: "dateTime",
      description: "When a reminder was last drafted",
    },
    {
      name: "SyncedAt",
      displayName: "Synced at",
      kind: "dateTime",
      description: "When its figures reached the lists",
    },
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
