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

interface CheckedBase extends Omit<OpenedReturn, "ret" | "template"> {
  /** Structural findings first, then core's. */
  readonly findings: readonly Finding[];
  /** No error stands and every query is explained. */
  readonly approvable: boolean;
}

/**
 * A workbook after its check, in one of three states a command tells apart by `kind`: validated against its template;
 * a return whose template is not known here (so not validated); or not a return at all.
 */
export type CheckedReturn =
  | (CheckedBase & {
      readonly kind: "validated";
      readonly ret: Return;
      readonly template: KpiTemplate;
      readonly validation: Validation;
    })
  | (CheckedBase & {
      readonly kind: "unknown-template";
      readonly ret: Return;
      readonly template: null;
      readonly validation: null;
    })
  | (CheckedBase & {
      readonly kind: "not-a-return";
      readonly ret: null;
      readonly template: KpiTemplate | null;
      readonly validation: null;
    });
/** A workbook read as a return, validated or not. */
export type ReadReturn = Exclude<CheckedReturn, { kind: "not-a-return" }>;
/** A return validated against its template: what approve and sync work on. */
export type ValidatedReturn = Extract<CheckedReturn, { kind: "validated" }>;

/** A finding with the cell it points at, as people and scripts see it. */
export interface PlacedFinding {
  readonly finding: Finding;
  readonly sheet: string | null;
  readonly cell: string | null;
}

/**
 * Opens a return and reads it against `templates` (every version it may have been issued with: the built-in set, and
 * the KPI Templates list's when a site is configured, see loadCatalogue).
 */
export async function openReturn(
  file: string,
  cwd: string,
  templates: readonly KpiTemplate[] = builtInTemplates,
): Promise<OpenedReturn> {
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
  const { ret, template, findings } = readReturn(snapshot, templates);
  return { file, shown, workbook, snapshot, ret, template, structural: findings };
}

/**
 * Opens a return by the built-in templates and, only when it names a version none of them is, by `library`'s too
 * (the KPI Templates list's, loaded on demand): a return issued with a built-in template never waits on the list.
 */
export async function openReturnByLibrary(
  file: string,
  cwd: string,
  library: () => Promise<readonly KpiTemplate[]>,
): Promise<OpenedReturn> {
  const opened = await openReturn(file, cwd);
  if (opened.ret === null || opened.template !== null) return opened;
  const { ret, template, findings } = readReturn(opened.snapshot, await library());
  return { ...opened, ret, template, structural: findings };
}

export function checkReturn(opened: OpenedReturn): CheckedReturn {
  const { ret, template } = opened;
  if (ret === null)
    return {
      ...opened,
      kind: "not-a-return",
      ret,
      validation: null,
      findings: opened.structural,
      approvable: false,
    };
  if (template === null)
    return {
      ...opened,
      kind: "unknown-template",
      ret,
      template,
      validation: null,
      findings: opened.structural,
      approvable: false,
    };
  const validation = validateReturn(ret, template);
  // The workbook's own findings block like core's: an error, or a query nobody explained (a column inserted inside a
  // table is such a query), whatever the table's shape.
  const approvable =
    validation.approvable &&
    !opened.structural.some((f) => f.severity === "error" || (f.severity === "query" && !f.explainedBy));
  const findings = [...opened.structural, ...validation.findings];
  return { ...opened, kind: "validated", ret, template, validation, findings, approvable };
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
