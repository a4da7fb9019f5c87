/** @jest-environment jsdom */
/**
 * The officer's pane on a return whose figures changed after approval: the void approval is said plainly, the badge
 * no longer reads "Synced", sync stays blocked, and the pane offers what the decision room allows: sending it back
 * (the register still holds the approval; new figures are approved once the return is received again), not Approve.
 */
import "@testing-library/jest-dom";
import { screen, within } from "@testing-library/react";
import { figuresHash } from "../../src/core/approval";
import { parseCell } from "../../src/core/values";
import { validateReturn } from "../../src/core/validate";
import type { Return } from "../../src/core/types";
import type { ReturnCheck } from "../../src/taskpane/host";
import { renderOfficer } from "./render-officer";
import { arriving, checkOf } from "./fixtures";

const approvedAt = "2022-10-20T09:30:00Z";

/** The seed's IDVA return, synced under an approval of its figures; `referrals` then retyped when given. */
function syncedCheck(referrals?: number): ReturnCheck {
  const asApproved = checkOf("idva", [], { status: "synced" }).ret!;
  const approval = { by: "Dana Officer", at: approvedAt, hash: figuresHash(asApproved) };
  const kpis =
    referrals === undefined
      ? asApproved.kpis
      : asApproved.kpis.map((k) => (k.kpiId === "referrals" ? { ...k, actual: parseCell(referrals) } : k));
  const ret: Return = { ...asApproved, kpis, approval };
  const { findings } = validateReturn(ret, checkOf("idva", []).template!);
  return checkOf("idva", findings, { status: "synced", patch: { approval, kpis } });
}

describe("a void approval in the pane", () => {
  it("a synced return with its approved figures: the record stands, nothing to approve", () => {
    renderOfficer(syncedCheck());
    expect(screen.getByText(/Approved by Dana Officer on 20 Oct 2022/)).toBeInTheDocument();
    expect(screen.queryByText(/Approval void/)).not.toBeInTheDocument();
    expect(screen.getByText("Synced")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Return to provider" })).not.toBeInTheDocument();
  });

  it("a changed Actual: says the approval is void, offers Return to provider and no Approve, blocks sync", () => {
    const check = syncedCheck(500);
    expect(check.findings.map((f) => f.ruleId)).toContain("APPROVAL-VOID");
    renderOfficer(check);
    const verdict = screen.getByRole("region", { name: "Approval void" });
    expect(verdict).toHaveTextContent(
      /The figures changed after Dana Officer approved them on 20 Oct 2022, \d\d:30\./,
    );
    expect(verdict).toHaveTextContent(/Next: Return it to the provider; once it is received again, approve the new figures\./);
    expect(screen.queryByText(/^Approved by/)).not.toBeInTheDocument();
    // The badge says the approval is void, not a plain "Validated" with the news in grey beneath.
    expect(screen.getAllByText("Approval void")).toHaveLength(2);
    expect(screen.queryByText("Synced")).not.toBeInTheDocument();
    // The finding dates the approval as every date in the pane reads, in UK time: never day/month/year in figures.
    expect(
      screen.getByText(/This return was approved by Dana Officer on 20 Oct 2022, 10:30, .* approve the new figures\./),
    ).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}/);
    expect(screen.queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Return to provider" })).not.toHaveAttribute(
      "aria-disabled",
      "true",
    );
    expect(screen.getByRole("button", { name: "Preview sync" })).toHaveAttribute("aria-disabled", "true");
  });

  it("returning it to the provider goes to the host with the reasons", async () => {
    const { host, user } = renderOfficer(syncedCheck(500));
    await user.type(
      screen.getByLabelText(/What the provider must change/),
      "Confirm the new referrals figure.",
    );
    await user.click(screen.getByRole("button", { name: "Return to provider" }));
    const dialog = await screen.findByRole("alertdialog", {}, arriving);
    await user.click(within(dialog).getByRole("button", { name: "Return to provider" }));
    expect(host.returnToProvider).toHaveBeenCalledWith(["Confirm the new referrals figure."]);
  });
});
