/**
 * The Return Register's room in core: each attack a provider can make on the workbook is refused by the decisions,
 * whatever the workbook's own metadata claims.
 */
import { approvalStillValid, approvalVoid, figuresHash } from "../../src/core/approval";
import {
  checkCase,
  decideAfterSync,
  decideApprove,
  decideOverride,
  decideReceive,
  decideReopen,
  decideReturnToProvider,
  decideWithdrawOverride,
  syncRefusal,
  type ReturnCase,
} from "../../src/core/decisions";
import { dueForReminder, quarterRows, reminderMessage, serviceTitle } from "../../src/core/quarter";
import { findEntry, providerKey, registerKey, type RegisterEntry } from "../../src/core/register";
import type { Return } from "../../src/core/types";
import { parseCell } from "../../src/core/values";
import { findSeedReturn, seedReturn } from "../../src/seed/q2-2022-23";
import { findTemplate } from "../../src/templates";
import { OFFICER_A, seedEntry } from "../support/register";

const val = findTemplate("victim-advice-line")!;
const valSeed = findSeedReturn("victim-advice-line")!;
const act = { officer: OFFICER_A, at: "2022-10-20T10:00:00Z" };

function clean(): Return {
  return seedReturn(valSeed, { status: "submitted", answerQueries: true });
}

function caseOf(ret: Return, entries: readonly RegisterEntry[]): ReturnCase {
  return checkCase({
    ret,
    template: val,
    workbookFindings: [],
    register: { entry: findEntry(entries, ret), others: entries },
  });
}

function withActual(ret: Return, kpiId: string, actual: number): Return {
  return { ...ret, kpis: ret.kpis.map((k) => (k.kpiId === kpiId ? { ...k, actual: parseCell(actual) } : k)) };
}

function approvedEntry(ret: Return): RegisterEntry {
  const plan = decideApprove(caseOf(ret, [seedEntry(valSeed)]), act);
  if (!plan.ok) throw new Error(plan.reason);
  return plan.entry;
}

describe("provider names", () => {
  it("are one provider whatever their case, spaces or apostrophes", () => {
    const spellings = ["West Mercia Women's Aid", "west mercia womens aid", "West Mercia  Women’s Aid "];
    expect(new Set(spellings.map(providerKey)).size).toBe(1);
    expect(registerKey({ provider: spellings[1], templateId: "IDVA", period: " 2022-23 Q2" })).toBe(
      registerKey({ provider: spellings[0], templateId: "idva", period: "2022-23 Q2" }),
    );
    expect(providerKey("West Mercia Womens Aid")).not.toBe(providerKey("West Mercia Women's Aid Ltd"));
  });

  it("a spelling the register does not use is read under the register's name, and said so", () => {
    const ret = { ...clean(), provider: valSeed.provider.toUpperCase() };
    const c = caseOf(ret, [seedEntry(valSeed)]);
    expect(c.ret?.provider).toBe(valSeed.provider);
    expect(c.findings.map((f) => f.ruleId)).toContain("REGISTER-PROVIDER-NAME");
    expect(c.approvable).toBe(true);
  });
});

