/** Test support for the Return Register: entries issued from the seed's Q2 2022/23 returns, and officers. */
import { newRegisterEntry, type Officer, type RegisterEntry } from "../../src/core/register";
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
