/**
 * `remind`: reminder drafts for returns not yet received that are overdue or due soon, as Outlook drafts or .eml
 * files, each reminder recorded in the Return Register.
 */
import path from "node:path";
import { formatPeriod, parsePeriod } from "../../core/period";
import { dueForReminder, reminderMessage, serviceTitle } from "../../core/quarter";
import { type RegisterEntry } from "../../core/register";
import { ExitCode, CliFailure } from "../exit";
import { makeFolderFor, shownPath, writeOutputFile } from "../files";
import { withGraph } from "../graph";
import { say, warn, type CliIo } from "../io";
import { officerSession, type OfficerFlags } from "../register";

import { returnFileName } from "./issue";
import { templatesFor } from "./register";

export interface RemindOptions extends OfficerFlags {
  readonly period: string;
  readonly within: string;
  readonly eml?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

/** An RFC 5322 draft: what a mail program opens and sends. Plain text, UTF-8. */
export function emlText(m: { to: string; subject: string; body: string }, from: string, at: Date): string {
  const subject = /^[\x20-\x7e]*$/.test(m.subject)
    ? m.subject
    : `=?UTF-8?B?${Buffer.from(m.subject, "utf8").toString("base64")}?=`;
  return [
    `From: ${from}`,
    `To: ${m.to}`,
    `Subject: ${subject}`,
    `Date: ${at.toUTCString().replace("GMT", "+0000")}`,
    "X-Unsent: 1",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    m.body.replace(/\r?\n/g, "\r\n"),
    "",
  ].join("\r\n");
}

type Reminder = ReturnType<typeof reminderMessage> & { readonly entry: RegisterEntry };
type RegisterRecords = Awaited<ReturnType<Awaited<typeof import("../../sharepoint")>["readRegister"]>>;

/** Each reminder drafted (Outlook, or an .eml file) and recorded in the register; returns where each went. */
async function sendReminders(
  messages: readonly Reminder[],
  records: RegisterRecords,
  session: Awaited<ReturnType<typeof officerSession>>,
  opts: RemindOptions,
  io: CliIo,
): Promise<string[]> {
  const { writeRegisterEntry, draftMessage } = await import("../../sharepoint");
  const written: string[] = [];
  for (const m of messages) {
    if (!m.to) {
      warn(io, `kpi-returns: ${m.entry.provider} has no e-mail in the Return Register; no reminder drafted.`);
      continue;
    }
    if (opts.eml) {
      const file = path.resolve(
        io.cwd,
        opts.eml,
        returnFileName(m.entry.provider, m.entry.templateId).replace(/\.xlsx$/, ".eml"),
      );
      await makeFolderFor(file, shownPath(file, io.cwd));
      await writeOutputFile(file, shownPath(file, io.cwd), emlText(m, session.act.officer.upn, io.now()));
      written.push(shownPath(file, io.cwd));
    } else {
      await withGraph(() => draftMessage(session.client, m));
      written.push(`Outlook draft to ${m.to}`);
    }
    const record = records.find((r) => r.entry.returnKey === m.entry.returnKey)!;
    await withGraph(() =>
      writeRegisterEntry(session.client, session.target, record, {
        ...record.entry,
        lastReminderAt: session.act.at,
      }),
    );
  }
  return written;
}

export async function runRemind(opts: RemindOptions, io: CliIo): Promise<void> {
  const period = formatPeriod(parsePeriod(opts.period));
  const within = Number(opts.within);
  if (!Number.isInteger(within) || within < 0) {
    throw new CliFailure(
      `--within "${opts.within}" must be a whole number of days, 0 or more.`,
      ExitCode.badInput,
      "--within",
    );
  }
  // Only drafting in Outlook needs the mail scope; .eml files and a dry run do not ask for it.
  const session = await officerSession(opts, io, opts.eml || opts.dryRun ? "officer" : "remind");
  const { readRegister } = await import("../../sharepoint");
  const records = await withGraph(() => readRegister(session.client, session.target, period));
  const today = io.now().toISOString();
  const due = dueForReminder(
    records.map((r) => r.entry),
    today,
    within,
  );
  const templates = await templatesFor(due, opts, io);
  const messages = due.map((e) => ({
    entry: e,
    ...reminderMessage(
      e,
      today,
      session.act.officer,
      serviceTitle(templates, e.templateId, e.templateVersion),
    ),
  }));
  const written = opts.dryRun ? [] : await sendReminders(messages, records, session, opts, io);
  if (opts.json) {
    say(
      io,
      JSON.stringify(
        messages.map((m) => ({
          provider: m.entry.provider,
          templateId: m.entry.templateId,
          period: m.entry.period,
          dueDate: m.entry.dueDate,
          to: m.to,
          subject: m.subject,
          sent: !opts.dryRun && !!m.to,
        })),
        null,
        2,
      ),
    );
    return;
  }
  if (messages.length === 0) {
    say(
      io,
      `No reminders: every return of ${period} not yet received is due more than ${within} day${within === 1 ? "" : "s"} from now.`,
    );
    return;
  }
  for (const m of messages)
    say(
      io,
      `${opts.dryRun ? "Would remind" : "Reminded"} ${m.entry.provider} (${m.to || "no e-mail"}): ${m.subject}`,
    );
  if (written.length > 0)
    say(
      io,
      opts.eml
        ? `Wrote ${written.length} .eml file${written.length === 1 ? "" : "s"} into ${opts.eml}.`
        : `${written.length} draft${written.length === 1 ? "" : "s"} are in your Outlook Drafts folder, ready to check and send.`,
    );
}