describe("the decisions", () => {
  it("approve a clean return: the register records the signed-in officer and the hash of the figures", () => {
    const c = caseOf(clean(), [seedEntry(valSeed)]);
    expect(c.blockers).toEqual([]);
    const plan = decideApprove(c, act, "Fine.");
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.entry.status).toBe("Approved");
    expect(plan.entry.approval).toMatchObject({
      by: "Officer A",
      upn: OFFICER_A.upn,
      hash: figuresHash(c.ret!),
    });
    expect(plan.stamp?.status).toBe("approved");
    expect(plan.stamp?.approval?.by).toBe("Officer A");
    expect(syncRefusal(caseOf(clean(), [plan.entry]))).toBeNull();
  });

  it("refuse anything for an officer who is not signed in", () => {
    const c = caseOf(clean(), [seedEntry(valSeed)]);
    const anon = { officer: { name: "", upn: "" }, at: act.at };
    for (const d of [
      decideApprove(c, anon),
      decideReceive(c, anon),
      decideReturnToProvider(c, anon, ["x"]),
    ]) {
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.reason).toMatch(/sign in/i);
    }
  });

  it("refuse to decide offline: decisions are recorded in the register", () => {
    const c = checkCase({ ret: clean(), template: val, workbookFindings: [] });
    expect(c.checkedAgainstRegister).toBe(false);
    const d = decideApprove(c, act);
    expect(d.ok).toBe(false);
  });

  it("a workbook error (a formula typed over) blocks approval like any other error", () => {
    const typedOver = {
      ruleId: "FORMULA-OVERWRITTEN" as const,
      severity: "error" as const,
      message: "Variance was typed over.",
      location: { table: "KpiReturn" as const, row: 0, column: "Variance" },
    };
    const c = checkCase({
      ret: clean(),
      template: val,
      workbookFindings: [typedOver],
      register: { entry: seedEntry(valSeed) },
    });
    expect(c.approvable).toBe(false);
    const d = decideApprove(c, act);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.blockers).toContain(typedOver);
  });

  it("override and withdraw: kept in the register, the query stands again after withdrawal", () => {
    const raw = seedReturn(valSeed, { status: "submitted" });
    const c = caseOf(raw, [seedEntry(valSeed)]);
    const q = c.blockers.find((f) => f.severity === "query")!;
    const subject = q.kpiId ?? q.lineId ?? "";
    const o = decideOverride(c, act, { ruleId: q.ruleId, subject, reason: "Known fall: staff vacancy." });
    if (!o.ok) throw new Error(o.reason);
    expect(o.entry.overrides).toHaveLength(1);
    const after = caseOf(raw, [o.entry]);
    expect(
      after.findings.find((f) => f.ruleId === q.ruleId && (f.kpiId ?? f.lineId) === subject)?.explainedBy,
    ).toBe("override");
    const w = decideWithdrawOverride(after, act, { ruleId: q.ruleId, subject });
    if (!w.ok) throw new Error(w.reason);
    expect(w.entry.overrides).toHaveLength(0);
    expect(decideOverride(c, act, { ruleId: "NO-SUCH", subject: "", reason: "x" }).ok).toBe(false);
    const blank = decideOverride(c, act, { ruleId: q.ruleId, subject, reason: "  " });
    expect(!blank.ok && blank.reason).toMatch(/Give a reason for overriding/);
    // Approved figures are settled: no override, and no withdrawal, until the return is sent back.
    const settled = caseOf(raw, [{ ...o.entry, status: "Approved" }]);
    const late = decideOverride(settled, act, { ruleId: q.ruleId, subject, reason: "Later thought." });
    expect(!late.ok && late.reason).toMatch(/already approved; its queries can no longer be overridden/);
    expect(decideWithdrawOverride(settled, act, { ruleId: q.ruleId, subject }).ok).toBe(false);
  });

  it("return to provider withdraws the approval, from a synced return too (its correction is synced over it)", () => {
    const entry = approvedEntry(clean());
    const r = decideReturnToProvider(caseOf(clean(), [entry]), act, ["Please check referrals."]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.entry.status).toBe("Returned");
    expect(r.entry.approval).toBeNull();
    expect(r.stamp?.status).toBe("returned");
    const synced: RegisterEntry = { ...entry, status: "Synced" };
    expect(decideReturnToProvider(caseOf(clean(), [synced]), act, ["x"]).ok).toBe(true);
    expect(decideReturnToProvider(caseOf(clean(), [r.entry]), act, ["again"]).ok).toBe(false);
    const noReason = decideReturnToProvider(caseOf(clean(), [entry]), act, [" "]);
    expect(!noReason.ok && noReason.reason).toMatch(/at least one reason/);
  });

  it("reopen takes back a return sent back by mistake: received again, the reasons cleared, both steps kept", () => {
    const back = decideReturnToProvider(caseOf(clean(), [approvedEntry(clean())]), act, ["Wrong return"]);
    if (!back.ok) throw new Error(back.reason);
    const later = { ...act, at: "2022-10-20T11:00:00Z" };
    const reopened = decideReopen(caseOf(clean(), [back.entry]), later);
    if (!reopened.ok) throw new Error(reopened.reason);
    expect(reopened.entry.status).toBe("Received");
    expect(reopened.entry.returnedReasons).toEqual([]);
    expect(reopened.entry.history.slice(-2).map((h) => [h.to, h.by])).toEqual([
      ["Returned", OFFICER_A.name],
      ["Received", OFFICER_A.name],
    ]);
    expect(reopened.entry.history.at(-1)?.note).toMatch(/sent back by mistake/);
    const twice = decideReopen(caseOf(clean(), [reopened.entry]), later);
    expect(!twice.ok && twice.reason).toMatch(/Only a return sent back to the provider can be reopened/);
  });

  it("after sync: synced only when every item landed", () => {
    const c = caseOf(clean(), [approvedEntry(clean())]);
    const conflicted = decideAfterSync(c, act, { conflict: 1, failed: 0 });
    expect(conflicted.ok).toBe(false);
    if (!conflicted.ok) expect(conflicted.reason).toMatch(/1 item left as conflicts/);
    const synced = decideAfterSync(c, act, { conflict: 0, failed: 0 });
    expect(synced.ok && synced.entry.status).toBe("Synced");
  });

  it("receive records the hash of the figures received and the check's counts", () => {
    const d = decideReceive(caseOf(seedReturn(valSeed), [seedEntry(valSeed)]), act);
    if (!d.ok) throw new Error(d.reason);
    expect(d.entry.status).toBe("Received");
    expect(d.entry.workbookHash).toMatch(/^[0-9a-f]{64}$/);
    expect(d.entry.history.at(-1)?.counts?.query).toBeGreaterThan(0);
  });
});

