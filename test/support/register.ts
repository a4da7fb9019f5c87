/** Test support for the Return Register: entries issued from the seed's Q2 2022/23 returns, and officers. */
import {
  newRegisterEntry,
  type Officer,
  type RegisterEntry,
  type RegisterIssued,
} from "../../src/core/register";
import type { Return } from "../../src/core/types";
import { numberOf } from "../../src/core/values";
import { seedSetup, type SeedReturn } from "../../src/seed/q2-2022-23";
import { issuedFigures, type ReturnSetup } from "../../src/workbook";

export const OFFICER_A: Officer = { name: "Officer A", upn: "officer.a@commissioning.example" };
export const ISSUED_AT = "2022-09-20T09:00:00Z";
export const DUE = "2022-10-14";

/** The register entry the team would have written when it issued this seed return. */
export function seedEntry(entry: SeedReturn, more: { email?: string; due?: string } = {}): RegisterEntry {
  return setupEntry(seedSetup(entry), more);
}

/** The register entry the team would have written when it issued a return made from this setup. */
export function setupEntry(
  setup: ReturnSetup & { previousSpent?: Readonly<Record<string, number>> },
  more: { email?: string; due?: string } = {},
): RegisterEntry {
  return newRegisterEntry({
    provider: setup.provider,
    providerEmail: more.email ?? `returns@${setup.template.id}.example`,
    templateId: setup.template.id,
    templateVersion: setup.template.version,
    period: setup.period,
    dueDate: more.due ?? DUE,
    issued: { ...issuedFigures(setup), previousSpent: setup.previousSpent ?? {} },
    by: OFFICER_A.name,
    at: ISSUED_AT,
  });
}

/** The figures a return carries that the team issues (targets, prior figures, awards, last quarter's spend). */
export function issuedOf(ret: Return): RegisterIssued {
  return {
    kpis: Object.fromEntries(
      ret.kpis.map((k) => [
        k.kpiId,
        { target: numberOf(k.target), previous: numberOf(k.previous), lastYear: numberOf(k.lastYear) },
      ]),
    ),
    budget: Object.fromEntries(ret.budget.map((b) => [b.lineId, { awarded: numberOf(b.awarded) }])),
    previousSpent: Object.fromEntries(
      ret.budget.flatMap((b) => (b.previousSpent === null ? [] : [[b.lineId, b.previousSpent]])),
    ),
  };
}

/** The register entry the team would have written when it issued exactly this return's issued figures. */
export function returnEntry(ret: Return): RegisterEntry {
  return newRegisterEntry({
    provider: ret.provider,
    providerEmail: `returns@${ret.templateId}.example`,
    templateId: ret.templateId,
    templateVersion: ret.templateVersion,
    period: ret.period,
    dueDate: DUE,
    issued: issuedOf(ret),
    by: OFFICER_A.name,
    at: ISSUED_AT,
  });
}
