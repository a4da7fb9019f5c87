/**
 * The officer's decisions on a return: `approve`, `override` (explain a query with a reason, or withdraw that) and
 * `return` (send back to the provider with reasons), each decided by core's room, recorded in the Return Register
 * first and then stamped into the workbook for the provider's information; and `annotate` (highlight findings).
 */
import path from "node:path";
import {
  decideApprove,
  decideOverride,
  decideReturnToProvider,
  decideWithdrawOverride,
  type Act,
  type Decision,
  type ReturnCase,
} from "../../core/decisions";
import type { Return } from "../../core/types";
import { planAnnotations, planReturnState } from "../../workbook";
import { ExitCode, CliFailure } from "../exit";
import { checkOutput, expandReturnFiles, shownPath } from "../files";
import { say, type CliIo } from "../io";
import { decideOnWorkbook, officerSession, refuseByOffEmulator, type OfficerFlags } from "../register";
import { graphBaseUrl } from "../graph";
import {
  checkReturn,
  openReturnByLibrary,
  requireReturn,
  refuseToRewrite,
  type CheckedReturn,
} from "../returns";
import { libraryOnDemand, type LibraryFlags } from "../template-library";
import { countsText } from "./validate";

/**
 * Exactly one return file: commands that change a return work on one at a time. It is read against the templates
 * of `library`'s site (the KPI Templates list's versions too), as every other face reads it.
 */
async function oneReturn(pattern: string, io: CliIo, library: LibraryFlags = {}): Promise<CheckedReturn> {
  const files = await expandReturnFiles([pattern], io.cwd);
  if (files.length !== 1) {
    throw new CliFailure(
      `"${pattern}" names ${files.length} files; give one return.`,
      ExitCode.badInput,
      pattern,
    );
  }
  const checked = checkReturn(await openReturnByLibrary(files[0], io.cwd, libraryOnDemand(library, io)));
  requireReturn(checked);
  refuseToRewrite(checked);
  return checked;
}

/** Writes the return's new state into its workbook: to --output when given, otherwise back into the same file. */
/** Where the workbook's copy goes, checked before anything is decided: nothing is recorded that cannot be written. */
async function outputOf(
  checked: CheckedReturn,
  output: string | undefined,
  force: boolean | undefined,
  io: CliIo,
): Promise<string> {
  // -o onto another existing file replaces it only with --force; -o naming the return itself is the same as no -o.
  return output
    ? checkOutput(output, force || path.resolve(io.cwd, output) === checked.file, io.cwd)
    : checked.file;
}

async function saveState(checked: CheckedReturn, next: Return, target: string, io: CliIo): Promise<string> {
  checked.workbook.apply(planReturnState(next));
  await checked.workbook.save(target);
  return shownPath(target, io.cwd);
}

export interface DecisionFlags extends OfficerFlags {
  readonly output?: string;
  readonly force?: boolean;
}

/** One decision on one workbook: the register first, then the workbook's copy (into -o, or the file itself). */
async function decideOn(
  file: string,
  flags: DecisionFlags,
  io: CliIo,
  decide: (c: ReturnCase, act: Act) => Decision,
): Promise<{ written: string; officer: string }> {
  // A misplaced --by is refused before anything is read, the KPI Templates list included.
  if (flags.by !== undefined) refuseByOffEmulator(flags, graphBaseUrl(flags, io));
  const checked = await oneReturn(file, io, { site: flags.site, graphUrl: flags.graphUrl });
  const target = await outputOf(checked, flags.output, flags.force, io);
  const session = await officerSession(flags, io);
  const { written } = await decideOnWorkbook(checked, session, decide, (stamp) =>
    saveState(checked, stamp, target, io),
  );
  return { written: written ?? checked.shown, officer: session.act.officer.name };
}

export async function runApprove(
  file: string,
  opts: DecisionFlags & { comment?: string },
  io: CliIo,
): Promise<{ written: string; officer: string }> {
  return decideOn(file, opts, io, (c, act) => decideApprove(c, act, opts.comment ?? ""));
}

export async function runOverride(
  file: string,
  opts: DecisionFlags & { rule: string; subject?: string; reason?: string; withdraw?: boolean },
  io: CliIo,
): Promise<{ written: string; officer: string }> {
  const query = { ruleId: opts.rule, subject: opts.subject ?? "" };
  if (opts.withdraw) return decideOn(file, opts, io, (c, act) => decideWithdrawOverride(c, act, query));
  if (!opts.reason?.trim())
    throw new CliFailure("--reason must say why the query is accepted.", ExitCode.badInput, "--reason");
  return decideOn(file, opts, io, (c, act) => decideOverride(c, act, { ...query, reason: opts.reason! }));
}

export async function runReturnToProvider(
  file: string,
  opts: DecisionFlags & { reason: string[] },
  io: CliIo,
): Promise<{ written: string; officer: string }> {
  if (opts.reason.every((r) => !r.trim()))
    throw new CliFailure("--reason must say what the provider should change.", ExitCode.badInput, "--reason");
  return decideOn(file, opts, io, (c, act) => decideReturnToProvider(c, act, opts.reason));
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
