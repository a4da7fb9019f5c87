/**
 * `kpi-returns migrate FILE --to VERSION -o OUT`: writes a not-yet-approved return afresh on a newer version of its
 * template, carrying the figures and commentaries that still have a place, and says what was added, removed and
 * changed. The original file is left as it was.
 */
import path from "node:path";
import { migrationRefusal, migrationReportLines, planMigration } from "../../core/migrate";
import { combinePlans, planNewReturn, planProviderInput } from "../../workbook";
import { newXlsx } from "../../workbook/xlsx";
import { ExitCode, CliFailure } from "../exit";
import { checkOutput, expandReturnFiles, shownPath } from "../files";
import { say, type CliIo } from "../io";
import { openReturn, requireReturn } from "../returns";
import { checkingSet, loadCatalogue, templateOf, type LibraryFlags } from "../template-library";

export interface MigrateOptions extends LibraryFlags {
  readonly to: string;
  readonly output: string;
  readonly force?: boolean;
  readonly json?: boolean;
}

export async function runMigrate(file: string, opts: MigrateOptions, io: CliIo): Promise<number> {
  const [only, ...more] = await expandReturnFiles([file], io.cwd);
  if (!only || more.length > 0)
    throw new CliFailure(
      `"${file}" names ${more.length + 1} files; give one return.`,
      ExitCode.badInput,
      file,
    );
  const catalogue = await loadCatalogue(opts, io);
  const opened = await openReturn(only, io.cwd, checkingSet(catalogue));
  const { ret, template: from } = requireReturn(opened);
  const structural = opened.structural.find((f) => f.severity === "error");
  if (structural)
    throw new CliFailure(
      `"${opened.shown}" cannot be migrated until its workbook is sound: ${structural.message}`,
      ExitCode.failed,
      opened.shown,
    );
  const version = opts.to.includes("@") ? opts.to.split("@")[1] : opts.to;
  const to = templateOf(catalogue, `${ret.templateId}@${version}`);
  const refusal = migrationRefusal(ret, from, to);
  if (refusal) throw new CliFailure(`"${opened.shown}": ${refusal}`, ExitCode.failed, opened.shown);
  const output = await checkOutput(opts.output, opts.force, io.cwd);
  if (path.resolve(output) === path.resolve(only))
    throw new CliFailure(
      "Write the migrated return to a new file: -o must not be the return itself.",
      ExitCode.badInput,
      "-o",
    );
  const plan = planMigration(ret, from, to);
  const workbook = newXlsx();
  workbook.apply(planNewReturn({ template: to, provider: ret.provider, period: ret.period, ...plan.issued }));
  workbook.apply(combinePlans(planProviderInput(workbook.snapshot(), plan.typed, { asTyped: true })));
  await workbook.save(output);
  if (opts.json) say(io, JSON.stringify({ file: shownPath(output, io.cwd), ...plan.report }, null, 2));
  else {
    say(io, `Wrote ${shownPath(output, io.cwd)}: ${ret.provider}, ${ret.period}, template "${to.id}".`);
    for (const line of migrationReportLines(plan.report)) say(io, line);
  }
  return ExitCode.ok;
}
