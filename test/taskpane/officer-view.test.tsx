/** @jest-environment jsdom */
/** The officer's view against a faked host: validate, findings, go to cell, override, figures, approve/return, sync. */
import "@testing-library/jest-dom";
import { render, screen, within, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { figuresHash } from "../../src/core/approval";
import { OfficerView } from "../../src/taskpane/components/OfficerView";
import { renderOfficer } from "./render-officer";
import { checkOf, fakeHost, idvaError, idvaInfo, idvaQuery } from "./fixtures";

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

  it("groups findings by severity with counts, filters them, and goes to a finding's cell", async () => {
    const { host, user } = renderOfficer(checkOf("idva", [idvaError, idvaQuery, idvaInfo]));
    expect(screen.getByText(/1 error, 1 query, 1 note \(1 query needs an explanation\)/)).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "1 error" })).toHaveTextContent(idvaError.message);
    expect(screen.getByRole("region", { name: "1 query" })).toHaveTextContent(idvaQuery.message);

    await user.click(screen.getByRole("button", { name: "Errors (1)" }));
    expect(screen.queryByRole("region", { name: "1 error" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Errors (1)" })).toHaveAttribute("aria-pressed", "false");

    await user.click(
      screen.getByRole("button", { name: new RegExp(`^query: ${escape(idvaQuery.message)}`) }),
    );
    expect(host.goTo).toHaveBeenCalledWith(idvaQuery.location);
  });

  it("asks for a reason before overriding a query, then records it", async () => {
    const query = idvaQuery;
    const { host, user } = renderOfficer(checkOf("idva", [query]));
    await user.click(screen.getByRole("button", { name: "Override" }));
    expect(screen.getByText(/Write a reason first/)).toBeInTheDocument();
    expect(host.overrideQuery).not.toHaveBeenCalled();

    await user.type(
      screen.getByLabelText("Reason for % of victims/survivors contacted within 48 hours"),
      "Target is a floor; 95.8% is better.",
    );
    await user.click(screen.getByRole("button", { name: "Override" }));
    expect(host.overrideQuery).toHaveBeenCalledWith(query, "Target is a floor; 95.8% is better.");
  });

  it("explains a query by writing the commentary", async () => {
    const { host, user } = renderOfficer(checkOf("idva", [idvaQuery]));
    await user.type(
      screen.getByLabelText("Reason for % of victims/survivors contacted within 48 hours"),
      "Agreed with the provider by phone.",
    );
    await user.click(screen.getByRole("button", { name: "Explain" }));
    expect(host.saveCommentary).toHaveBeenCalledWith([
      { kpiId: "contacted-48h", lineId: undefined, commentary: "Agreed with the provider by phone." },
    ]);
  });

  it("summarises KPIs with actual, target, variance, trend against last year and RAG", () => {
    renderOfficer(checkOf("idva", []));
    const table = screen.getByRole("table", { name: "KPI summary" });
    const referrals = within(table)
      .getByText("Total referrals (hospital data included)")
      .closest("tr") as HTMLElement;
    expect(referrals).toHaveTextContent("492");
    // 492 against 465 in the same quarter last year: +5.8%, the seed's golden figure.
    expect(
      within(referrals).getByRole("img", { name: /\+5\.8% on the same quarter last year/ }),
    ).toBeInTheDocument();
    const contacted = within(table)
      .getByText("% of victims/survivors contacted within 48 hours")
      .closest("tr") as HTMLElement;
    expect(contacted).toHaveTextContent("95.8%");
    expect(contacted).toHaveTextContent("target 90.0%");
    expect(contacted).toHaveTextContent("+5.8 percentage points");
    expect(within(contacted).getByLabelText(/^RAG: (Green|Amber|Red)$/)).toBeInTheDocument();
  });

  it("draws budget utilisation against the profile (Shropshire CSP: 51.0%)", () => {
    renderOfficer(checkOf("csp-budget", [], { provider: "Shropshire CSP" }));
    const bar = screen.getByRole("img", { name: /Shropshire|CSP grant|grant/i });
    expect(bar.getAttribute("aria-label")).toMatch(/spent, 51\.0%; expected 50\.0% by Q2/);
  });

  it("blocks approval while an error stands, and says why", () => {
    renderOfficer(checkOf("idva", [idvaError]));
    expect(screen.getByRole("button", { name: "Approve" })).toBeDisabled();
    expect(screen.getByText(/1 error stands: return it to the provider to fix/)).toBeInTheDocument();
  });

  it("approves with a comment when nothing blocks it", async () => {
    const { host, user } = renderOfficer(checkOf("idva", [{ ...idvaQuery, explainedBy: "commentary" }]));
    await user.type(screen.getByLabelText("Approval comment (optional)"), "Checked against the HIDVA data.");
    await user.click(screen.getByRole("button", { name: "Approve" }));
    expect(host.approve).toHaveBeenCalledWith("Checked against the HIDVA data.");
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
    expect(host.returnToProvider).toHaveBeenCalledWith([
      "Fill in YPIDVA referrals.",
      "Explain the 48-hour figure.",
    ]);
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
    expect(screen.getByText(/has not submitted this return yet/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Approve" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Preview sync" })).toBeDisabled();
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
    expect(screen.getByRole("button", { name: "Preview sync" })).toBeEnabled();
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
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
