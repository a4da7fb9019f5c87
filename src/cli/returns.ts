/**
 * Opening and checking return workbooks for the commands: one read of the file, the workbook layer's structural
 * findings, core's validation, and each finding's cell address. Every command that takes a return goes through here.
 */
import { UserError } from "../core/errors";
import type { Finding, KpiTemplate, Return, Validation } from "../core/types";
import { validateReturn } from "../core/validate";
import { builtInTemplates } from "../templates";
import { readReturn, cellOf, type WorkbookSnapshot } from "../workbook";
import { cannotKeepMessage, openXlsx, type XlsxReturnWorkbook } from "../workbook/xlsx";
import { ExitCode, CliFailure } from "./exit";
import { shownPath } from "./files";

export interface OpenedReturn {
  /** Absolute path. */
  readonly file: string;
  /** The path as the user typed it or relative to where they are. */
  readonly shown: string;
  readonly workbook: XlsxReturnWorkbook;
  readonly snapshot: WorkbookSnapshot;
  readonly ret: Return | null;
  readonly template: KpiTemplate | null;
  /** What the workbook layer found wrong with the workbook's shape (missing tables, renamed columns, tampering). */
  readonly structural: readonly Finding[];
}

export interface CheckedReturn extends OpenedReturn {
  readonly validation: Validation | null;
  /** Structural findings first, then core's. */
  readonly findings: readonly Finding[];
  /** No error stands and every query is explained. */
  readonly approvable: boolean;
}

/** A finding with the cell it points at, as people and scripts see it. */
export interface PlacedFinding {
  readonly finding: Finding;
  readonly sheet: string | null;
  readonly cell: string | null;
}

export async function openReturn(file: string, cwd: string): Promise<OpenedReturn> {
  const shown = shownPath(file, cwd);
  let workbook: XlsxReturnWorkbook;
  try {
    workbook = await openXlsx(file);
  } catch (err) {
    // Name the file the way the user typed it, not by its absolute path.
    if (err instanceof UserError)
      throw new CliFailure(err.message.split(file).join(shown), ExitCode.badInput, shown);
    throw err;
  }
  const snapshot = workbook.snapshot();
  const { ret, template, findings } = readReturn(snapshot, builtInTemplates);
  return { file, shown, workbook, snapshot, ret, template, structural: findings };
}

export function checkReturn(opened: OpenedReturn): CheckedReturn {
  const validation = opened.ret && opened.template ? validateReturn(opened.ret, opened.template) : null;
  const findings = [...opened.structural, ...(validation?.findings ?? [])];
  const approvable =
    validation !== null && validation.approvable && !opened.structural.some((f) => f.severity === "error");
  return { ...opened, validation, findings, approvable };
}

/** The return and its template, or a plain failure saying why this workbook is not a return we can work on. */
export function requireReturn(opened: OpenedReturn): { ret: Return; template: KpiTemplate } {
  if (opened.ret && opened.template) return { ret: opened.ret, template: opened.template };
  const why = opened.structural.find((f) => f.severity === "error")?.message;
  throw new CliFailure(
    `"${opened.shown}" is not a KPI return.${why ? ` ${why}` : ""}`,
    ExitCode.badInput,
    opened.shown,
  );
}

/**
 * Before a command rewrites a return: a workbook holding what the .xlsx executor cannot write back (a chart, a pivot
 * table, macros…) is refused, naming what it holds, before any decision is made; it is never written without it.
 */
export function refuseToRewrite(opened: OpenedReturn): void {
  if (opened.workbook.notKept.length === 0) return;
  throw new CliFailure(
    cannotKeepMessage(opened.shown, opened.workbook.notKept),
    ExitCode.badInput,
    opened.shown,
  );
}

export function placeFindings(opened: OpenedReturn, findings: readonly Finding[]): PlacedFinding[] {
  return findings.map((finding) => {
    const at = cellOf(opened.snapshot, finding.location);
    return { finding, sheet: at?.sheet ?? null, cell: at?.cell ?? null };
  });
}

/** "KpiReturn!G4" or "" when the finding has no cell. */
export function cellText(p: PlacedFinding): string {
  return p.sheet && p.cell ? `${p.sheet}!${p.cell}` : "";
}
