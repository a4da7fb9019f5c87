/**
 * The checks a provider's workbook meets against the Return Register: is it a return the team issued, made from the
 * template version issued, with the figures issued, and does its own record of status, approval and overrides agree
 * with the register's. Pure; the record itself is register.ts.
 */
import { BUDGET_COLUMNS, KPI_COLUMNS } from "./columns";
import { canonical, issuedHash, providerKey, workbookStatusOf, type RegisterEntry } from "./register";
import { numberOf } from "./values";
import type { Finding, Return, Severity } from "./types";

/** The checks made against the register, for the README's catalogue. */
export const registerRuleCatalogue = [
  {
    id: "REGISTER-UNKNOWN",
    severity: "error",
    description:
      "The workbook's provider, template and period match no return issued in the Return Register, so nothing it says can be believed.",
  },
  {
    id: "REGISTER-TEMPLATE-VERSION",
    severity: "error",
    description: "The workbook names a different version of the template from the one the register issued.",
  },
  {
    id: "REGISTER-ISSUED-CHANGED",
    severity: "error",
    description:
      "A target, prior figure, award or last quarter's spend in the workbook differs from what the register says was issued.",
  },
  {
    id: "REGISTER-ISSUED-HASH",
    severity: "error",
    description:
      "The register's own copy of the issued figures no longer matches the hash stored with it (the list item was edited by hand).",
  },
  {
    id: "REGISTER-PROVIDER-NAME",
    severity: "info",
    description:
      "The workbook spells the provider's name differently (case, spaces or apostrophes) from the register; it is read as the register's provider.",
  },
  {
    id: "REGISTER-STATUS",
    severity: "info",
    description:
      "The workbook's own status, approval or overrides differ from the register's; the register is what counts, and the workbook's copy is corrected at the next decision.",
  },
] as const satisfies readonly { id: string; severity: Severity; description: string }[];

/** The id of every register check. */
export type RegisterRuleId = (typeof registerRuleCatalogue)[number]["id"];

const registerSeverity = new Map(registerRuleCatalogue.map((r) => [r.id, r.severity]));

function registerFinding(
  ruleId: RegisterRuleId,
  message: string,
  extra: Partial<Pick<Finding, "kpiId" | "lineId" | "location">> = {},
): Finding {
  return {
    ruleId,
    severity: registerSeverity.get(ruleId) ?? "error",
    message,
    location: extra.location ?? { table: "Metadata" },
    ...(extra.kpiId !== undefined ? { kpiId: extra.kpiId } : {}),
    ...(extra.lineId !== undefined ? { lineId: extra.lineId } : {}),
  };
}

