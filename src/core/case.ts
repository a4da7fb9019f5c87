/**
 * The check every face makes of a return: the workbook's findings, the Return Register's and core's rules' in one
 * list, the return as it is believed (with the register's identity, overrides and approval when it has an entry), and
 * what the findings allow. Pure; the decisions that act on a checked return are in decisions.ts.
 */
import { formatCount } from "./format";
import { registerFindings } from "./register-checks";
import { asRegistered, type RegisterEntry } from "./register";
import { compareFindings, validateReturn } from "./validate";
import type { Finding, KpiTemplate, Return, Validation } from "./types";

/** What the register said when the return was checked; absent: the register was not consulted (offline). */
export interface RegisterView {
  /** The entry whose key matches the workbook; null when none was issued. */
  readonly entry: RegisterEntry | null;
  /** The register's other entries for the period (to name what was issued instead). */
  readonly others?: readonly RegisterEntry[];
}

export interface CaseInput {
  readonly ret: Return | null;
  readonly template: KpiTemplate | null;
  /** What only the workbook can show (a formula typed over, a table deleted): its errors count like any other. */
  readonly workbookFindings: readonly Finding[];
  readonly register?: RegisterView;
}

export interface CaseCounts {
  readonly error: number;
  readonly query: number;
  readonly info: number;
  readonly unexplained: number;
}

/** A return, checked: every finding (the workbook's, the register's, core's) and what they allow. */
export interface ReturnCase {
  /** The return as it is believed: with the register's identity, overrides and approval when it has an entry. */
  readonly ret: Return | null;
  readonly template: KpiTemplate | null;
  readonly validation: Validation | null;
  readonly findings: readonly Finding[];
  readonly counts: CaseCounts;
  /** Errors, and queries explained neither by a commentary nor by an override the register holds. */
  readonly blockers: readonly Finding[];
  /** No error stands, every query is explained, and (when consulted) the register knows the return. */
  readonly approvable: boolean;
  readonly entry: RegisterEntry | null;
  /** False when checked offline: nothing here was checked against the register. */
  readonly checkedAgainstRegister: boolean;
}

/** Check: findings from the workbook, from the register and from core, in one list, and what they allow. */
export function checkCase(input: CaseInput): ReturnCase {
  const entry = input.register?.entry ?? null;
  const checked = input.register !== undefined;
  if (!input.ret || !input.template) {
    const findings = [...input.workbookFindings];
    return {
      ret: input.ret,
      template: input.template,
      validation: null,
      findings,
      counts: countOf(findings),
      blockers: findings.filter(blocks),
      approvable: false,
      entry,
      checkedAgainstRegister: checked,
    };
  }
  const fromRegister = checked ? registerFindings(input.ret, entry, input.register?.others ?? []) : [];
  const ret = entry ? asRegistered(input.ret, entry) : input.ret;
  const validation = validateReturn(ret, input.template);
  const findings = [...input.workbookFindings, ...fromRegister, ...validation.findings].sort(compareFindings);
  const blockers = findings.filter(blocks);
  return {
    ret,
    template: input.template,
    validation,
    findings,
    counts: countOf(findings),
    blockers,
    approvable: blockers.length === 0 && (!checked || entry !== null),
    entry,
    checkedAgainstRegister: checked,
  };
}

function blocks(f: Finding): boolean {
  return f.severity === "error" || (f.severity === "query" && !f.explainedBy);
}

function countOf(findings: readonly Finding[]): CaseCounts {
  const c = { error: 0, query: 0, info: 0, unexplained: 0 };
  for (const f of findings) {
    c[f.severity] += 1;
    if (f.severity === "query" && !f.explainedBy) c.unexplained += 1;
  }
  return c;
}

/** "3 errors and 1 unexplained query". */
export function blockerText(counts: CaseCounts): string {
  return [
    counts.error > 0 ? `${formatCount(counts.error)} ${counts.error === 1 ? "error" : "errors"}` : "",
    counts.unexplained > 0
      ? `${formatCount(counts.unexplained)} unexplained ${counts.unexplained === 1 ? "query" : "queries"}`
      : "",
  ]
    .filter(Boolean)
    .join(" and ");
}
