/**
 * `kpi-returns report --period "2022-23 Q2" --site SITE -o report.xlsx|report.html`: the quarterly report, built from
 * the SharePoint lists (what finance reviewed), never from the workbooks.
 */
import path from "node:path";
import { formatPeriod, parsePeriod } from "../../core/period";
import type { QuarterlyReport } from "../../report/model";
import { ExitCode, CliFailure } from "../exit";
import { checkOutput, makeFolderFor, shownPath, writeOutputFile } from "../files";
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
  /** The path as the user typed it, for error messages. */
  shownAs?: string,
): Promise<void> {
  const shown = shownAs ?? file;
  await makeFolderFor(file, shown);
  if (reportFormatOf(file) === "xlsx") {
    const { renderReportXlsx } = await import("../../report/xlsx");
    await writeOutputFile(file, shown, await renderReportXlsx(report, { generatedAt, source }));
  } else {
    const { renderReportHtml } = await import("../../report/html");
    await writeOutputFile(file, shown, renderReportHtml(report, { generatedAt, source }));
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
  // Checked before Graph is asked anything: a bad path should not cost a sign-in.
  const file = await checkOutput(flags.output, flags.force, io.cwd, [".xlsx", ".html", ".htm"]);
  const report = await readReport(flags, io);
  await writeReport(report, file, io.now(), flags.site, flags.output);
  if (report.sources.kpiItems + report.sources.budgetItems === 0) {
    warn(
      io,
      `kpi-returns: The lists on ${flags.site} hold no approved returns for ${report.period}; the report is empty.`,
    );
  }
  say(
    io,
    `Wrote ${shownPath(file, io.cwd)}: ${report.period}, ${report.sources.returns} returns ` +
      `(${report.sources.kpiItems} KPI figures, ${report.sources.budgetItems} budget lines).`,
  );
}
