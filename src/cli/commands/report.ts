/**
 * `kpi-returns report --period "2022-23 Q2" --site SITE -o report.xlsx|report.html|report.docx`: the quarterly report,
 * built from the SharePoint lists (what finance reviewed), never from the workbooks. The Word document carries the
 * drafted narrative; `--docx-base PREVIOUS.docx` keeps the paragraphs the officer rewrote in an earlier draft.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { UserError } from "../../core/errors";
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
  /** xlsx, html or docx: must agree with the output's extension (which alone decides when this is absent). */
  readonly format?: string;
  /** A previous draft of the .docx whose rewritten paragraphs are kept. */
  readonly docxBase?: string;
}

export const REPORT_FORMATS = ["xlsx", "html", "docx"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function reportFormatOf(output: string, format?: string): ReportFormat {
  const ext = path.extname(output).toLowerCase();
  const fromName: ReportFormat | null =
    ext === ".xlsx" ? "xlsx" : ext === ".html" || ext === ".htm" ? "html" : ext === ".docx" ? "docx" : null;
  if (format !== undefined && !(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliFailure(
      `--format "${format}" is not a report format: use xlsx, html or docx.`,
      ExitCode.badInput,
      "--format",
    );
  }
  if (fromName === null) {
    throw new CliFailure(
      `The report "${output}" must be an .xlsx, an .html or a .docx file.`,
      ExitCode.badInput,
      output,
    );
  }
  if (format !== undefined && format !== fromName) {
    throw new CliFailure(
      `--format ${format} does not match the output "${output}": name it .${format === "html" ? "html" : format}.`,
      ExitCode.badInput,
      output,
    );
  }
  return fromName;
}

/** What writing the report kept from a previous draft: the services whose paragraph is the officer's own. */
export interface WrittenReport {
  readonly kept: readonly string[];
}

/** The rewritten paragraphs of a previous draft, by bookmark, read before anything is written. */
async function readBase(file: string, shown: string): Promise<Map<string, string>> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliFailure(
      code === "ENOENT"
        ? `The previous draft "${shown}" does not exist.`
        : `Could not read the previous draft "${shown}" (${code ?? "error"}).`,
      ExitCode.badInput,
      shown,
    );
  }
  const { readDocxBase } = await import("../../report/docx-base");
  try {
    return await readDocxBase(bytes, shown);
  } catch (err) {
    if (err instanceof UserError) throw new CliFailure(err.message, ExitCode.badInput, shown);
    throw err;
  }
}

/** Writes the report in the format its file name asks for. */
export async function writeReport(
  report: QuarterlyReport,
  file: string,
  generatedAt: Date,
  source?: string,
  /** The path as the user typed it, for error messages. */
  shownAs?: string,
  /** For a .docx: the paragraphs an officer rewrote in a previous draft (from `readBase`), by bookmark. */
  rewritten: ReadonlyMap<string, string> = new Map(),
): Promise<WrittenReport> {
  const shown = shownAs ?? file;
  await makeFolderFor(file, shown);
  const format = reportFormatOf(file);
  if (format === "xlsx") {
    const { renderReportXlsx } = await import("../../report/xlsx");
    await writeOutputFile(file, shown, await renderReportXlsx(report, { generatedAt, source }));
    return { kept: [] };
  }
  if (format === "html") {
    const { renderReportHtml } = await import("../../report/html");
    await writeOutputFile(file, shown, renderReportHtml(report, { generatedAt, source }));
    return { kept: [] };
  }
  const { draftNarrative, allParagraphs } = await import("../../report/narrative");
  const { renderReportDocx, bookmarkFor } = await import("../../report/docx");
  const narrative = draftNarrative(report);
  const kept = new Map<string, string>();
  const names: string[] = [];
  for (const p of allParagraphs(narrative)) {
    const text = rewritten.get(bookmarkFor(p.key));
    if (text !== undefined) {
      kept.set(p.key, text);
      names.push(p.lead);
    }
  }
  await writeOutputFile(
    file,
    shown,
    await renderReportDocx(report, narrative, { generatedAt, source }, kept),
  );
  return { kept: names };
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
  // A service issued with a template from the KPI Templates list is reported by that template, as any other.
  const { checkingSet, loadCatalogue } = await import("../template-library");
  const templates = checkingSet(await loadCatalogue(flags, io));
  return buildQuarterlyReport(items.kpi, items.budget, period, { templates });
}

export async function runReport(flags: ReportFlags, io: CliIo): Promise<void> {
  const format = reportFormatOf(flags.output, flags.format);
  if (flags.docxBase !== undefined && format !== "docx") {
    throw new CliFailure(
      `--docx-base keeps paragraphs of a Word report: write a .docx (--format docx), not "${flags.output}".`,
      ExitCode.badInput,
      "--docx-base",
    );
  }
  // Checked before Graph is asked anything: a bad path or a bad previous draft should not cost a sign-in.
  const rewritten =
    flags.docxBase === undefined
      ? new Map<string, string>()
      : await readBase(path.resolve(io.cwd, flags.docxBase), flags.docxBase);
  const file = await checkOutput(flags.output, flags.force, io.cwd, [".xlsx", ".html", ".htm", ".docx"]);
  const report = await readReport(flags, io);
  const written = await writeReport(report, file, io.now(), flags.site, flags.output, rewritten);
  if (flags.docxBase !== undefined) {
    say(
      io,
      written.kept.length
        ? `Kept ${written.kept.length} ${written.kept.length === 1 ? "paragraph" : "paragraphs"} the officer rewrote in ${flags.docxBase}: ${written.kept.join("; ")}. The rest are drafted afresh.`
        : `No paragraph of ${flags.docxBase} was rewritten by the officer: every paragraph is drafted afresh.`,
    );
  }
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
