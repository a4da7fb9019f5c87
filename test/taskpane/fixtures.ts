/**
 * Task pane test fixtures: checks of the seed's Q2 2022/23 returns (figures by core), with findings written the way
 * the engine words them, and a fake ReturnsHost whose every operation is a jest mock.
 */
import { validateReturn } from "../../src/core/validate";
import { kpiFinding } from "../../src/core/rules/rule";
import type { Finding, Return, ReturnStatus, Validation } from "../../src/core/types";
import { findSeedReturn, seedReturn } from "../../src/seed/q2-2022-23";
import { findTemplate } from "../../src/templates";
import type { ReturnCheck, ReturnsHost, SyncOutcome, SyncPreview } from "../../src/taskpane/host";

function counts(findings: readonly Finding[]): Validation["counts"] {
  const of = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  return {
    error: of("error"),
    query: of("query"),
    info: of("info"),
    unexplained: findings.filter((f) => f.severity === "query" && !f.explainedBy).length,
  };
}

/** A check of a seed return, with the given findings. */
export function checkOf(
  templateId: string,
  findings: readonly Finding[],
  opts: { status?: ReturnStatus; provider?: string; patch?: Partial<Return> } = {},
): ReturnCheck {
  const entry = findSeedReturn(templateId, opts.provider);
  const template = findTemplate(templateId);
  if (!entry || !template) throw new Error(`no seed return for ${templateId}`);
  const ret: Return = { ...seedReturn(entry, { status: opts.status ?? "submitted" }), ...opts.patch };
  const c = counts(findings);
  const worked = validateReturn(ret, template);
  return {
    ret,
    template,
    findings,
    validation: {
      findings,
      // The figures are what validation works out; only the findings are chosen by the test.
      figures: worked.figures,
      budget: worked.budget,
      counts: c,
      approvable: c.error === 0 && c.unexplained === 0,
    },
  };
}

// Built with the engine's own kpiFinding, so each is shaped exactly as a rule would push it (row, "Actual" column).
export const idvaQuery: Finding = kpiFinding(
  { id: "TARGET-VARIANCE-Q", severity: "query" },
  "contacted-48h",
  1,
  "% contacted within 48 hours is 95.8% against a target of 90.0%: amend or provide a reason.",
);
export const idvaError: Finding = kpiFinding(
  { id: "REQUIRED", severity: "error" },
  "ypidva-referrals",
  3,
  "YPIDVA referrals is blank: it is required.",
);
export const idvaInfo: Finding = kpiFinding(
  { id: "CLEANED", severity: "info" },
  "contacted-48h",
  1,
  '% contacted within 48 hours was typed as "95.83%" and read as 95.83%.',
);

export const preview: SyncPreview = {
  counts: { create: 6, update: 0, unchanged: 0, conflict: 0 },
  conflicts: [],
  refused: null,
};
export const synced: SyncOutcome = {
  ...preview,
  lists: [{ label: "KPI Returns", url: "http://127.0.0.1:9/sites/commissioning/lists/KPI%20Returns" }],
};

export type FakeHost = { [K in keyof ReturnsHost]: jest.Mock } & ReturnsHost;

/** A host whose operations resolve with `check` (or the given results) and record their calls. */
export function fakeHost(check: ReturnCheck | null, more: Partial<ReturnsHost> = {}): FakeHost {
  const noReturn: ReturnCheck = { ret: null, template: null, validation: null, findings: [] };
  const current = async () => check ?? noReturn;
  const host = {
    templates: jest.fn(() => [
      { id: "idva", title: "West Mercia Women's Aid IDVA service", serviceArea: "Domestic Abuse" },
      {
        id: "csp-budget",
        title: "Community Safety Partnership budget",
        serviceArea: "Community Safety Partnership",
      },
    ]),
    account: jest.fn(() => ({ mode: "emulator" as const, signedInAs: "Emulator user" })),
    signIn: jest.fn(async () => ({ mode: "emulator" as const, signedInAs: "Emulator user" })),
    checkReturn: jest.fn(current),
    goTo: jest.fn(async () => undefined),
    watchReturn: jest.fn(async () => () => undefined),
    saveCommentary: jest.fn(current),
    submit: jest.fn(current),
    overrideQuery: jest.fn(current),
    receive: jest.fn(current),
    approve: jest.fn(current),
    returnToProvider: jest.fn(current),
    withdrawOverride: jest.fn(current),
    reopen: jest.fn(current),
    previewSync: jest.fn(async () => preview),
    syncReturn: jest.fn(async () => synced),
    createReturn: jest.fn(async () => ({ sheet: "Return", prefilled: 3 })),
    buildQuarterlySummary: jest.fn(async () => ({ sheet: "Quarterly summary", returns: 5, charts: 2 })),
  };
  for (const [k, v] of Object.entries(more))
    (host as Record<string, unknown>)[k] = jest.fn(v as () => unknown);
  return host as unknown as FakeHost;
}

/** Views and dialogs load on demand (React.lazy): give them time to arrive on a busy machine. */
export const arriving = { timeout: 15_000 };