function sameFigure(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function shown(n: number | null): string {
  return n === null ? "blank" : String(n);
}

const PUT_IT_BACK = "Only the yellow cells are the provider's to change; ask them to put it back.";

/** No issued return matches: say so, naming what the register does hold for that provider. */
function unknownFinding(ret: Return, others: readonly RegisterEntry[]): Finding {
  const near = others.filter((e) => providerKey(e.provider) === providerKey(ret.provider));
  const hint =
    near.length > 0
      ? ` The register has for ${near[0].provider}: ${near.map((e) => `${e.templateId} for ${e.period}`).join(", ")}.`
      : "";
  return registerFinding(
    "REGISTER-UNKNOWN",
    `No return from "${ret.provider}" on template "${ret.templateId}" for ${ret.period || "(no period)"} was issued in the Return Register, so this workbook cannot be received, approved or synced.${hint}`,
  );
}

/** The register's own copy intact, and the workbook naming the provider and template version issued. */
function identityFindings(ret: Return, entry: RegisterEntry): Finding[] {
  const findings: Finding[] = [];
  if (issuedHash(entry.issued) !== entry.issuedHash) {
    findings.push(
      registerFinding(
        "REGISTER-ISSUED-HASH",
        `The Return Register's issued figures for ${entry.provider} (${entry.period}) no longer match the hash recorded when they were issued: the register item was edited by hand. Ask whoever looks after the list to restore it, or issue the return again.`,
      ),
    );
  }
  if (ret.provider !== entry.provider) {
    findings.push(
      registerFinding(
        "REGISTER-PROVIDER-NAME",
        `The workbook names the provider "${ret.provider}"; the register has "${entry.provider}". They are read as one provider, under the register's name.`,
        { location: { table: "Metadata", column: "provider" } },
      ),
    );
  }
  if (ret.templateVersion !== entry.templateVersion) {
    findings.push(
      registerFinding(
        "REGISTER-TEMPLATE-VERSION",
        `The workbook says it was made with version ${ret.templateVersion || "(none)"} of template "${entry.templateId}", but the register issued version ${entry.templateVersion}. Ask the provider to use the return they were sent.`,
        { location: { table: "Metadata", column: "templateVersion" } },
      ),
    );
  }
  return findings;
}

/** Each KPI's target, previous and last year's figure as issued. */
function kpiIssuedFindings(ret: Return, entry: RegisterEntry): Finding[] {
  const findings: Finding[] = [];
  for (const k of ret.kpis) {
    const issued = entry.issued.kpis[k.kpiId];
    if (!issued) continue;
    const cells = [
      ["target", KPI_COLUMNS.target, k.target],
      ["previous", KPI_COLUMNS.previous, k.previous],
      ["lastYear", KPI_COLUMNS.lastYear, k.lastYear],
    ] as const;
    for (const [field, column, value] of cells) {
      const now = numberOf(value);
      if (sameFigure(now, issued[field])) continue;
      findings.push(
        registerFinding(
          "REGISTER-ISSUED-CHANGED",
          `"${k.kpiId}": ${column} was issued as ${shown(issued[field])} (Return Register) but the workbook holds ${now === null ? "something else" : now}. ${PUT_IT_BACK}`,
          { kpiId: k.kpiId, location: { table: "KpiReturn", row: k.row, column } },
        ),
      );
    }
  }
  return findings;
}

/** Each budget line's award, and last quarter's spend to date, as issued. */
function budgetIssuedFindings(ret: Return, entry: RegisterEntry): Finding[] {
  const findings: Finding[] = [];
  for (const b of ret.budget) {
    const issued = entry.issued.budget[b.lineId];
    if (!issued) continue;
    const now = numberOf(b.awarded);
    if (!sameFigure(now, issued.awarded)) {
      findings.push(
        registerFinding(
          "REGISTER-ISSUED-CHANGED",
          `"${b.lineId}": ${BUDGET_COLUMNS.awarded} was issued as ${shown(issued.awarded)} (Return Register) but the workbook holds ${now === null ? "something else" : now}. ${PUT_IT_BACK}`,
          {
            lineId: b.lineId,
            location: { table: "BudgetReturn", row: b.row, column: BUDGET_COLUMNS.awarded },
          },
        ),
      );
    }
    const spent = entry.issued.previousSpent[b.lineId] ?? null;
    if (!sameFigure(b.previousSpent, spent)) {
      findings.push(
        registerFinding(
          "REGISTER-ISSUED-CHANGED",
          `"${b.lineId}": last quarter's spend to date was issued as ${shown(spent)} (Return Register) but the workbook's metadata says ${shown(b.previousSpent)}; the register's figure is used.`,
          { lineId: b.lineId, location: { table: "Metadata", column: "previousSpent" } },
        ),
      );
    }
  }
  return findings;
}

/** The workbook's own status, approval and overrides against the register's: the register's count. */
function statusFindings(ret: Return, entry: RegisterEntry): Finding[] {
  const claims: string[] = [];
  if (ret.status !== workbookStatusOf(entry.status)) claims.push(`its status is "${ret.status}"`);
  if (ret.approval && (!entry.approval || ret.approval.hash !== entry.approval.hash))
    claims.push(`it carries an approval by "${ret.approval.by}"`);
  if (canonical(ret.overrides) !== canonical(entry.overrides))
    claims.push(
      `its overrides differ (${ret.overrides.length} in the workbook, ${entry.overrides.length} in the register)`,
    );
  if (claims.length === 0) return [];
  const approved = entry.approval ? ` (approved by ${entry.approval.by})` : "";
  const n = entry.overrides.length;
  const overridden = n > 0 ? ` with ${n} override${n === 1 ? "" : "s"}` : "";
  return [
    registerFinding(
      "REGISTER-STATUS",
      `The workbook's own record says ${claims.join(", ")}; the Return Register says "${entry.status}"${approved}${overridden}. Only the register counts.`,
      { location: { table: "Metadata", column: "status" } },
    ),
  ];
}

/**
 * What the register says about a workbook's return (`entry` null: no issued return matches; `others` are the
 * register's entries for the same provider, to name what was issued instead).
 */
export function registerFindings(
  ret: Return,
  entry: RegisterEntry | null,
  others: readonly RegisterEntry[] = [],
): Finding[] {
  if (!entry) return [unknownFinding(ret, others)];
  return [
    ...identityFindings(ret, entry),
    ...kpiIssuedFindings(ret, entry),
    ...budgetIssuedFindings(ret, entry),
    ...statusFindings(ret, entry),
  ];
}
