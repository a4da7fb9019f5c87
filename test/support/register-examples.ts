/**
 * Builds the cases a Return Register check's examples describe: the example return (rule-examples.ts) as the
 * workbook holds it, and the register's entry issued for that return, each with the example's change applied. The
 * clean pair raises nothing.
 */
import { figuresHash } from "../../src/core/approval";
import {
  issuedHash,
  newRegisterEntry,
  type RegisterEntry,
  type RegisterIssued,
} from "../../src/core/register";
import type { ExampleOverride, RegisterChange } from "../../src/core/register-rules/rule";
import type { Override, Return } from "../../src/core/types";
import { issuedOf } from "./register";
import { exampleReturn } from "./rule-examples";

const OFFICER = { name: "Dana Officer", upn: "dana.officer@commissioning.example" };
const AT = "2022-10-20T10:00:00Z";

function overrideOf(o: ExampleOverride): Override {
  return { ...o, reason: "Known fall: a vacancy in the team.", by: OFFICER.name, at: AT };
}

/** The workbook's return with the example's change applied. */
export function registerExampleReturn(change: RegisterChange): Return {
  const { provider, override, ...rest } = change.workbook ?? {};
  const ret = exampleReturn(rest);
  return {
    ...ret,
    ...(provider !== undefined ? { provider } : {}),
    ...(override ? { overrides: [overrideOf(override)] } : {}),
  };
}

/** The register's entry for the clean return (received: the clean return is submitted), with the change applied. */
export function registerExampleEntry(change: RegisterChange): RegisterEntry {
  const r = change.register ?? {};
  const clean = exampleReturn();
  const issued = issuedOf(clean);
  const entry = newRegisterEntry({
    provider: r.provider ?? clean.provider,
    providerEmail: "returns@provider.example",
    templateId: clean.templateId,
    templateVersion: r.templateVersion ?? clean.templateVersion,
    period: r.period ?? clean.period,
    dueDate: "2022-10-14",
    issued,
    by: OFFICER.name,
    at: AT,
  });
  const target = r.issuedTarget;
  const edited: RegisterIssued = target
    ? {
        ...issued,
        kpis: { ...issued.kpis, referrals: { ...issued.kpis.referrals, target: target.referrals } },
      }
    : issued;
  return {
    ...entry,
    status: r.status ?? "Received",
    issued: edited,
    // Edited by hand, the stored hash is the one made when the return was issued; issued again, a fresh one.
    issuedHash: target?.by === "reissue" ? issuedHash(edited) : entry.issuedHash,
    approval: r.approved ? { by: OFFICER.name, upn: OFFICER.upn, at: AT, hash: figuresHash(clean) } : null,
    overrides: r.override ? [overrideOf(r.override)] : [],
  };
}
