/** @jest-environment jsdom */
/** The provider, new-return and quarterly-summary views, the sync panel, and the app shell, against a faked host. */
import "@testing-library/jest-dom";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, teamsHighContrastTheme, webLightTheme } from "@fluentui/react-components";
import { UNEXPECTED_FAILURE, UserError } from "../../src/core/errors";
import { App } from "../../src/taskpane/components/App";
import { formatPeriod, periodContaining } from "../../src/core/period";
import { NewReturnView } from "../../src/taskpane/components/NewReturnView";
import { ProviderView } from "../../src/taskpane/components/ProviderView";
import { QuarterlySummaryView } from "../../src/taskpane/components/QuarterlySummaryView";
import { SyncPanel } from "../../src/taskpane/components/SyncPanel";
import type { SyncOutcome, SyncProgress } from "../../src/taskpane/host";
import { failureText } from "../../src/taskpane/failure-words";
import { arriving, checkOf, fakeHost, idvaError, idvaQuery, preview, synced } from "./fixtures";

const user = () => userEvent.setup({ delay: null });
/** Buttons stay focusable while they cannot act (Fluent's disabledFocusable): inert means aria-disabled. */
const expectInert = (el: HTMLElement, inert = true) =>
  inert
    ? expect(el).toHaveAttribute("aria-disabled", "true")
    : expect(el).not.toHaveAttribute("aria-disabled", "true");
const inTheme = (ui: React.ReactElement) =>
  render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);

