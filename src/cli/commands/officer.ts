/**
 * The officer's decisions on a return, written back into its workbook's metadata: `annotate` (highlight findings),
 * `approve`, `override` (explain a query with a reason) and `return` (send back to the provider with reasons).
 */
import path from "node:path";
import { UserError } from "../../core/errors";
import { approve, markValidated, overrideQuery, returnToProvider, submit } from "../../core/lifecycle";
import type { Finding, Return } from "../../core/types";
import { planAnnotations, planReturnState } from "../../workbook";
import { ExitCode, CliFailure } from "../exit";
import { checkOutput, expandReturnFiles, shownPath } from "../files";
import { say, type CliIo } from "../io";
import {
  checkReturn,
  openReturn,
  requireReturn,
  refuseToRewrite,
  placeFindings,
  cellText,
  type CheckedReturn,
} from "../returns";
import { checkingSet, loadCatalogue } from "../template-library";
import { countsText } from "./validate";

/** Exactly one return file: commands that change a return work on one at a time. */
async function oneReturn(pattern: string, io: CliIo): Promise<CheckedReturn> {
  const files = await expandReturnFiles([pattern], io.cwd);
  if (files.length !== 1) {
    throw new CliFailure(
      `"${pattern}" names ${files.length} files; give one return.`,
      ExitCode.badInput,
      pattern,
    );
  }
  const checked = checkReturn(await openReturn(files[0], io.cwd, checkingSet(await loadCatalogue({}, io))));
  requireReturn(checked);
  refuseToRewrite(checked);
  return checked;
}

/** Writes the return's new state into its workbook: to --output when given, otherwise back into the same file. */
async function saveState(
  checked: CheckedReturn,
  next: Return,
  output: string | undefined,
  force: boolean | undefined,
  io: CliIo,
): Promise<string> {
  // -o onto another existing file replaces it only with --force; -o naming the return itself is the same as no -o.
  const target = output
    ? await checkOutput(output, force || path.resolve(io.cwd, output) === checked.file, io.cwd)
    : checked.file;
  checked.workbook.apply(planReturnState(next));
  await checked.workbook.save(target);
  return shownPath(target, io.cwd);
}

/** "RULE on KPI (Sheet!G4): message" lines for what stops an approval. */
function blockers(checked: CheckedReturn): string[] {
  return placeFindings(checked, checked.findings)
    .filter(
      (p) => p.finding.severity === "error" || (p.finding.severity === "query" && !p.finding.explainedBy),
    )
    .map(
      (p) =>
        `  ${p.finding.severity} ${p.finding.ruleId}${cellText(p) ? ` at ${cellText(p)}` : ""}: ${p.finding.message}`,
    );
}

function subjectOf(f: Finding): string {
  return f.kpiId ?? f.lineId ?? "";
}

export async function runApprove(
  file: string,
  opts: { by: string; comment?: string; output?: string; force?: boolean },
  io: CliIo,
): Promise<string> {
  const checked = await oneReturn(file, io);
  const { ret, template } = requireReturn(checked);
  if (!checked.approvable) {
    throw new CliFailure(
      `Cannot approve "${checked.shown}" while errors or unexplained queries stand (${countsText(checked.findings)}):\n${blockers(checked).join("\n")}\n` +
        "Fix the errors; explain each query with a commentary, or `kpi-returns override … --reason`.",
      ExitCode.failed,
      checked.shown,
    );
  }
  const at = io.now().toISOString();
  let next = ret;
  // A workbook in the officer's hands has been sent in, and has just been checked: the lifecycle records both steps.
  if (next.status === "draft" || next.status === "returned") next = submit(next, { by: next.provider, at });
  if (next.status === "submitted") next = markValidated(next, { by: opts.by, at });
  try {
    next = approve(next, template, { by: opts.by, at, comment: opts.comment });
  } catch (err) {
    if (err instanceof UserError)
      throw new CliFailure(err.message.split("\n")[0], ExitCode.failed, checked.shown);
    throw err;
  }
  return saveState(checked, next, opts.output, opts.force, io);
}

/** Why an override names no query of the return, and what it could name instead. */
function noSuchQuery(
  checked: CheckedReturn,
  queries: readonly Finding[],
  rule: string,
  subject: string,
): CliFailure {
  const on = (f: Finding): string => (subjectOf(f) ? `${f.ruleId} on "${subjectOf(f)}"` : f.ruleId);
  const sameRule = queries.filter((f) => f.ruleId === rule && subjectOf(f));
  let message: string;
  if (!subject && sameRule.length > 0) {
    // The rule is about a KPI or budget line: say which ones, so the next try can name one.
    const subjects = sameRule.map((f) => `"${subjectOf(f)}"`).join(", ");
    message = `"${checked.shown}" has ${rule} queries on ${subjects}: add --subject with one of them.`;
  } else {
    const asked = subject ? `${rule} on "${subject}"` : rule;
    const known = queries.map(on).join(", ");
    message = `"${checked.shown}" has no query ${asked}. ${known ? `Its queries: ${known}.` : "It has no queries."}`;
  }
  return new CliFailure(message, ExitCode.badInput, checked.shown);
}

export async function runOverride(
  file: string,
  opts: { rule: string; subject?: string; reason: string; by: string; output?: string; force?: boolean },
  io: CliIo,
): Promise<string> {
  const checked = await oneReturn(file, io);
  const { ret } = requireReturn(checked);
  const subject = opts.subject ?? "";
  const queries = checked.findings.filter((f) => f.severity === "query");
  const match = queries.find((f) => f.ruleId === opts.rule && subjectOf(f) === subject);
  if (!match) throw noSuchQuery(checked, queries, opts.rule, subject);
  if (!opts.reason.trim())
    throw new CliFailure("--reason must say why the query is accepted.", ExitCode.badInput);
  const next = overrideQuery(ret, {
    ruleId: opts.rule,
    subject,
    reason: opts.reason.trim(),
    by: opts.by,
    at: io.now().toISOString(),
  });
  return saveState(checked, next, opts.output, opts.force, io);
}

export async function runReturnToProvider(
  file: string,
  opts: { by: string; reason: string[]; output?: string; force?: boolean },
  io: CliIo,
): Promise<string> {
  const checked = await oneReturn(file, io);
  const { ret } = requireReturn(checked);
  const reasons = opts.reason.map((r) => r.trim()).filter(Boolean);
  if (reasons.length === 0)
    throw new CliFailure("--reason must say what the provider should change.", ExitCode.badInput);
  const at = io.now().toISOString();
  // Only a return that was sent in can be sent back; a workbook in the officer's hands has been.
  const received = ret.status === "draft" ? submit(ret, { by: ret.provider, at }) : ret;
  const next = returnToProvider(received, { by: opts.by, at, reasons });
  return saveState(checked, next, opts.output, opts.force, io);
}

export async function runAnnotate(
  file: string,
  opts: { output: string; force?: boolean },
  io: CliIo,
): Promise<CheckedReturn> {
  const checked = await oneReturn(file, io);
  const output = await checkOutput(
    opts.output,
    opts.force || path.resolve(io.cwd, opts.output) === checked.file,
    io.cwd,
  );
  checked.workbook.apply(planAnnotations(checked.snapshot, checked.findings));
  await checked.workbook.save(output);
  say(io, `Wrote ${shownPath(output, io.cwd)}: ${countsText(checked.findings)} highlighted.`);
  return checked;
}
