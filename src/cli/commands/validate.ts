/**
 * `kpi-returns validate FILE.xlsx... [--json]`: checks each return against its KPI template and reports the findings.
 * Exit 0: no errors and no unexplained queries; 1: errors or unexplained queries; 2: a file unreadable or not a return.
 */
import { UserError, technicalDetail } from "../../core/errors";
import { effectiveStatus } from "../../core/lifecycle";
import type { Finding } from "../../core/types";
import { ExitCode, UNEXPECTED_CLI_FAILURE } from "../exit";
import { expandReturnFiles, shownPath } from "../files";
import { say, warn, type CliIo } from "../io";
import { startProgress } from "../progress";
import {
  checkReturn,
  openReturn,
  placeFindings,
  cellText,
  type CheckedReturn,
  type ReadReturn,
  type PlacedFinding,
} from "../returns";
import { checkingSet, loadCatalogue, type LibraryFlags } from "../template-library";
import { renderTable, wrapText } from "../table";

/**
 * One file's verdict in the `--json` contract (docs/cli.md): exactly these fields. A file that could not be read as a
 * return has null identity and status, and one error finding saying why.
 */
export interface ValidateJson {
  file: string;
  templateId: string | null;
  templateVersion: string | null;
  provider: string | null;
  period: string | null;
  status: string | null;
  findings: {
    ruleId: string;
    severity: string;
    kpiId?: string;
    lineId?: string;
    sheet: string | null;
    cell: string | null;
    message: string;
  }[];
  figures: {
    kpiId: string;
    actual: number | null;
    target: number | null;
    variance: number | null;
    variancePct: number | null;
    changeVsPreviousPct: number | null;
    changeVsLastYearPct: number | null;
    rag: string | null;
  }[];
  budget: {
    lineId: string;
    awarded: number | null;
    spentToDate: number | null;
    utilisation: number | null;
    expectedUtilisation: number | null;
    forecastOutturn: number | null;
    rag: string | null;
  }[];
}

export function validationJson(checked: CheckedReturn): ValidateJson {
  const ret = checked.ret;
  const v = checked.validation;
  return {
    file: checked.shown,
    templateId: ret?.templateId ?? "",
    templateVersion: ret?.templateVersion ?? "",
    provider: ret?.provider ?? "",
    period: ret?.period ?? "",
    // What the figures really are: an approval made void by a later change does not read as "approved"/"synced".
    status: ret ? effectiveStatus(ret) : "",
    findings: placeFindings(checked, checked.findings).map(({ finding: f, sheet, cell }) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      ...(f.kpiId !== undefined ? { kpiId: f.kpiId } : {}),
      ...(f.lineId !== undefined ? { lineId: f.lineId } : {}),
      sheet,
      cell,
      message: f.message,
    })),
    figures: (v?.figures ?? []).map((k) => ({
      kpiId: k.kpiId,
      actual: k.actual,
      target: k.target,
      variance: k.variance,
      variancePct: k.variancePct,
      changeVsPreviousPct: k.changeVsPreviousPct,
      changeVsLastYearPct: k.changeVsLastYearPct,
      rag: k.rag,
    })),
    budget: (v?.budget ?? []).map((b) => ({
      lineId: b.lineId,
      awarded: b.awarded,
      spentToDate: b.spentToDate,
      utilisation: b.utilisation,
      expectedUtilisation: b.expectedUtilisation,
      forecastOutturn: b.forecastOutturn,
      rag: b.rag,
    })),
  };
}

export interface FileProblem {
  /** The path as shown to the user. */
  readonly file: string;
  readonly message: string;
  /** The finding id it is reported under in `--json`: the workbook's own structural rule, or UNREADABLE. */
  readonly ruleId: string;
  /** A bug, not the file's fault: the run ends with exit 4 once every other file is reported. */
  readonly unexpected?: boolean;
}

/** The `--json` rule id of a file that could not be opened at all (missing, corrupt, not a spreadsheet). */
export const UNREADABLE_RULE_ID = "UNREADABLE";

/** A file that could not be read as a return, in the same shape as a return's verdict, so scripts get one per file. */
export function unreadableJson(problem: FileProblem): ValidateJson {
  return {
    file: problem.file,
    templateId: null,
    templateVersion: null,
    provider: null,
    period: null,
    status: null,
    findings: [
      { ruleId: problem.ruleId, severity: "error", sheet: null, cell: null, message: problem.message },
    ],
    figures: [],
    budget: [],
  };
}

export interface ValidateRun {
  readonly checked: ReadReturn[];
  readonly problems: FileProblem[];
  /** Every file's `--json` verdict, readable or not, in the order the files were given. */
  readonly verdicts: ValidateJson[];
}

