import { UserError } from "../../src/core/errors";
import { approvalStillValid, approvalVoid, figuresHash } from "../../src/core/approval";
import { approve, effectiveStatus, markValidated, submit } from "../../src/core/lifecycle";
import { parseCell } from "../../src/core/values";
import { validateReturn } from "../../src/core/validate";
import type { Override, Return } from "../../src/core/types";
import { findTemplate } from "../../src/templates";
import { findSeedReturn, seedReturn } from "../../src/seed/q2-2022-23";

const officer = { by: "Officer A", at: "2022-10-20T10:00:00Z" };
const provider = { by: "Provider P", at: "2022-10-14T09:00:00Z" };
const val = findTemplate("victim-advice-line")!;
const valEntry = findSeedReturn("victim-advice-line")!;

function validated(ret: Return): Return {
  return markValidated(submit(ret, provider), officer);
}

/** The officer's override as the workbook's copy carries it (the Return Register decides it: core/decisions.ts). */
function withOverride(ret: Return, o: Omit<Override, "by" | "at">, who = officer): Return {
  return { ...ret, overrides: [...ret.overrides, { ...o, ...who }] };
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

describe("Victim Advice Line: the fall in referrals is a query needing a commentary", () => {
  it("refuses approval while the query is unexplained, naming the blocker", () => {
    const ret = validated(seedReturn(valEntry));
    const v = validateReturn(ret, val);
    const q = v.findings.find((f) => f.ruleId === "PREV-CHANGE-Q")!;
    expect(q.severity).toBe("query");
    expect(q.kpiId).toBe("referrals");
    expect(q.message).toContain(
      "fell from 4,441 to 3,834 (−13.7%) against the previous quarter, beyond the 10% tolerance",
    );
    expect(q.explainedBy).toBeUndefined();
    expect(v.approvable).toBe(false);
    expect(() => approve(ret, val, officer)).toThrow(UserError);
    expect(() => approve(ret, val, officer)).toThrow(/1 unexplained query[\s\S]*PREV-CHANGE-Q/);
  });

  it("approves once the provider's commentary explains it", () => {
    const ret = validated(seedReturn(valEntry, { answerQueries: true }));
    const v = validateReturn(ret, val);
    expect(v.findings.find((f) => f.ruleId === "PREV-CHANGE-Q")?.explainedBy).toBe("commentary");
    const approved = approve(ret, val, { ...officer, comment: "Explained" });
    expect(approved.status).toBe("approved");
    expect(approved.approval).toMatchObject({ by: "Officer A", at: officer.at, comment: "Explained" });
    expect(approved.approval?.hash).toBe(figuresHash(ret));
    expect(approvalStillValid(approved)).toBe(true);
    expect(approved.history.map((h) => h.to)).toEqual(["submitted", "validated", "approved"]);
  });

  it("is refused while a finding only the workbook can show is an error or an unexplained query", () => {
    const ret = validated(seedReturn(valEntry, { answerQueries: true }));
    const tampered = {
      ruleId: "FORMULA-OVERWRITTEN" as const,
      severity: "error" as const,
      message: "The Variance cell KPIs!I6 holds 12 instead of its formula.",
      kpiId: "referrals",
      location: { table: "KpiReturn" as const, row: 0, column: "Variance" },
    };
    expect(() => approve(ret, val, { ...officer, workbookFindings: [tampered] })).toThrow(
      /cannot be approved yet: 1 error\..*\n- FORMULA-OVERWRITTEN: The Variance cell/s,
    );
    // A column inserted inside a table is an unexplained query: it blocks, whatever the table's shape.
    const extraColumn = { ...tampered, ruleId: "COLUMN-EXTRA" as const, severity: "query" as const };
    expect(() => approve(ret, val, { ...officer, workbookFindings: [extraColumn] })).toThrow(
      /cannot be approved yet: 1 unexplained query\..*\n- COLUMN-EXTRA:/s,
    );
    expect(approve(ret, val, { ...officer, workbookFindings: [] }).status).toBe("approved");
  });

  it("approves once an officer overrides it with a reason", () => {
    const base = validated(seedReturn(valEntry));
    const overridden = withOverride(base, {
      ruleId: "PREV-CHANGE-Q",
      subject: "referrals",
      reason: "Known IT outage",
    });
    expect(
      validateReturn(overridden, val).findings.find((f) => f.ruleId === "PREV-CHANGE-Q")?.explainedBy,
    ).toBe("override");
    expect(approve(overridden, val, officer).status).toBe("approved");
    // An override of another subject does not explain this one.
    const elsewhere = withOverride(base, { ruleId: "PREV-CHANGE-Q", subject: "satisfaction", reason: "x" });
    expect(() => approve(elsewhere, val, officer)).toThrow(UserError);
  });
});

describe("approval is void once the figures change", () => {
  const approved = approve(validated(seedReturn(valEntry, { answerQueries: true })), val, officer);

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
    expect(() => approve(draft, val, officer)).toThrow('This return cannot go from "draft" to "approved".');
    expect(() => markValidated(draft, officer)).toThrow(/"draft" to "validated"/);
    const synced = asSynced(approve(validated(draft), val, officer));
    expect(() => submit(synced, provider)).toThrow(/"synced" is final/);
  });

  it("lets the provider send a return in again once it came back", () => {
    const { approval: _withdrawn, ...approved } = approve(validated(draft), val, officer);
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

  it("refuses approval while an error stands", () => {
    const broken = validated({
      ...draft,
      kpis: draft.kpis.map((k, i) => (i === 0 ? { ...k, actual: parseCell("#REF!") } : k)),
    });
    expect(() => approve(broken, val, officer)).toThrow(/1 error[\s\S]*EXCEL-ERROR/);
  });
});

describe("a void approval reopens the return to the officer", () => {
  const approved = approve(validated(seedReturn(valEntry, { answerQueries: true })), val, {
    by: "Dana Officer",
    at: "2022-10-20T10:00:00Z",
  });
  const synced = asSynced(approved);
  const later = { by: "Officer B", at: "2022-11-02T15:00:00Z" };
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
    expect(approvalVoid(ret)).toBe(false);
    expect(effectiveStatus(ret)).toBe(status);
    expect(voidFindings(ret)).toEqual([]);
    expect(() => approve(ret, val, later)).toThrow(UserError);
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
          "This return was approved by Dana Officer on 20 Oct 2022, 11:00, but its figures have changed since, so that approval no longer stands and the return will not be synced. Check it again and approve it afresh.",
        location: { table: "Metadata" },
      },
    ]);
    // Info only: it does not itself stand in the way of approving again.
    expect(v.counts.error).toBe(0);
    expect(v.approvable).toBe(true);
  });

  it.each([
    ["approved", approved],
    ["synced", synced],
  ])(
    "a void %s return can be approved afresh, with a history entry naming the void approval",
    (from, ret) => {
      const changed = changeActual(ret);
      const again = approve(changed, val, { ...later, comment: "Corrected figure" });
      expect(again.status).toBe("approved");
      expect(again.approval).toEqual({
        by: "Officer B",
        at: later.at,
        hash: figuresHash(changed),
        comment: "Corrected figure",
      });
      expect(approvalStillValid(again)).toBe(true);
      expect(effectiveStatus(again)).toBe("approved");
      expect(again.history.at(-1)).toEqual({
        from,
        to: "approved",
        by: "Officer B",
        at: later.at,
        note: "Approved afresh: the approval by Dana Officer on 20 Oct 2022, 11:00 was void because the figures changed after it. Corrected figure",
      });
      expect(voidFindings(again)).toEqual([]);
    },
  );

  it("still refuses approving a void approval while a query is unexplained", () => {
    const changed = changeActual(approved);
    // 3,900 against 4,441 is still a fall beyond tolerance; without its commentary the query stands.
    const unexplained = withCommentary(changed, "referrals", "");
    expect(() => approve(unexplained, val, later)).toThrow(/unexplained query[\s\S]*PREV-CHANGE-Q/);
    // …and the officer may now override it, because the approved figures are no longer settled.
    const overridden = withOverride(
      unexplained,
      { ruleId: "PREV-CHANGE-Q", subject: "referrals", reason: "Confirmed by phone" },
      later,
    );
    expect(approve(overridden, val, later).status).toBe("approved");
  });

  it("marking a void return validated changes nothing; other steps name the void approval", () => {
    const changed = changeActual(synced);
    expect(markValidated(changed, later)).toBe(changed);
    expect(() => submit(changed, provider)).toThrow(
      'This return cannot go from "synced" with a void approval to "submitted".',
    );
  });
});
