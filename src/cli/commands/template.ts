/**
 * `kpi-returns template export|check`: a KPI template as a template workbook an officer edits in Excel, and such a
 * workbook read back and checked, every problem named by sheet and cell.
 */
import path from "node:path";
import { problemText } from "../../core/template-sheets";
import type { KpiTemplate } from "../../core/types";
import { templateWorkbookBuffer, readTemplateWorkbook } from "../../workbook/template-xlsx";
import { ExitCode, CliFailure } from "../exit";
import { checkOutput, shownPath, writeOutputFile } from "../files";
import { say, warn, type CliIo } from "../io";
import { UserError } from "../../core/errors";

export async function runTemplateExport(
  template: KpiTemplate,
  opts: { output: string; force?: boolean },
  io: CliIo,
): Promise<void> {
  const output = await checkOutput(opts.output, opts.force, io.cwd);
  const shown = shownPath(output, io.cwd);
  let bytes: Buffer;
  try {
    bytes = await templateWorkbookBuffer(template);
  } catch (err) {
    if (err instanceof UserError) throw new CliFailure(err.message, ExitCode.badInput, err.where);
    throw err;
  }
  await writeOutputFile(output, shown, bytes);
  say(
    io,
    `Wrote ${shown}: template "${template.id}" version ${template.version} (${template.kpis.length} KPIs, ${template.rules.length} rules, ${template.budgetLines.length} budget lines).`,
  );
}

/** Reads a template workbook: the template, or a failure (exit 2) listing every problem by sheet and cell. */
export async function readCheckedTemplate(file: string, io: CliIo): Promise<KpiTemplate> {
  const absolute = path.resolve(io.cwd, file);
  const shown = shownPath(absolute, io.cwd);
  let read;
  try {
    read = await readTemplateWorkbook(absolute, shown);
  } catch (err) {
    if (err instanceof UserError) throw new CliFailure(err.message, ExitCode.badInput, shown);
    throw err;
  }
  if (read.template === null) {
    const n = read.problems.length;
    for (const p of read.problems) warn(io, `${shown}: ${problemText(p)}`);
    throw new CliFailure(
      `${shown}: ${n} ${n === 1 ? "problem" : "problems"} in the template workbook; fix ${n === 1 ? "it" : "them"} and check again.`,
      ExitCode.badInput,
      shown,
    );
  }
  return read.template;
}

export async function runTemplateCheck(file: string, opts: { json?: boolean }, io: CliIo): Promise<number> {
  const template = await readCheckedTemplate(file, io);
  if (opts.json) say(io, JSON.stringify(template, null, 2));
  else
    say(
      io,
      `${shownPath(path.resolve(io.cwd, file), io.cwd)}: template "${template.id}" version ${template.version} is sound (${template.kpis.length} KPIs, ${template.rules.length} rules, ${template.budgetLines.length} budget lines).`,
    );
  return ExitCode.ok;
}
