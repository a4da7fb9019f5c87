/** @jest-environment jsdom */
/**
 * Every view's loading, empty and error states, designed and in words (template library, new return, provider, sync,
 * quarterly summary, quarter), and each view's text swept for what no reader should see: check ids, internal names,
 * raw template versions, HTTP statuses and retry counts, and values shown as a bare dash.
 */
import "@testing-library/jest-dom";
import * as React from "react";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { UserError } from "../../src/core/errors";
import { quarterRows } from "../../src/core/quarter";
import { findSeedReturn } from "../../src/seed/q2-2022-23";
import { throttledError } from "../../src/sharepoint/throttled";
import { builtInTemplates } from "../../src/templates";
import { App } from "../../src/taskpane/components/App";
import { NewReturnView } from "../../src/taskpane/components/NewReturnView";
import { ProviderView } from "../../src/taskpane/components/ProviderView";
import { QuarterView } from "../../src/taskpane/components/QuarterView";
import { QuarterlySummaryView } from "../../src/taskpane/components/QuarterlySummaryView";
import { SyncPanel } from "../../src/taskpane/components/SyncPanel";
import { TemplateLibraryView } from "../../src/taskpane/components/TemplateLibraryView";
import type {
  Account,
  SyncOutcome,
  SyncPreview,
  TemplateLibrary,
  TemplateLibraryEntry,
} from "../../src/taskpane/host";
import { seedEntry } from "../support/register";
import { arriving, checkOf, fakeHost, idvaError, idvaInfo, idvaQuery } from "./fixtures";
import { HTTP_STATUS, INTERNAL, RAW_VERSION, RULE_ID, bareDashes, visibleText } from "./pane-words";

const user = () => userEvent.setup({ delay: null });
const emulator: Account = { mode: "emulator", signedInAs: "Emulator user" };
const inTheme = (ui: React.ReactElement) =>
  render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
const never = <T,>() => new Promise<T>(() => undefined);
/** A 429 storm, as Graph's client reports it: the pane must say it without the status or the tries. */
const throttled = () =>
  throttledError({ status: 429, attempts: 8, elapsedMs: 7_400, overBudget: null }, "reading the lists");

/** What no view shows a reader, before any "Details" is opened. */
function expectPlain(): void {
  const text = visibleText();
  for (const pattern of [INTERNAL, RULE_ID, RAW_VERSION, HTTP_STATUS]) expect(text).not.toMatch(pattern);
  expect(bareDashes()).toEqual([]);
}

const entry = (version: string, status: TemplateLibraryEntry["status"]): TemplateLibraryEntry => ({
  id: "safer-streets-4",
  version,
  title: "Safer Streets 4",
  serviceArea: "Community Safety",
  source: "library",
  status,
  publishedBy: "Demo Officer",
});
const libraryOf = (entries: TemplateLibraryEntry[]): TemplateLibrary => ({
  from: "list",
  notice: null,
  entries,
});
const renderLibrary = (templateLibrary: () => Promise<TemplateLibrary>) =>
  inTheme(<TemplateLibraryView host={fakeHost(null, { templateLibrary })} defaultPeriod="2022-23 Q2" />);

describe("the sweep itself", () => {
  it("finds a value shown as a bare dash, and a raw version, an HTTP status or a check id", () => {
    inTheme(
      <dl>
        <dt>Variance</dt>
        <dd>–</dd>
      </dl>,
    );
    expect(bareDashes()).toEqual(["<dd>–</dd>"]);
    for (const [pattern, text] of [
      [RAW_VERSION, "template idva v1.0.0"],
      [HTTP_STATUS, "Graph said (429)"],
      [RULE_ID, "PREV-CHANGE-Q"],
      [INTERNAL, "the KpiReturn table"],
    ] as const)
      expect(text).toMatch(pattern);
    expect("version 1.0.2 of its template").not.toMatch(RAW_VERSION);
  });
});

