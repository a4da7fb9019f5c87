/**
 * Edits to the metadata sheet's status, period and contract version are findings, found offline from the workbook
 * alone, and the edited status is not believed: typing "approved" into the status cell approves nothing and leaves
 * the return where its history says it is, so an officer can still approve it.
 */
import { canMove, effectiveStatus, submit } from "../../src/core/lifecycle";
import type { Finding, Return } from "../../src/core/types";
import { findSeedReturn, seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import { builtInTemplates } from "../../src/templates";
import { planNewReturn, planProviderInput, planReturnState, readReturn } from "../../src/workbook";
import { newXlsx } from "../../src/workbook/xlsx";

const entry = findSeedReturn("victim-advice-line")!;
const SUBMITTED_AT = "2022-10-10T09:00:00Z";

/** The seed's return filled in and submitted by its provider, then the metadata cells given edited by hand. */
function workbook(edits: Record<string, string | null> = {}, submitted = true) {
  const wb = newXlsx();
  wb.apply(planNewReturn(seedSetup(entry)));
  wb.apply(planProviderInput(wb.snapshot(), seedInput(entry)));
  const { ret } = readReturn(wb.snapshot(), builtInTemplates);
  if (submitted) wb.apply(planReturnState(submit(ret!, { by: entry.provider, at: SUBMITTED_AT })));
  if (Object.keys(edits).length > 0) wb.apply({ ...planProviderInput(wb.snapshot(), {}), metadata: edits });
  const read = readReturn(wb.snapshot(), builtInTemplates);
  return { ret: read.ret as Return, findings: read.findings };
}

const ids = (findings: readonly Finding[]) =>
  findings.map((f) => f.ruleId).filter((id) => id.startsWith("METADATA-"));

describe("metadata edits", () => {
  it("a return as issued and as submitted has none", () => {
    expect(ids(workbook({}, false).findings)).toEqual([]);
    const { ret, findings } = workbook();
    expect(ids(findings)).toEqual([]);
    expect(ret.status).toBe("submitted");
  });

  it("a status typed over is a finding, not believed: the return stays submitted and can be approved", () => {
    const { ret, findings } = workbook({ status: "approved" });
    const edit = findings.find((f) => f.ruleId === "METADATA-STATUS")!;
    expect(edit).toMatchObject({ severity: "info", location: { table: "Metadata", column: "status" } });
    expect(edit.message).toContain('says its status is "approved", but the return carries no approval');
    expect(ret.status).toBe("submitted");
    expect(effectiveStatus(ret)).toBe("submitted");
    // Not stuck: the officer's steps from "submitted" are open (believing "approved" closed them all).
    expect(canMove(effectiveStatus(ret), "validated")).toBe(true);
    expect(canMove("validated", "approved")).toBe(true);
    expect(canMove(effectiveStatus({ ...ret, status: "approved" }), "validated")).toBe(false);
  });

  it("a status no step led to is read as the history's", () => {
    const { ret, findings } = workbook({ status: "returned" });
    expect(findings.find((f) => f.ruleId === "METADATA-STATUS")?.message).toContain(
      'but its history of steps ends at "submitted"',
    );
    expect(ret.status).toBe("submitted");
    // A draft typed as submitted, with no step taken at all, is still a draft.
    const draft = workbook({ status: "submitted" }, false);
    expect(ids(draft.findings)).toEqual(["METADATA-STATUS"]);
    expect(draft.ret.status).toBe("draft");
  });

  it("a period that began after the return was submitted is an error", () => {
    const { findings } = workbook({ period: "2023-24 Q2" });
    const edit = findings.find((f) => f.ruleId === "METADATA-PERIOD")!;
    expect(edit).toMatchObject({ severity: "error", location: { table: "Metadata", column: "period" } });
    expect(edit.message).toContain("2023-24 Q2, which began on 2023-07-01");
    expect(edit.message).toContain("submitted on 2022-10-10");
  });

  it("a contract version edited or removed is an error", () => {
    const edited = workbook({ contractVersion: "2" }).findings.find((f) => f.ruleId === "METADATA-CONTRACT");
    expect(edited).toMatchObject({
      severity: "error",
      location: { table: "Metadata", column: "contractVersion" },
    });
    expect(edited?.message).toContain("contract version 2, but this add-in writes version 1");
    const removed = workbook({ contractVersion: null }).findings.find(
      (f) => f.ruleId === "METADATA-CONTRACT",
    );
    expect(removed?.message).toContain("has no contract version");
  });
});