describe("approve refuses while anything stands in the way", () => {
  const blockerIds = (d: ReturnType<typeof decideApprove>) => (d.ok ? [] : d.blockers.map((f) => f.ruleId));

  it("the Victim Advice Line's fall in referrals is a query: refused, naming it, until the commentary explains it", () => {
    const raw = seedReturn(valSeed, { status: "submitted" });
    const c = caseOf(raw, [seedEntry(valSeed)]);
    const q = c.blockers.find((f) => f.ruleId === "PREV-CHANGE-Q")!;
    expect(q).toMatchObject({ severity: "query", kpiId: "referrals" });
    expect(q.message).toContain(
      "fell from 4,441 to 3,834 (−13.7%) against the previous quarter, beyond the 10% tolerance",
    );
    const d = decideApprove(c, act);
    expect(!d.ok && d.reason).toMatch(/cannot be approved yet: .*unexplained quer/);
    expect(blockerIds(d)).toContain("PREV-CHANGE-Q");
    const answered = caseOf(clean(), [seedEntry(valSeed)]);
    expect(answered.findings.find((f) => f.ruleId === "PREV-CHANGE-Q")?.explainedBy).toBe("commentary");
    expect(decideApprove(answered, act).ok).toBe(true);
  });

  it("an override explains only the subject it names", () => {
    const raw = seedReturn(valSeed, { status: "submitted" });
    const c = caseOf(raw, [seedEntry(valSeed)]);
    const reason = "Known IT outage";
    const elsewhere = decideOverride(c, act, { ruleId: "PREV-CHANGE-Q", subject: "satisfaction", reason });
    expect(!elsewhere.ok && elsewhere.reason).toMatch(/has no query PREV-CHANGE-Q on "satisfaction"/);
    const o = decideOverride(c, act, { ruleId: "PREV-CHANGE-Q", subject: "referrals", reason });
    if (!o.ok) throw new Error(o.reason);
    const after = caseOf(raw, [o.entry]);
    expect(after.findings.find((f) => f.ruleId === "PREV-CHANGE-Q")?.explainedBy).toBe("override");
    expect(blockerIds(decideApprove(after, act))).not.toContain("PREV-CHANGE-Q");
  });

  it("an error stands in the way (a #REF! in an Actual)", () => {
    const broken = {
      ...clean(),
      kpis: clean().kpis.map((k, i) => (i === 0 ? { ...k, actual: parseCell("#REF!") } : k)),
    };
    const d = decideApprove(caseOf(broken, [seedEntry(valSeed)]), act);
    expect(!d.ok && d.reason).toMatch(/cannot be approved yet: 1 error/);
    expect(blockerIds(d)).toEqual(["EXCEL-ERROR"]);
  });

  it("a query only the workbook can show (a column inserted in a table) blocks until it is gone", () => {
    const extraColumn = {
      ruleId: "COLUMN-EXTRA" as const,
      severity: "query" as const,
      message: "The table KpiReturn has a column Notes that the template does not have.",
      location: { table: "KpiReturn" as const, column: "Notes" },
    };
    const withFinding = (workbookFindings: (typeof extraColumn)[]) =>
      checkCase({ ret: clean(), template: val, workbookFindings, register: { entry: seedEntry(valSeed) } });
    const d = decideApprove(withFinding([extraColumn]), act);
    expect(!d.ok && d.reason).toMatch(/cannot be approved yet: 1 unexplained query\./);
    expect(blockerIds(d)).toEqual(["COLUMN-EXTRA"]);
    expect(decideApprove(withFinding([]), act).ok).toBe(true);
  });
});