describe("the template library", () => {
  it("loading: a busy status in words", () => {
    renderLibrary(never);
    const loading = screen.getByRole("status");
    expect(loading).toHaveAttribute("aria-busy", "true");
    expect(loading).toHaveTextContent("Reading the template library…");
  });

  it("versions said plainly in the list and the choice", async () => {
    renderLibrary(async () => libraryOf([entry("1.0.0", "Retired"), entry("1.1.0", "Published")]));
    expect(
      await screen.findByText("version 1 retired by Demo Officer · version 1.1 published by Demo Officer"),
    ).toBeInTheDocument();
    const choice = screen.getByRole("combobox", { name: /Template version/ });
    expect(within(choice).getByRole("option")).toHaveTextContent("Safer Streets 4, version 1.1");
    expectPlain();
  });

  it("empty: no templates, or none published, each said in a sentence with no empty form", async () => {
    const { unmount } = renderLibrary(async () => libraryOf([]));
    expect(await screen.findByText(/The library holds no templates yet/)).toBeInTheDocument();
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    unmount();
    renderLibrary(async () => libraryOf([entry("1.0.0", "Retired")]));
    expect(await screen.findByText(/No template version is published yet/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Issue return" })).not.toBeInTheDocument();
  });

  it("error: Graph's throttling in words, not its status or tries", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      renderLibrary(async () => Promise.reject(throttled()));
      expect(await screen.findByText(/SharePoint is busy/)).toBeInTheDocument();
      expectPlain();
    } finally {
      warn.mockRestore();
    }
  });
});

