/**
 * Fixtures: the workbook's copy of an approved return, built by the decision room itself. The return is checked
 * against a Return Register entry issued for exactly its figures (checkCase), the queries the officer accepts are
 * overridden (decideOverride), and decideApprove's stamp is what comes back: the copy the room would write into the
 * workbook, so fixtures and production cannot disagree. A return the room refuses throws, with the room's reason.
 */
import { checkCase, decideApprove, decideOverride, type Decision, type Plan } from "../../src/core/decisions";
import type { Officer, RegisterEntry } from "../../src/core/register";
import { findingSubject } from "../../src/core/subject";
import type { KpiTemplate, Return } from "../../src/core/types";
import { returnEntry } from "./register";

export interface Approving {
  /** The officer's name, as the sign-in gives it. */
  readonly by: string;
  /** ISO 8601. */
  readonly at: string;
  readonly comment?: string;
  /** When given, every query neither a commentary nor an override explains is overridden with this reason first. */
  readonly overrideQueries?: string;
  /** The register's entry for the return; by default one issued for exactly this return's figures. */
  readonly entry?: RegisterEntry;
}

function officerOf(name: string): Officer {
  const upn = name.includes("@")
    ? name
    : `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@commissioning.example`;
  return { name, upn };
}

function planned(d: Decision): Plan {
  if (!d.ok) throw new Error(d.reason);
  return d;
}

/** The return as decideApprove stamps it, after the overrides asked for; throws when the room refuses. */
export function approvedReturn(ret: Return, template: KpiTemplate, how: Approving): Return {
  const act = { officer: officerOf(how.by), at: how.at };
  const check = (entry: RegisterEntry) =>
    checkCase({ ret, template, workbookFindings: [], register: { entry } });
  let c = check(how.entry ?? returnEntry(ret));
  if (how.overrideQueries !== undefined) {
    for (const q of c.blockers.filter((f) => f.severity === "query")) {
      const query = { ruleId: q.ruleId, subject: findingSubject(q), reason: how.overrideQueries };
      c = check(planned(decideOverride(c, act, query)).entry);
    }
  }
  const stamp = planned(decideApprove(c, act, how.comment)).stamp;
  if (!stamp) throw new Error("decideApprove planned no workbook copy.");
  return stamp;
}