describe("a void approval, through the register", () => {
  const changed = withActual(clean(), "referrals", 3900);
  const later = { ...act, at: "2022-11-02T15:00:00Z" };

  it("is refused while the register shows the return approved or synced: it is sent back first", () => {
    const approved = approvedEntry(clean());
    for (const entry of [approved, { ...approved, status: "Synced" as const }]) {
      const c = caseOf(changed, [entry]);
      expect(approvalVoid(c.ret!)).toBe(true);
      expect(c.findings.map((f) => f.ruleId)).toContain("APPROVAL-VOID");
      expect(syncRefusal(c)).toMatch(/figures are not the ones Officer A approved/);
      const d = decideApprove(c, later);
      expect(!d.ok && d.reason).toMatch(/already (approved|synced).*send it back to the provider first/);
    }
  });

  it("sent back, the changed figures are approved afresh: a new approval of their hash, stamped and syncable", () => {
    const back = decideReturnToProvider(caseOf(changed, [approvedEntry(clean())]), act, ["Confirm 3,900"]);
    if (!back.ok) throw new Error(back.reason);
    const c = caseOf(changed, [back.entry]);
    expect(c.findings.map((f) => f.ruleId)).not.toContain("APPROVAL-VOID");
    const again = decideApprove(c, later, "Corrected figure");
    if (!again.ok) throw new Error(again.reason);
    expect(again.entry.approval).toMatchObject({ by: "Officer A", at: later.at, hash: figuresHash(c.ret!) });
    expect(again.entry.approval?.hash).not.toBe(figuresHash(clean()));
    expect(again.entry.history.slice(-2).map((h) => h.to)).toEqual(["Returned", "Approved"]);
    expect(again.stamp).toMatchObject({ status: "approved", approval: { comment: "Corrected figure" } });
    expect(approvalStillValid(again.stamp!)).toBe(true);
    expect(again.stamp?.history.at(-1)).toMatchObject({ to: "approved", note: "Corrected figure" });
    expect(syncRefusal(caseOf(changed, [again.entry]))).toBeNull();
  });

  it("sent back, a query the change left unexplained still blocks, and may now be overridden", () => {
    const unexplained = {
      ...changed,
      kpis: changed.kpis.map((k) => (k.kpiId === "referrals" ? { ...k, commentary: "" } : k)),
    };
    const back = decideReturnToProvider(caseOf(unexplained, [approvedEntry(clean())]), act, ["Explain"]);
    if (!back.ok) throw new Error(back.reason);
    const c = caseOf(unexplained, [back.entry]);
    // 3,900 against 4,441 is still a fall beyond tolerance; without its commentary the query stands.
    const refused = decideApprove(c, later);
    expect(!refused.ok && refused.blockers.map((f) => f.ruleId)).toContain("PREV-CHANGE-Q");
    const reason = "Confirmed by phone";
    const o = decideOverride(c, later, { ruleId: "PREV-CHANGE-Q", subject: "referrals", reason });
    if (!o.ok) throw new Error(o.reason);
    expect(decideApprove(caseOf(unexplained, [o.entry]), later).ok).toBe(true);
  });
});