describe("new return", () => {
  it("empty: no templates is said, with no form to fill in", () => {
    inTheme(
      <NewReturnView
        host={fakeHost(null, { templates: () => [] })}
        account={emulator}
        defaultPeriod="2022-23 Q2"
      />,
    );
    expect(screen.getByText("No templates to start from")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Create return" })).not.toBeInTheDocument();
  });

  it("a host failure naming the workbook's tables says them as the reader knows them", async () => {
    jest.spyOn(console, "warn").mockImplementationOnce(() => undefined);
    const createReturn = async () =>
      Promise.reject(new UserError("The workbook has no KpiReturn table, so it cannot be filled in."));
    inTheme(
      <NewReturnView host={fakeHost(null, { createReturn })} account={emulator} defaultPeriod="2022-23 Q2" />,
    );
    const u = user();
    await u.type(screen.getByLabelText(/Provider/), "Shropshire CSP");
    await u.click(screen.getByRole("button", { name: "Create return" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The workbook has no KPI table");
    expectPlain();
  });
});

describe("the provider's view", () => {
  it("empty: before a return is read, and in a workbook that is not one, says what to open", () => {
    const notAReturn = { ret: null, template: null, validation: null, findings: [] };
    const { unmount } = inTheme(<ProviderView host={fakeHost(null)} check={null} onCheck={jest.fn()} />);
    expect(screen.getByText(/Open the return workbook the commissioning team sent you/)).toBeInTheDocument();
    unmount();
    inTheme(<ProviderView host={fakeHost(notAReturn)} check={notAReturn} onCheck={jest.fn()} />);
    expect(screen.getByText(/Open the return workbook the commissioning team sent you/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Submit return" })).not.toBeInTheDocument();
  });

  it("a return's own view: plain words, no dashes", () => {
    const check = checkOf("csp-budget", [], { status: "draft", provider: "Shropshire CSP" });
    inTheme(<ProviderView host={fakeHost(check)} check={check} onCheck={jest.fn()} />);
    expectPlain();
  });
});

const preview = (counts: SyncPreview["counts"]): SyncPreview => ({ counts, conflicts: [], refused: null });
const renderSync = (plan: SyncPreview, sync: () => Promise<SyncOutcome> = never) =>
  inTheme(<SyncPanel what="the return" blockedBecause={null} preview={async () => plan} sync={sync} />);

describe("sync", () => {
  it("empty: a preview with nothing to write says so in words above its counts", async () => {
    const u = user();
    const { unmount } = renderSync(preview({ create: 0, update: 0, unchanged: 0, conflict: 0 }));
    await u.click(screen.getByRole("button", { name: "Preview sync" }));
    expect(await screen.findByText("This return has no figures to sync.")).toBeInTheDocument();
    unmount();
    renderSync(preview({ create: 0, update: 0, unchanged: 6, conflict: 0 }));
    await u.click(screen.getByRole("button", { name: "Preview sync" }));
    expect(await screen.findByText(/Nothing new to write/)).toBeInTheDocument();
    expectPlain();
  });

  it("a conflict is named by its KPI, the list's key behind Details", async () => {
    const conflicts = [
      { key: "shropshire csp|csp-budget|2022-23 q2|grant", reason: "It was edited in the list." },
    ];
    const outcome: SyncOutcome = {
      ...preview({ create: 5, update: 0, unchanged: 0, conflict: 1 }),
      conflicts,
      lists: [],
    };
    const u = user();
    renderSync(preview(outcome.counts), async () => outcome);
    await u.click(screen.getByRole("button", { name: "Preview sync" }));
    expect(await screen.findByText("Sync would write 5 items.")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Sync now" }));
    await u.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Sync now" }));
    const item = (await screen.findByText(/It was edited in the list/)).closest("li") as HTMLElement;
    expect(visibleText(item)).toMatch(/^grant: It was edited in the list\.Details$/);
    expect(visibleText()).not.toContain("|");
    expectPlain();
  });

  it("error: throttling in words beside the controls", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      inTheme(
        <SyncPanel
          what="the return"
          blockedBecause={null}
          preview={async () => Promise.reject(throttled())}
          sync={never}
        />,
      );
      await user().click(screen.getByRole("button", { name: "Preview sync" }));
      expect(await screen.findByRole("alert")).toHaveTextContent(/SharePoint is busy.*Preview sync again/);
      expectPlain();
    } finally {
      warn.mockRestore();
    }
  });
});

describe("the quarterly summary", () => {
  it("loading beside its button; empty lists said as the host says them", async () => {
    const empty = new UserError(
      "The lists hold no approved figures for 2022-23 Q2 yet. Approve and sync that quarter's returns, then build the summary.",
    );
    let fail: (e: unknown) => void = () => undefined;
    const buildQuarterlySummary = () => new Promise<never>((_, reject) => (fail = reject));
    inTheme(
      <QuarterlySummaryView
        host={fakeHost(null, { buildQuarterlySummary })}
        account={emulator}
        defaultPeriod="2022-23 Q2"
      />,
    );
    await user().click(screen.getByRole("button", { name: "Build summary sheet" }));
    expect(await screen.findByText("Building the summary sheet…")).toBeInTheDocument();
    fail(empty);
    expect(await screen.findByRole("alert")).toHaveTextContent(empty.message);
    expectPlain();
  });
});

describe("the quarter", () => {
  it("its cards: every value in words, no dashes, no keys", async () => {
    const entries = ["victim-advice-line", "idva", "drive"].map((id) => seedEntry(findSeedReturn(id)!));
    const quarter = {
      period: "2022-23 Q2",
      rows: quarterRows(entries, "2022-10-20T09:00:00Z", builtInTemplates),
    };
    inTheme(
      <QuarterView
        host={fakeHost(null, { quarterReturns: async () => quarter })}
        account={emulator}
        defaultPeriod="2022-23 Q2"
        openKey={null}
      />,
    );
    const list = await screen.findByRole("list", { name: "Returns for 2022-23 Q2" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(3);
    expect(list).toHaveTextContent(/Checked\s*Not checked yet/);
    expect(visibleText()).not.toContain("|");
    expectPlain();
  });
});

describe("every tab of the pane", () => {
  it("each view, header included, in plain words with no dashes", async () => {
    const entries = ["victim-advice-line", "idva"].map((id) => seedEntry(findSeedReturn(id)!));
    const quarter = { period: "2022-23 Q2", rows: quarterRows(entries, "2022-10-20T09:00:00Z", builtInTemplates) };
    const check = checkOf("idva", [idvaQuery, idvaError, idvaInfo], { status: "submitted" });
    const host = fakeHost(check, {
      quarterReturns: async () => quarter,
      templateLibrary: async () => libraryOf([entry("1.0.0", "Published")]),
    });
    const u = user();
    render(<App host={host} theme={webLightTheme} />);
    await screen.findByRole("button", { name: "Validate" }, arriving);
    expectPlain();
    const shows: [string, string][] = [
      ["Provider", "Check my return"],
      ["New", "Create return"],
      ["Quarter", "Show returns"],
    ];
    for (const [tab, button] of shows) {
      await u.click(screen.getByRole("tab", { name: tab }));
      await screen.findByRole("button", { name: button }, arriving);
      expectPlain();
    }
    await screen.findByRole("list", { name: "Returns for 2022-23 Q2" }, arriving);
    expectPlain();
    await u.click(screen.getByRole("tab", { name: "New" }));
    await u.click(await screen.findByText("Template library", {}, arriving));
    await screen.findByRole("button", { name: "Issue return" }, arriving);
    expectPlain();
  });
});