/** Opens and checks every file; a file that cannot be read is a problem of its own, not the end of the run. */
export async function validateFiles(
  files: readonly string[],
  io: CliIo,
  library: LibraryFlags = {},
): Promise<ValidateRun> {
  const templates = checkingSet(await loadCatalogue(library, io));
  const checked: ReadReturn[] = [];
  const problems: FileProblem[] = [];
  const verdicts: ValidateJson[] = [];
  const unreadable = (problem: FileProblem): void => {
    problems.push(problem);
    verdicts.push(unreadableJson(problem));
  };
  const progress = startProgress(io, "Validating", files.length);
  for (const file of files) {
    try {
      const result = checkReturn(await openReturn(file, io.cwd, templates));
      if (result.kind === "not-a-return") {
        const why = result.structural.find((f) => f.severity === "error");
        unreadable({
          file: result.shown,
          message: `"${result.shown}" is not a KPI return.${why ? ` ${why.message}` : ""}`,
          ruleId: why?.ruleId ?? UNREADABLE_RULE_ID,
        });
      } else {
        checked.push(result);
        verdicts.push(validationJson(result));
      }
    } catch (err) {
      // A file that cannot be read is said plainly. Anything else is a bug: this file gets its own line and the run
      // goes on, so one bad file never hides the verdicts on the others (the run still ends with exit 4).
      const shown = shownPath(file, io.cwd);
      if (err instanceof UserError) {
        unreadable({ file: shown, message: err.message, ruleId: UNREADABLE_RULE_ID });
      } else {
        if (io.env.KPI_RETURNS_DEBUG) warn(io, technicalDetail(err));
        unreadable({
          file: shown,
          message: `"${shown}" could not be checked: ${UNEXPECTED_CLI_FAILURE}`,
          ruleId: UNREADABLE_RULE_ID,
          unexpected: true,
        });
      }
    }
    progress.tick(shownPath(file, io.cwd));
  }
  progress.stop();
  return { checked, problems, verdicts };
}

/** The count line for one return: "1 error, 2 queries (1 unexplained), 3 info". */
export function countsText(findings: readonly Finding[]): string {
  const n = (s: Finding["severity"]): number => findings.filter((f) => f.severity === s).length;
  const unexplained = findings.filter((f) => f.severity === "query" && !f.explainedBy).length;
  const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
  const queries =
    plural(n("query"), "query", "queries") + (n("query") > 0 ? ` (${unexplained} unexplained)` : "");
  return `${plural(n("error"), "error", "errors")}, ${queries}, ${n("info")} info`;
}

/** Findings' messages are wrapped to this width under their row, so with the indents a line stays within 100 columns. */
const MESSAGE_WIDTH = 92;

/**
 * The findings as a table of severity, rule and cell, each row followed by its message in full, wrapped and indented:
 * a message carries the instruction at its end, so it is never cut.
 */
export function findingsTable(placed: readonly PlacedFinding[]): string {
  const [header, rule, ...rows] = renderTable(
    [
      { header: "Severity", value: (p: PlacedFinding) => p.finding.severity },
      {
        header: "Explained",
        value: (p) => (p.finding.severity === "query" ? (p.finding.explainedBy ?? "no") : ""),
      },
      { header: "Rule", value: (p) => p.finding.ruleId },
      { header: "Cell", value: cellText },
    ],
    placed,
  ).split("\n");
  const messageLines = (p: PlacedFinding): string[] =>
    wrapText(p.finding.message, MESSAGE_WIDTH).map((l) => `    ${l}`);
  return [header, rule, ...rows.flatMap((row, i) => [row, ...messageLines(placed[i])])].join("\n");
}

export function verdict(checked: CheckedReturn): string {
  if (checked.approvable) return "ready to approve";
  return checked.findings.some((f) => f.severity === "error") ? "errors to fix" : "queries to explain";
}

function printHuman(io: CliIo, run: ValidateRun): void {
  for (const c of run.checked) {
    const ret = c.ret;
    say(
      io,
      `${c.shown}: ${ret.provider}, ${c.template?.title ?? ret.templateId} ${ret.templateVersion}, ${ret.period}, ${effectiveStatus(ret)}`,
    );
    say(io, `  ${countsText(c.findings)}: ${verdict(c)}`);
    if (c.findings.length > 0) {
      say(
        io,
        findingsTable(placeFindings(c, c.findings))
          .split("\n")
          .map((l) => `  ${l}`)
          .join("\n"),
      );
    }
    say(io);
  }
  if (run.checked.length > 1) {
    const ready = run.checked.filter((c) => c.approvable).length;
    say(
      io,
      `${run.checked.length} returns checked: ${ready} ready to approve, ${run.checked.length - ready} need attention.`,
    );
  }
}

export async function runValidate(
  patterns: readonly string[],
  opts: { json?: boolean } & LibraryFlags,
  io: CliIo,
): Promise<number> {
  const files = await expandReturnFiles(patterns, io.cwd);
  const run = await validateFiles(files, io, opts);
  for (const p of run.problems) warn(io, `kpi-returns: ${p.message}`);
  if (opts.json) say(io, JSON.stringify(run.verdicts, null, 2));
  else printHuman(io, run);
  if (run.problems.some((p) => p.unexpected)) return ExitCode.unexpected;
  if (run.problems.length > 0) return ExitCode.badInput;
  return run.checked.every((c) => c.approvable) ? ExitCode.ok : ExitCode.failed;
}