describe("attacks on the workbook are refused", () => {
  it("a forged approval (status approved, hash recomputed, errors standing) is neither approved nor synced", () => {
    let forged = withActual(clean(), "referrals", -50);
    forged = { ...forged, status: "approved" };
    forged = { ...forged, approval: { by: "Provider typed this", at: act.at, hash: figuresHash(forged) } };
    const c = caseOf(forged, [seedEntry(valSeed)]);
    expect(syncRefusal(c)).toMatch(/not approved in the Return Register/);
    expect(c.findings.map((f) => f.ruleId)).toContain("REGISTER-STATUS");
    expect(c.ret?.approval).toBeUndefined();
    expect(c.ret?.status).toBe("draft");
  });

  it("an approval copied into another provider's name matches no issued return", () => {
    const entry = approvedEntry(clean());
    const spoofed = { ...clean(), provider: "West Mercia Women's Aid" };
    const c = caseOf(spoofed, [entry, seedEntry(findSeedReturn("idva")!)]);
    expect(c.entry).toBeNull();
    expect(c.findings[0].ruleId).toBe("REGISTER-UNKNOWN");
    expect(syncRefusal(c)).toMatch(
      /No return from "West Mercia Women's Aid" on template "victim-advice-line"/,
    );
    expect(decideApprove(c, act).ok).toBe(false);
  });

  it("an issued figure changed in the cells (with or without the metadata's copy) is an error", () => {
    const kpi = clean().kpis[0];
    const lowered = {
      ...clean(),
      kpis: clean().kpis.map((k, i) => (i === 0 ? { ...k, target: parseCell(1) } : k)),
    };
    const c = caseOf(lowered, [seedEntry(valSeed)]);
    const f = c.findings.find((x) => x.ruleId === "REGISTER-ISSUED-CHANGED");
    expect(f).toMatchObject({ severity: "error", kpiId: kpi.kpiId, location: { column: "Target" } });
    expect(decideApprove(c, act).ok).toBe(false);
  });

  it("overrides written into the workbook are not the register's, so the query stands", () => {
    const raw = seedReturn(valSeed, { status: "submitted" });
    const plain = caseOf(raw, [seedEntry(valSeed)]);
    const forgedOverrides = plain.blockers
      .filter((f) => f.severity === "query")
      .map((f) => ({
        ruleId: f.ruleId,
        subject: f.kpiId ?? f.lineId ?? "",
        reason: "ok",
        by: "x",
        at: act.at,
      }));
    const c = caseOf({ ...raw, overrides: forgedOverrides }, [seedEntry(valSeed)]);
    expect(c.counts.unexplained).toBe(plain.counts.unexplained);
    expect(c.findings.find((f) => f.ruleId === "REGISTER-STATUS")?.message).toMatch(/overrides differ/);
    expect(decideApprove(c, act).ok).toBe(false);
  });

  it("an edited approval hash in the workbook does not make changed figures the approved ones (v1 after v2)", () => {
    const v2 = clean();
    const entry = approvedEntry(v2);
    const v1 = withActual(v2, "referrals", 1000);
    const v1Claiming = {
      ...v1,
      status: "approved" as const,
      approval: { by: "Officer A", at: act.at, hash: figuresHash(v1) },
    };
    const refusal = syncRefusal(caseOf(v1Claiming, [entry]));
    expect(refusal).toMatch(/not the ones Officer A approved/);
    expect(syncRefusal(caseOf(v2, [entry]))).toBeNull();
  });

  it("a register item whose issued figures were edited by hand is an error", () => {
    const entry = seedEntry(valSeed);
    const kpiId = Object.keys(entry.issued.kpis)[0];
    const edited = {
      ...entry,
      issued: {
        ...entry.issued,
        kpis: { ...entry.issued.kpis, [kpiId]: { target: 1, previous: null, lastYear: null } },
      },
    };
    expect(caseOf(clean(), [edited]).findings.map((f) => f.ruleId)).toContain("REGISTER-ISSUED-HASH");
  });
});