describe("Provider view", () => {
  it("shows the template, period and guidance for each KPI", () => {
    const check = checkOf("idva", [], { status: "draft" });
    inTheme(<ProviderView host={fakeHost(check)} check={check} onCheck={jest.fn()} />);
    expect(screen.getByText(/^2022-23 Q2 · West Mercia Women's Aid IDVA service$/)).toBeInTheDocument();
    const list = screen.getByLabelText("Guidance for each KPI");
    expect(within(list).getByText("YPIDVA referrals")).toBeInTheDocument();
    expect(list).toHaveTextContent(/Count each victim or survivor once/);
  });

  it("checks the return, explains a query with commentary, and submits only when nothing is left", async () => {
    const withQuery = checkOf("idva", [idvaQuery], { status: "draft" });
    const host = fakeHost(withQuery);
    const onCheck = jest.fn();
    const u = user();
    const { rerender } = inTheme(<ProviderView host={host} check={withQuery} onCheck={onCheck} />);
    await u.click(screen.getByRole("button", { name: "Check my return" }));
    await waitFor(() => expect(onCheck).toHaveBeenCalledWith(withQuery));
    expectInert(screen.getByRole("button", { name: "Submit return" }));
    expect(screen.getByText("Explain the query first.")).toBeInTheDocument();
    // Providers explain; only officers override.
    expect(screen.queryByRole("button", { name: "Override" })).not.toBeInTheDocument();
    await u.type(
      screen.getByLabelText("Reason for % of victims/survivors contacted within 48 hours"),
      "Same-day allocation kept up over the summer.",
    );
    await u.click(screen.getByRole("button", { name: "Explain" }));
    expect(host.saveCommentary).toHaveBeenCalledWith([
      {
        kpiId: "contacted-48h",
        lineId: undefined,
        commentary: "Same-day allocation kept up over the summer.",
      },
    ]);

    const clean = checkOf("idva", [{ ...idvaQuery, explainedBy: "commentary" }], { status: "draft" });
    rerender(
      <FluentProvider theme={webLightTheme}>
        <ProviderView host={host} check={clean} onCheck={onCheck} />
      </FluentProvider>,
    );
    await u.click(screen.getByRole("button", { name: "Submit return" }));
    const dialog = await screen.findByRole("alertdialog", {}, arriving);
    expect(dialog).toHaveTextContent(/It goes to the commissioning team to check/);
    expect(host.submit).not.toHaveBeenCalled();
    await u.click(within(dialog).getByRole("button", { name: "Submit return" }));
    expect(host.submit).toHaveBeenCalledTimes(1);
  });

  it("tells the provider why the return came back", () => {
    const check = checkOf("idva", [idvaError], {
      status: "returned",
      patch: { returnedReasons: ["Fill in YPIDVA referrals."] },
    });
    inTheme(<ProviderView host={fakeHost(check)} check={check} onCheck={jest.fn()} />);
    expect(screen.getByText("Returned by the commissioning team")).toBeInTheDocument();
    expect(screen.getByText("Fill in YPIDVA referrals.")).toBeInTheDocument();
    expect(screen.getByText("Fix the error first, then check again.")).toBeInTheDocument();
  });
});

describe("Sync panel", () => {
  it("previews, shows progress while syncing, then the result with a link to the list", async () => {
    let report: SyncProgress = () => undefined;
    let finish: (o: SyncOutcome) => void = () => undefined;
    const sync = jest.fn(
      (onProgress: SyncProgress) =>
        new Promise<SyncOutcome>((resolve) => {
          report = onProgress;
          finish = resolve;
        }),
    );
    const onSynced = jest.fn();
    const u = user();
    inTheme(
      <SyncPanel
        what="the return"
        blockedBecause={null}
        preview={async () => preview}
        sync={sync}
        onSynced={onSynced}
      />,
    );
    expectInert(screen.getByRole("button", { name: "Sync now" }));
    await u.click(screen.getByRole("button", { name: "Preview sync" }));
    const plan = await screen.findByRole("table", { name: "What sync would write" });
    expect(within(plan).getByText("New").closest("tr")).toHaveTextContent("6");
    expect(within(plan).getByText("Unchanged").closest("tr")).toHaveTextContent("0");

    await u.click(screen.getByRole("button", { name: "Sync now" }));
    const dialog = await screen.findByRole("alertdialog", {}, arriving);
    expect(dialog).toHaveTextContent("Sync the return to SharePoint?");
    expect(dialog).toHaveTextContent("It will add 6 items.");
    expect(sync).not.toHaveBeenCalled();
    await u.click(within(dialog).getByRole("button", { name: "Sync now" }));
    act(() => report(0, 6)); // the count is known before the first write
    expect(await screen.findByText("0 of 6 items written")).toBeInTheDocument();
    act(() => report(2, 6)); // progress arrives from the sync, outside any user event // progress arrives from the sync, outside any user event
    // `hidden`: jsdom runs no exit animation, so the page can stay marked hidden behind the closed dialog for a while
    // (the browser test sees the real thing).
    expect(await screen.findByRole("progressbar", { hidden: true })).toHaveAttribute(
      "aria-valuenow",
      String(2 / 6),
    );
    // Said in words in a live region, so screen readers hear it move.
    expect(screen.getByText("2 of 6 items written").closest("[aria-live]")).toHaveAttribute(
      "aria-live",
      "polite",
    );
    await act(async () => finish(synced));
    expect(await screen.findByText("Sync finished")).toBeInTheDocument();
    expect(screen.queryByRole("progressbar", { hidden: true })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open the KPI Returns list", hidden: true })).toHaveAttribute(
      "href",
      synced.lists[0].url,
    );
    expect(onSynced).toHaveBeenCalledWith(synced);
  });

  it("will not sync an unapproved return, and shows a refusal from the preview", async () => {
    const { unmount } = inTheme(
      <SyncPanel
        what="the return"
        blockedBecause="Approve the return first."
        preview={jest.fn()}
        sync={jest.fn()}
      />,
    );
    expectInert(screen.getByRole("button", { name: "Preview sync" }));
    unmount();
    const u = user();
    const refused = { ...preview, refused: "The figures changed after approval: approve again." };
    inTheme(
      <SyncPanel what="the return" blockedBecause={null} preview={async () => refused} sync={jest.fn()} />,
    );
    await u.click(screen.getByRole("button", { name: "Preview sync" }));
    expect(await screen.findByText(refused.refused)).toBeInTheDocument();
    expectInert(screen.getByRole("button", { name: "Sync now" }));
  });
});

describe("New return", () => {
  it("checks the period and provider before asking the host, then creates the return", async () => {
    const host = fakeHost(null);
    const u = user();
    inTheme(
      <NewReturnView host={host} account={{ mode: "tenant", signedInAs: null }} defaultPeriod="2022-23 Q2" />,
    );
    expect(screen.getByText(/Sign in to fill in targets and prior figures/)).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Create return" }));
    expect(screen.getByText(/Name the provider/)).toBeInTheDocument();
    expect(host.createReturn).not.toHaveBeenCalled();

    await u.selectOptions(screen.getByLabelText(/Template/), "csp-budget");
    await u.type(screen.getByLabelText(/Provider/), "  Shropshire CSP ");
    await u.clear(screen.getByLabelText(/Period/));
    await u.type(screen.getByLabelText(/Period/), "Q2 2022");
    await u.click(screen.getByRole("button", { name: "Create return" }));
    expect(host.createReturn).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Period/)).toHaveAttribute("aria-invalid", "true");

    await u.clear(screen.getByLabelText(/Period/));
    await u.type(screen.getByLabelText(/Period/), "2022-23 Q3");
    await u.click(screen.getByRole("button", { name: "Create return" }));
    expect(host.createReturn).toHaveBeenCalledWith({
      templateId: "csp-budget",
      provider: "Shropshire CSP",
      period: "2022-23 Q3",
    });
    expect(await screen.findByText(/with 3 targets and prior figures from the lists/)).toBeInTheDocument();
  });
});

