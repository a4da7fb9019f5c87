/**
 * `kpi-returns new`: writes a provider's blank return for a quarter, with targets and prior figures filled in, ready
 * to send to the provider.
 */
import path from "node:path";
import { formatPeriod, parsePeriod } from "../../core/period";
import { longestProviderName } from "../../sharepoint/list-items";
import { planNewReturn } from "../../workbook";
import { newXlsx } from "../../workbook/xlsx";
import { ExitCode, CliFailure } from "../exit";
import { checkOutput, shownPath, templateById } from "../files";
import { say, type CliIo } from "../io";
import { readSetupFiles } from "../setup-files";
import { loadCatalogue, templateToUse, type LibraryFlags, type TemplateCatalogue } from "../template-library";

export interface NewReturnOptions {
  template: string;
  provider: string;
  period: string;
  targets?: string;
  history?: string;
  output: string;
  force?: boolean;
  /** With --site: the return is registered in the Return Register, as `issue` registers each of its own. */
  site?: string;
  graphUrl?: string;
  email?: string;
  due?: string;
  by?: string;
}

export async function writeNewReturn(
  opts: NewReturnOptions,
  io: CliIo,
  catalogue?: TemplateCatalogue,
): Promise<string> {
  const cwd = io.cwd;
  const template = catalogue ? templateToUse(catalogue, opts.template) : templateById(opts.template);
  const period = formatPeriod(parsePeriod(opts.period));
  const provider = opts.provider.trim();
  if (!provider) throw new CliFailure("--provider must name the provider.", ExitCode.badInput, "--provider");
  const longest = longestProviderName(template, period);
  if (provider.length > longest) {
    throw new CliFailure(
      `--provider is ${provider.length} characters long; a provider's name can be at most ${longest} characters for ` +
        `this template and period, so its figures fit the SharePoint lists. Please use a shorter name.`,
      ExitCode.badInput,
      "--provider",
    );
  }
  const output = await checkOutput(opts.output, opts.force, cwd);
  const figures = await readSetupFiles(template, {
    targets: opts.targets && path.resolve(cwd, opts.targets),
    history: opts.history && path.resolve(cwd, opts.history),
  });
  // With --due as well as --site the return is issued: registered in the Return Register (--site alone names the
  // KPI Templates library to write it from).
  if (opts.site && opts.due) {
    const { registerNewReturn } = await import("./issue");
    await registerNewReturn({ ...opts, site: opts.site, provider, period }, figures, output, io);
    return output;
  }
  const workbook = newXlsx();
  workbook.apply(planNewReturn({ template, provider, period, ...figures }));
  await workbook.save(output);
  return output;
}

export async function runNew(opts: NewReturnOptions & LibraryFlags, io: CliIo): Promise<void> {
  const written = await writeNewReturn(opts, io, await loadCatalogue(opts, io));
  say(
    io,
    `Wrote ${shownPath(written, io.cwd)}: ${opts.provider.trim()}, ${formatPeriod(parsePeriod(opts.period))}${opts.site && opts.due ? ", registered in the Return Register" : ""}.`,
  );
}
