/** @jest-environment jsdom */
/**
 * The officer's view against a faked host: the verdict, validate, findings (in words, by severity), go to cell, override
 * and withdraw, figures, approve / return / reopen after confirmation, focus after each step.
 */
import "@testing-library/jest-dom";
import { render, screen, within, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { figuresHash } from "../../src/core/approval";
import { OfficerView } from "../../src/taskpane/components/OfficerView";
import { renderOfficer } from "./render-officer";
import { arriving, checkOf, fakeHost, idvaError, idvaInfo, idvaQuery } from "./fixtures";

describe("Officer view", () => {
  it("shows which return is open and validates it on request", async () => {
    const check = checkOf("idva", [idvaQuery]);
    const { host, onCheck, user } = renderOfficer(check);
    expect(screen.getByRole("heading", { name: "West Mercia Women's Aid" })).toBeInTheDocument();
    expect(screen.getByText(/2022-23 Q2/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Validate" }));
    expect(host.checkReturn).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(onCheck).toHaveBeenCalledWith(check));
  });

  it("groups findings under Errors, Queries and Notes headings, says each severity in words, and goes to a cell", async () => {
    const { host, user } = renderOfficer(checkOf("idva", [idvaError, idvaQuery, idvaInfo]));
    expect(screen.getByText(/1 error, 1 query, 1 note \(1 query needs an explanation\)/)).toBeInTheDocument();
    const group = (name: string) => screen.getByRole("heading", { name }).parentElement as HTMLElement;
    expect(group("Errors (1)")).toHaveTextContent(`Error: ${idvaError.message}`);
    expect(group("Queries (1)")).toHaveTextContent(/^Queries \(1\)Query: /);
    expect(group("Notes (1)")).toHaveTextContent("Note:");

    await user.click(screen.getByRole("button", { name: "Errors (1)" }));
    expect(screen.queryByRole("heading", { name: "Errors (1)" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Errors (1)" })).toHaveAttribute("aria-pressed", "false");

    await user.click(screen.getByRole("button", { name: /^Query: .*select its cell/ }));
    expect(host.goTo).toHaveBeenCalledWith(idvaQuery.location);
  });

  it("keeps the check's id behind Details, and leaves out what is written to the provider", () => {
    const ask = {
      ...idvaQuery,
      message: `${idvaQuery.message} Please amend, or explain in the Commentary column.`,
    };
    renderOfficer(checkOf("idva", [ask]));
    const item = screen.getByRole("button", { name: /^Query: / });
    expect(item).not.toHaveTextContent("Please amend");
    const details = screen.getByText("Details").closest("details") as HTMLElement;
    expect(details).toHaveTextContent(`Check: ${idvaQuery.ruleId}`);
    expect(details).toHaveTextContent("The provider reads:");
    expect(details).toHaveTextContent("Please amend");
    expect(details).not.toHaveAttribute("open");
  });

  it("asks for a reason before overriding a query, confirms what will happen, then records it", async () => {
    const query = idvaQuery;
    const { host, user } = renderOfficer(checkOf("idva", [query]));
    await user.click(screen.getByRole("button", { name: "Override" }));
    expect(screen.getByText(/Write a reason first/)).toBeInTheDocument();
    expect(host.overrideQuery).not.toHaveBeenCalled();

    await user.type(
      screen.getByLabelText("Reason for accepting % of victims/survivors contacted within 48 hours"),
      "Target is a floor; 95.8% is better.",
    );
    await user.click(screen.getByRole("button", { name: "Override" }));
    const dialog = await screen.findByRole("alertdialog", {}, arriving);
    expect(dialog).toHaveTextContent(
      /Accept the query on % of victims\/survivors contacted within 48 hours\?/,
    );
    expect(dialog).toHaveTextContent(/recorded as your decision with your name and the time/);
    expect(host.overrideQuery).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Override" }));
    expect(host.overrideQuery).toHaveBeenCalledWith(query, "Target is a floor; 95.8% is better.");
    // An officer's reason is theirs: nothing is written into the provider's commentary.
    expect(host.saveCommentary).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).not.toBe(document.body), arriving);
  });

  it("cancelling a confirmation changes nothing and puts focus back on the button", async () => {
    const { host, user } = renderOfficer(checkOf("idva", [{ ...idvaQuery, explainedBy: "commentary" }]));
    await user.click(screen.getByRole("button", { name: "Approve" }));
    const dialog = await screen.findByRole("alertdialog", {}, arriving);
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument(), arriving);
    // (jsdom runs no exit animation, so the page may still be marked hidden behind the closed dialog: look by text.)
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Approve"), arriving);
    expect(host.approve).not.toHaveBeenCalled();
  });

  it("offers officers no Explain: their reason is never written as the provider's commentary", () => {
    renderOfficer(checkOf("idva", [idvaQuery]));
    expect(screen.queryByRole("button", { name: "Explain" })).not.toBeInTheDocument();
  });

  it("says who overrode a query, when and why, and withdraws it after confirmation", async () => {
    const override = {
      ruleId: idvaQuery.ruleId,
      subject: "contacted-48h",
      reason: "Target is a floor.",
      by: "Dana Officer",
      at: "2022-10-12T09:00:00Z",
    };
    const check = checkOf("idva", [{ ...idvaQuery, explainedBy: "override" }], {
      patch: { overrides: [override] },
    });
    const { host, user } = renderOfficer(check);
    expect(
      screen.getByText(/^Accepted by Dana Officer on 12 Oct 2022, \d\d:00: “Target is a floor\.”$/),
    ).toBeInTheDocument();
    await user.click(
      screen.getByRole("button", {
        name: "Withdraw the override of % of victims/survivors contacted within 48 hours",
      }),
    );
    const dialog = await screen.findByRole("alertdialog", {}, arriving);
    expect(dialog).toHaveTextContent(/need an explanation or an override again/);
    await user.click(within(dialog).getByRole("button", { name: "Withdraw" }));
    expect(host.withdrawOverride).toHaveBeenCalledWith({ ...idvaQuery, explainedBy: "override" });
  });

  it("summarises each KPI as a card: actual, target, variance, trend in words and RAG", () => {
    renderOfficer(checkOf("idva", []));
    const list = screen.getByRole("list", { name: "KPI summary" });
    const card = (label: string) => within(list).getByText(label).closest("li") as HTMLElement;
    const referrals = card("Total referrals (hospital data included)");
    expect(referrals).toHaveTextContent("Actual492");
    // 492 against 465 in the same quarter last year: +5.8%, the seed's golden figure, said as better or worse.
    expect(referrals).toHaveTextContent(/\+5\.8% on the same quarter last year, (better|worse|steady)/);
    const contacted = card("% of victims/survivors contacted within 48 hours");
    expect(contacted).toHaveTextContent("Actual95.8%");
    expect(contacted).toHaveTextContent("Target90.0%");
    expect(contacted).toHaveTextContent("+5.8 percentage points");
    expect(contacted).toHaveTextContent(/RAG (Green|Amber|Red)/);
  });

  it("draws budget utilisation against the profile (Shropshire CSP: 51.0%)", () => {
    renderOfficer(checkOf("csp-budget", [], { provider: "Shropshire CSP" }));
    const bar = screen.getByRole("img", { name: /Shropshire|CSP grant|grant/i });
    expect(bar.getAttribute("aria-label")).toMatch(/spent, 51\.0%; expected 50\.0% by Q2/);
  });

  it("blocks approval while an error stands, and says why at the top and beside the button", () => {
    renderOfficer(checkOf("idva", [idvaError]));
    expect(screen.getByRole("button", { name: "Approve" })).toHaveAttribute("aria-disabled", "true");
    const verdict = screen.getByRole("region", { name: "Cannot be approved" });
    expect(verdict).toHaveTextContent(/1 error stands/);
    expect(verdict).toHaveTextContent(/Next: Return it to the provider/);
    expect(screen.getAllByText(/1 error stands: return it to the provider to fix/)).toHaveLength(2);
  });

  it("approves with a comment after confirmation, then moves focus to the verdict", async () => {
    const { host, user } = renderOfficer(checkOf("idva", [{ ...idvaQuery, explainedBy: "commentary" }]));
    expect(screen.getByRole("region", { name: "Ready to approve" })).toBeInTheDocument();
    await user.type(screen.getByLabelText("Approval comment (optional)"), "Checked against the HIDVA data.");
    await user.click(screen.getByRole("button", { name: "Approve" }));
    const dialog = await screen.findByRole("alertdialog", {}, arriving);
    expect(dialog).toHaveTextContent(/Approve West Mercia Women's Aid's 2022-23 Q2 return\?/);
    expect(dialog).toHaveTextContent(/exactly the figures now in the workbook, with your comment/);
    await user.click(within(dialog).getByRole("button", { name: "Approve" }));
    expect(host.approve).toHaveBeenCalledWith("Checked against the HIDVA data.");
    await waitFor(() => expect(document.activeElement?.id).toBe("verdict"), arriving);
    expect(document.activeElement).toHaveTextContent("Ready to approve");
  });

  it("returns a return to the provider only with reasons, one a line", async () => {
    const { host, user } = renderOfficer(checkOf("idva", [idvaError]));
    await user.click(screen.getByRole("button", { name: "Return to provider" }));
    expect(host.returnToProvider).not.toHaveBeenCalled();
    expect(screen.getByText(/Give at least one reason/)).toBeInTheDocument();
    await user.type(
      screen.getByLabelText(/What the provider must change/),
      "Fill in YPIDVA referrals.{enter}Explain the 48-hour figure.",
    );
    await user.click(screen.getByRole("button", { name: "Return to provider" }));
    const dialog = await screen.findByRole("alertdialog", {}, arriving);
    expect(
      within(dialog)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Fill in YPIDVA referrals.", "Explain the 48-hour figure."]);
    expect(host.returnToProvider).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Return to provider" }));
    expect(host.returnToProvider).toHaveBeenCalledWith([
      "Fill in YPIDVA referrals.",
      "Explain the 48-hour figure.",
    ]);
  });

  it("keeps the reasons sent in view, and reopens a return sent back by mistake", async () => {
    const history = [
      { from: "validated" as const, to: "returned" as const, by: "Dana Officer", at: "2022-10-12T09:00:00Z" },
    ];
    const check = checkOf("idva", [], {
      status: "returned",
      patch: { returnedReasons: ["Fill in YPIDVA referrals."], history },
    });
    const { host, user } = renderOfficer(check);
    expect(
      screen.getByRole("region", { name: /^Returned to the provider by Dana Officer on 12 Oct 2022/ }),
    ).toBeInTheDocument();
    expect(screen.getByText("Reasons sent to the provider").nextElementSibling).toHaveTextContent(
      "Fill in YPIDVA referrals.",
    );
    await user.click(screen.getByRole("button", { name: "Reopen" }));
    const dialog = await screen.findByRole("alertdialog", {}, arriving);
    await user.click(within(dialog).getByRole("button", { name: "Reopen" }));
    expect(host.reopen).toHaveBeenCalled();
  });

  it("offers only what the lifecycle allows: nothing to approve in a draft, nothing but the record once synced", () => {
    const { unmount } = render(
      <FluentProvider theme={webLightTheme}>
        <OfficerView
          host={fakeHost(null)}
          check={checkOf("idva", [], { status: "draft" })}
          onCheck={jest.fn()}
        />
      </FluentProvider>,
    );
    expect(screen.getByRole("region", { name: "Not submitted yet" })).toHaveTextContent(
      /The provider has not sent this return in/,
    );
    expect(screen.queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Preview sync" })).toHaveAttribute("aria-disabled", "true");
    unmount();

    // The approval hashes the figures shown, so it still stands (a changed figure voids it: approval-void.test.tsx).
    const hash = figuresHash(checkOf("idva", [], { status: "synced" }).ret!);
    const approval = { by: "A. Officer", at: "2022-10-14T09:30:00Z", hash, comment: "Fine." };
    renderOfficer(checkOf("idva", [], { status: "synced", patch: { approval } }));
    expect(
      screen.getByText(/Approved by A\. Officer on 14 Oct 2022, \d\d:30: “Fine\.” Synced to SharePoint\./),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Return to provider" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Preview sync" })).not.toHaveAttribute("aria-disabled", "true");
  });

  it("shows a failure as a plain message with a next step", async () => {
    jest.spyOn(console, "error").mockImplementation(() => undefined); // the raw text goes there; restored below
    const check = checkOf("idva", []);
    const host = fakeHost(check, {
      checkReturn: async () => {
        throw new Error("RichApi.Error: The requested resource doesn't exist.\n    at stack line");
      },
    });
    const { user } = renderOfficer(check, host);
    await user.click(screen.getByRole("button", { name: "Validate" }));
    const alert = await screen.findByRole("alert");
    // Not worded for users (office-js errors are worded by the host's plainError): a generic sentence and the next step.
    expect(alert).toHaveTextContent(
      "Something went wrong that the tool did not expect. Make sure the return's sheet is open",
    );
    expect(alert).not.toHaveTextContent("requested resource");
    expect(alert).not.toHaveTextContent("stack");
    expect(console.error).toHaveBeenCalledWith(
      expect.any(String),
      expect.stringContaining("requested resource"),
    );
    jest.mocked(console.error).mockRestore();
  });
  it("receives a return the Return Register has as issued before anything else, then offers approval", async () => {
    const standing = { approvable: false, checkedAgainstRegister: true, registerStatus: "Issued", notice: null } as const;
    const issued = { ...checkOf("idva", [], { status: "submitted" }), standing };
    const received = { ...issued, standing: { ...standing, approvable: true, registerStatus: "Received" as const } };
    const host = fakeHost(issued, { receive: jest.fn(async () => received) });
    const { onCheck, user } = renderOfficer(issued, host);
    expect(screen.getByText("Issued, not received yet")).toBeInTheDocument();
    // The workbook's own claim to be submitted does not open approval: the register's step comes first.
    expect(screen.queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Receive return" }));
    expect(host.receive).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(onCheck).toHaveBeenCalledWith(received));
  });

  it("offers approval, not receipt, once the register has the return as received", () => {
    const standing = { approvable: true, checkedAgainstRegister: true, registerStatus: "Received", notice: null } as const;
    renderOfficer({ ...checkOf("idva", [], { status: "submitted" }), standing });
    expect(screen.queryByRole("button", { name: "Receive return" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Approve" })).toBeInTheDocument();
  });
});
