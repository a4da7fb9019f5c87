/**
 * `kpi-returns report --period "2022-23 Q2" --site SITE -o report.xlsx|report.html`: the quarterly report, built from
 * the SharePoint lists (what finance reviewed), never from the workbooks.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { formatPeriod, parsePeriod } from "../../core/period";
import type { QuarterlyReport } from "../../report/model";
import { ExitCode, CliFailure } from "../exit";
import { shownPath } from "../files";
import { connectGraph, withGraph, type GraphFlags } from "../graph";
import { say, warn, type CliIo } from "../io";

export interface ReportFlags extends GraphFlags {
  readonly period: string;
  readonly output: string;
  readonly force?: boolean;
}

export type ReportFormat = "xlsx" | "html";

export function reportFormatOf(output: string): ReportFormat {
  const ext = path.extname(output).toLowerCase();
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".html" || ext === ".htm") return "html";
  throw new CliFailure(
    `The report "${output}" must be an .xlsx or an .html file.`,
    ExitCode.badInput,
    output,
  );
}

/** Writes the report in the format its file name asks for. */
export async function writeReport(
  report: QuarterlyReport,
  file: string,
  generatedAt: Date,
  source?: string,
): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  if (reportFormatOf(file) === "xlsx") {
    const { renderReportXlsx } = await import("../../report/xlsx");
    await fs.writeFile(file, await renderReportXlsx(report, { generatedAt, source }));
  } else {
    const { renderReportHtml } = await import("../../report/html");
    await fs.writeFile(file, renderReportHtml(report, { generatedAt, source }), "utf8");
  }
}

export async function readReport(
  flags: GraphFlags & { period: string },
  io: CliIo,
): Promise<QuarterlyReport> {
  const period = formatPeriod(parsePeriod(flags.period));
  const { client, target } = await connectGraph(flags, io);
  const { readPeriodItems } = await import("../../sharepoint");
  const { buildQuarterlyReport } = await import("../../report/model");
  const items = await withGraph(() => readPeriodItems(client, target, { period }));
  return buildQuarterlyReport(items.kpi, items.budget, period);
}

export async function runReport(flags: ReportFlags, io: CliIo): Promise<void> {
  reportFormatOf(flags.output);
  const file = path.resolve(io.cwd, flags.output);
  if (
    !flags.force &&
    (await fs.stat(file).then(
      () => true,
      () => false,
    ))
  ) {
    throw new CliFailure(
      `"${flags.output}" already exists. Use --force to replace it.`,
      ExitCode.badInput,
      flags.output,
    );
  }
  const report = await readReport(flags, io);
  await writeReport(report, file, io.now(), flags.site);
  if (report.sources.kpiItems + report.sources.budgetItems === 0) {
    warn(
      io,
      `kpi-returns: the lists on ${flags.site} hold no approved returns for ${report.period}; the report is empty.`,
    );
  }
  say(
    io,
    `Wrote ${shownPath(file, io.cwd)}: ${report.period}, ${report.sources.returns} returns ` +
      `(${report.sources.kpiItems} KPI figures, ${report.sources.budgetItems} budget lines).`,
  );
}