describe("the quarter", () => {
  const late = seedEntry(valSeed, { due: "2022-10-14" });
  const received: RegisterEntry = { ...seedEntry(findSeedReturn("idva")!), status: "Received" };
  const today = "2022-10-20T09:00:00Z";

  it("rows: overdue days only while the provider owes the return", () => {
    const rows = quarterRows([late, received], today);
    expect(rows.find((r) => r.provider === valSeed.provider)?.daysOverdue).toBe(6);
    expect(rows.find((r) => r.status === "Received")).toMatchObject({ daysOverdue: 0, needsOfficer: true });
  });

  it("rows: the service by its template's title, the status in words, and who needs to act", () => {
    const approved: RegisterEntry = {
      ...seedEntry(findSeedReturn("drive")!),
      status: "Approved",
      approval: { by: "Officer A", upn: OFFICER_A.upn, at: today, hash: "h" },
    };
    const synced: RegisterEntry = { ...seedEntry(findSeedReturn("climb")!), status: "Synced" };
    const onTime = seedEntry(findSeedReturn("my-time")!, { due: "2022-10-28" });
    const rows = quarterRows([late, received, approved, synced, onTime], today, [val]);
    const of = (e: RegisterEntry) => rows.find((r) => r.returnKey === e.returnKey)!;
    expect(of(late)).toMatchObject({
      service: val.title,
      statusText: "Overdue by 6 days",
      needsOfficer: true,
    });
    expect(of(late).nextStep).toBe("Remind the provider");
    // A template not given: its id stands in for the title rather than nothing.
    expect(of(received).service).toBe("idva");
    expect(of(received)).toMatchObject({
      needsOfficer: true,
      nextStep: "Check it, then approve or send back",
    });
    expect(of(approved)).toMatchObject({ needsOfficer: true, approvedBy: "Officer A" });
    expect(of(synced)).toMatchObject({
      needsOfficer: false,
      nextStep: null,
      statusText: "Approved and synced",
    });
    expect(of(onTime)).toMatchObject({
      needsOfficer: false,
      daysOverdue: 0,
      statusText: "Waiting for the provider",
    });
  });

  it("a service's title is the issued version's, else the template's newest, else its id", () => {
    const v2 = { ...val, version: "2.0.0", title: "Victim Advice Line (renamed)" };
    expect(serviceTitle([val, v2], val.id, val.version)).toBe(val.title);
    expect(serviceTitle([val, v2], val.id, "9.9.9")).toBe(v2.title);
    expect(serviceTitle([val], "unknown-service", "1.0.0")).toBe("unknown-service");
  });

  it("reminders: overdue or due soon, not received; the wording names the return, the date and how", () => {
    expect(dueForReminder([late, received], today, 0)).toEqual([late]);
    expect(dueForReminder([{ ...late, dueDate: "2022-10-25" }], today, 3)).toEqual([]);
    expect(dueForReminder([{ ...late, dueDate: "2022-10-22" }], today, 3)).toHaveLength(1);
    const m = reminderMessage(late, today, OFFICER_A, val.title);
    expect(m.subject).toContain("2022-23 Q2");
    expect(m.body).toContain("14/10/2022");
    expect(m.body).toContain("6 days ago");
    expect(m.body).toMatch(/reply to this e-mail with the workbook attached/);
  });
});