describe("Quarterly summary", () => {
  it("builds the summary sheet for a period", async () => {
    const host = fakeHost(null);
    const u = user();
    inTheme(
      <QuarterlySummaryView
        host={host}
        account={{ mode: "emulator", signedInAs: null }}
        defaultPeriod="2022-23 Q2"
      />,
    );
    await u.click(screen.getByRole("button", { name: "Build summary sheet" }));
    expect(host.buildQuarterlySummary).toHaveBeenCalledWith("2022-23 Q2");
    expect(await screen.findByText(/summarises 5 returns with 2 charts/)).toBeInTheDocument();
  });

  it("needs a signed-in tenant account", () => {
    inTheme(
      <QuarterlySummaryView
        host={fakeHost(null)}
        account={{ mode: "tenant", signedInAs: null }}
        defaultPeriod="2022-23 Q2"
      />,
    );
    expectInert(screen.getByRole("button", { name: "Build summary sheet" }));
  });
});

describe("App", () => {
  it("reads the return once on opening and shows the officer view for a submitted return", async () => {
    const host = fakeHost(checkOf("idva", [idvaQuery], { status: "submitted" }));
    render(<App host={host} theme={webLightTheme} />);
    expect(await screen.findByRole("button", { name: "Validate" }, arriving)).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Officer" })).toHaveAttribute("aria-selected", "true");
    expect(host.checkReturn).toHaveBeenCalledTimes(1);
  });

  it("says it is reading the workbook, and shows no view (nor a Validate button) until it has", async () => {
    let answer: (c: ReturnType<typeof checkOf>) => void = () => undefined;
    const host = fakeHost(null, { checkReturn: () => new Promise((resolve) => (answer = resolve)) });
    render(<App host={host} theme={webLightTheme} />);
    expect(screen.getByText("Reading the workbook…")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Validate" })).not.toBeInTheDocument();
    expect(screen.queryByRole("tab", { selected: true })).not.toBeInTheDocument();
    // With none selected, the first tab is the one stop in the Tab order.
    expect(screen.getAllByRole("tab").map((t) => t.tabIndex)).toEqual([0, -1, -1, -1]);
    act(() => answer(checkOf("idva", [], { status: "draft" })));
    expect(await screen.findByRole("button", { name: "Check my return" }, arriving)).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Provider" })).toHaveAttribute("aria-selected", "true");
  });

  it("opens the provider view for a draft, and New return when the workbook holds no return", async () => {
    const { unmount } = render(
      <App host={fakeHost(checkOf("idva", [], { status: "draft" }))} theme={webLightTheme} />,
    );
    expect(await screen.findByRole("button", { name: "Check my return" }, arriving)).toBeInTheDocument();
    unmount();
    render(<App host={fakeHost(null)} theme={teamsHighContrastTheme} today={new Date(2022, 7, 15)} />);
    expect(await screen.findByRole("button", { name: "Create return" }, arriving)).toBeInTheDocument();
    expect(screen.getByLabelText(/Period/)).toHaveValue("2022-23 Q2");
  });

  it("switches views from the keyboard", async () => {
    const u = user();
    render(<App host={fakeHost(checkOf("idva", [], { status: "submitted" }))} theme={webLightTheme} />);
    await screen.findByRole("button", { name: "Validate" }, arriving);
    const tab = (name: string) => screen.getByRole("tab", { name });
    // One stop in the Tab order, on the selected tab; the arrow keys move focus without selecting; Enter selects.
    expect(screen.getAllByRole("tab").filter((t) => t.tabIndex === 0)).toEqual([tab("Officer")]);
    tab("Officer").focus();
    await u.keyboard("{ArrowRight}");
    expect(tab("New")).toHaveFocus();
    expect(tab("Officer")).toHaveAttribute("aria-selected", "true");
    await u.keyboard("{Enter}");
    expect(tab("New")).toHaveAttribute("aria-selected", "true");
    expect(await screen.findByRole("button", { name: "Create return" }, arriving)).toBeInTheDocument();
    expect(screen.getAllByRole("tab").filter((t) => t.tabIndex === 0)).toEqual([tab("New")]);
    // Round from the last to the first and back; Home and End go to the ends.
    await u.keyboard("{ArrowRight}{ArrowRight}");
    expect(tab("Provider")).toHaveFocus();
    await u.keyboard("{ArrowLeft}");
    expect(tab("Quarter")).toHaveFocus();
    await u.keyboard("{Home}");
    expect(tab("Provider")).toHaveFocus();
    await u.keyboard("{End}");
    expect(tab("Quarter")).toHaveFocus();
    await u.keyboard(" ");
    expect(tab("Quarter")).toHaveAttribute("aria-selected", "true");
  });

  it("signs in only when asked, from the button", async () => {
    const host = fakeHost(null, {
      account: () => ({ mode: "tenant", signedInAs: null }),
      signIn: async () => ({ mode: "tenant", signedInAs: "officer@example.org" }),
    });
    const u = user();
    render(<App host={host} theme={webLightTheme} />);
    await screen.findByRole("button", { name: "Create return" }, arriving);
    expect(host.signIn).not.toHaveBeenCalled();
    await u.click(screen.getByRole("button", { name: "Sign in to SharePoint" }));
    expect(await screen.findByText("Signed in as officer@example.org")).toBeInTheDocument();
  });
});

describe("plain messages", () => {
  it("passes a UserError through; anything else is a generic sentence and the next step, its raw text on the console only", () => {
    expect(failureText(new UserError("The sheet KpiReturn is missing."), "Try again.")).toBe(
      "The sheet KpiReturn is missing.",
    );
    const console_ = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const raw = new TypeError("Cannot read properties of undefined (reading 'rows')");
      const shown = failureText(raw, "Try again.");
      expect(shown).toBe(`${UNEXPECTED_FAILURE} Try again.`);
      expect(shown).not.toMatch(/Cannot read|undefined|TypeError/);
      expect(console_).toHaveBeenCalledWith(
        expect.any(String),
        expect.stringContaining("Cannot read properties"),
      );
    } finally {
      console_.mockRestore();
    }
    expect(formatPeriod(periodContaining(new Date(2023, 0, 10)))).toBe("2022-23 Q4");
    expect(formatPeriod(periodContaining(new Date(2023, 3, 1)))).toBe("2023-24 Q1");
  });
});
