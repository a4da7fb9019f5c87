/**
 * `kpi-returns new`: writes a provider's blank return for a quarter, with targets and prior figures filled in, ready
 * to send to the provider.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { formatPeriod, parsePeriod } from "../../core/period";
import type { KpiTemplate } from "../../core/types";
import { builtInTemplates, findTemplate } from "../../templates";
import { planNewReturn } from "../../workbook";
import { newXlsx } from "../../workbook/xlsx";
import { ExitCode, CliFailure } from "../exit";
import { shownPath } from "../files";
import { say, type CliIo } from "../io";
import { readSetupFiles } from "../setup-files";

export interface NewReturnOptions {
  template: string;
  provider: string;
  period: string;
  targets?: string;
  history?: string;
  output: string;
  force?: boolean;
}

/** The template named by id (optionally "id@version"), or a failure listing the ids there are. */
export function templateById(id: string): KpiTemplate {
  const [bare, version] = id.split("@");
  const found = findTemplate(bare, version);
  if (found) return found;
  const ids = builtInTemplates.map((t) => t.id).sort();
  const near = ids
    .filter((t) => t.includes(bare.toLowerCase()) || bare.toLowerCase().includes(t))
    .slice(0, 3);
  throw new CliFailure(
    `Unknown template "${id}".${near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(" or ")}?` : ""} Run \`kpi-returns templates\` to list them.`,
    ExitCode.badInput,
    "--template",
  );
}

/** Checks an output path: must be .xlsx, and an existing file is only replaced with --force. */
export async function checkOutput(output: string, force: boolean | undefined, cwd: string): Promise<string> {
  const absolute = path.resolve(cwd, output);
  if (path.extname(absolute).toLowerCase() !== ".xlsx") {
    throw new CliFailure(`The output "${output}" must be an .xlsx file.`, ExitCode.badInput, output);
  }
  if (!force) {
    const exists = await fs.stat(absolute).then(
      () => true,
      () => false,
    );
    if (exists) {
      throw new CliFailure(
        `"${output}" already exists. Use --force to replace it.`,
        ExitCode.badInput,
        output,
      );
    }
  }
  await fs.mkdir(path.dirname(absolute), { recursive: true });
  return absolute;
}

export async function writeNewReturn(opts: NewReturnOptions, cwd: string): Promise<string> {
  const template = templateById(opts.template);
  const period = formatPeriod(parsePeriod(opts.period));
  const provider = opts.provider.trim();
  if (!provider) throw new CliFailure("--provider must name the provider.", ExitCode.badInput, "--provider");
  const output = await checkOutput(opts.output, opts.force, cwd);
  const figures = await readSetupFiles(template, {
    targets: opts.targets && path.resolve(cwd, opts.targets),
    history: opts.history && path.resolve(cwd, opts.history),
  });
  const workbook = newXlsx();
  workbook.apply(planNewReturn({ template, provider, period, ...figures }));
  await workbook.save(output);
  return output;
}

export async function runNew(opts: NewReturnOptions, io: CliIo): Promise<void> {
  const written = await writeNewReturn(opts, io.cwd);
  say(
    io,
    `Wrote ${shownPath(written, io.cwd)}: ${opts.provider.trim()}, ${formatPeriod(parsePeriod(opts.period))}.`,
  );
}
