import { UserError } from "../../src/core/errors";
import { approvalStillValid, approvalVoid, figuresHash } from "../../src/core/approval";
import { effectiveStatus, submit } from "../../src/core/lifecycle";
import { parseCell } from "../../src/core/values";
import { validateReturn } from "../../src/core/validate";
import type { Return } from "../../src/core/types";
import { findTemplate } from "../../src/templates";
import { findSeedReturn, seedReturn } from "../../src/seed/q2-2022-23";
import { approvedReturn } from "../support/approved-returns";

const officer = { by: "Officer A", at: "2022-10-20T10:00:00Z" };
const provider = { by: "Provider P", at: "2022-10-14T09:00:00Z" };
const val = findTemplate("victim-advice-line")!;
const valEntry = findSeedReturn("victim-advice-line")!;

/** The seed's Victim Advice Line return, its queries answered, submitted and approved through the register. */
function approvedVal(who = officer): Return {
  return approvedReturn(submit(seedReturn(valEntry, { answerQueries: true }), provider), val, who);
}

/** An approved return as the workbook's copy reads once the register has it synced. */
function asSynced(ret: Return, who = officer): Return {
  return {
    ...ret,
    status: "synced",
    history: [...ret.history, { from: ret.status, to: "synced", by: who.by, at: who.at }],
  };
}

function withCommentary(ret: Return, kpiId: string, commentary: string): Return {
  return { ...ret, kpis: ret.kpis.map((k) => (k.kpiId === kpiId ? { ...k, commentary } : k)) };
}

describe("approval is void once the figures change", () => {
  const approved = approvedVal();

  it.each<[string, (r: Return) => Return]>([
    [
      "an actual",
      (r) => ({ ...r, kpis: r.kpis.map((k, i) => (i === 0 ? { ...k, actual: parseCell(3835) } : k)) }),
    ],
    [
      "a target",
      (r) => ({ ...r, kpis: r.kpis.map((k, i) => (i === 2 ? { ...k, target: parseCell(0.9) } : k)) }),
    ],
    ["a commentary", (r) => withCommentary(r, "referrals", "Changed")],
    ["the period", (r) => ({ ...r, period: "2022-23 Q3" })],
    ["the provider", (r) => ({ ...r, provider: "Someone else" })],
    [
      "a budget or KPI cell turned to text",
      (r) => ({
        ...r,
        kpis: r.kpis.map((k, i) => (i === 1 ? { ...k, actual: parseCell("three hundred") } : k)),
      }),
    ],
  ])("changing %s voids it", (_what, change) => {
    const changed = change(approved);
    expect(approvalStillValid(changed)).toBe(false);
    expect(figuresHash(changed)).not.toBe(approved.approval?.hash);
    expect(effectiveStatus(changed)).toBe("validated");
  });

  it("keeps it through changes that are not figures: status, history, overrides, row order", () => {
    const reordered = { ...approved, kpis: [...approved.kpis].reverse(), overrides: [] };
    expect(approvalStillValid(reordered)).toBe(true);
    // The same figure typed as text is the same figure.
    const retyped = {
      ...approved,
      kpis: approved.kpis.map((k, i) => (i === 1 ? { ...k, actual: parseCell("300") } : k)),
    };
    expect(approvalStillValid(retyped)).toBe(true);
    expect(approvalStillValid(asSynced(approved))).toBe(true);
  });

  it("is a 64-character hex SHA-256", () => {
    expect(figuresHash(approved)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("status transitions", () => {
  const draft = seedReturn(valEntry, { answerQueries: true });

  it("refuses illegal steps, naming both states", () => {
    expect(() => submit(submit(draft, provider), provider)).toThrow(
      'This return cannot go from "submitted" to "submitted". From there it can only become "validated" or "returned".',
    );
    expect(() => submit(asSynced(approvedVal()), provider)).toThrow(/"synced" is final/);
  });

  it("lets the provider send a return in again once it came back", () => {
    const { approval: _withdrawn, ...approved } = approvedVal();
    const back: Return = {
      ...approved,
      status: "returned",
      returnedReasons: ["Please check the dip sample size."],
    };
    expect(approvalStillValid(back)).toBe(false);
    expect(submit(back, provider).status).toBe("submitted");
  });

  it("records who and when, and refuses a missing name or a bad time", () => {
    const s = submit(draft, provider);
    expect(s.history).toEqual([{ from: "draft", to: "submitted", by: "Provider P", at: provider.at }]);
    expect(() => submit(draft, { by: "", at: provider.at })).toThrow(UserError);
    expect(() => submit(draft, { by: "P", at: "yesterday" })).toThrow(/ISO 8601/);
  });

  it("never changes the return it is given", () => {
    const before = JSON.stringify(draft);
    submit(draft, provider);
    expect(JSON.stringify(draft)).toBe(before);
  });
});

describe("a void approval reopens the return to the officer", () => {
  const approved = approvedVal({ by: "Dana Officer", at: "2022-10-20T10:00:00Z" });
  const synced = asSynced(approved);
  const changeActual = (r: Return): Return => ({
    ...r,
    kpis: r.kpis.map((k) => (k.kpiId === "referrals" ? { ...k, actual: parseCell(3900) } : k)),
  });
  const voidFindings = (r: Return) =>
    validateReturn(r, val).findings.filter((f) => f.ruleId === "APPROVAL-VOID");

  it.each([
    ["approved", approved],
    ["synced", synced],
  ])("%s, figures untouched: the approval stands", (status, ret) => {
    expect(ret.approval).toMatchObject({ by: "Dana Officer", hash: figuresHash(ret) });
    expect(approvalVoid(ret)).toBe(false);
    expect(effectiveStatus(ret)).toBe(status);
    expect(voidFindings(ret)).toEqual([]);
  });

  it.each([
    ["approved", approved],
    ["synced", synced],
  ])("%s, then an Actual changed: void, reads as validated, one info finding", (_s, ret) => {
    const changed = changeActual(ret);
    expect(approvalVoid(changed)).toBe(true);
    expect(effectiveStatus(changed)).toBe("validated");
    const v = validateReturn(changed, val);
    const found = voidFindings(changed);
    expect(found).toEqual([
      {
        ruleId: "APPROVAL-VOID",
        severity: "info",
        message:
          "This return was approved by Dana Officer on 20 Oct 2022, 11:00, but its figures have changed since, so that approval no longer stands and the return will not be synced. Send it back to the provider; once it is received again, check it and approve the new figures.",
        location: { table: "Metadata" },
      },
    ]);
    // Info only: it does not itself stand in the way of approving again.
    expect(v.counts.error).toBe(0);
    expect(v.approvable).toBe(true);
  });

  it("a provider's submit names the void approval it is refused from", () => {
    const changed = changeActual(synced);
    expect(() => submit(changed, provider)).toThrow(
      'This return cannot go from "synced" with a void approval to "submitted".',
    );
  });
});
