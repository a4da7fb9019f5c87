/** @jest-environment jsdom */
/**
 * The Quarter view: the register's returns for a period as a list of cards (headings, list semantics, status in
 * words), the return open in this workbook marked, the "needs me" filter, and its loading, empty, error and
 * signed-out states. Reached from the pane's tabs, loaded when opened.
 */
import "@testing-library/jest-dom";
import * as React from "react";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { UserError } from "../../src/core/errors";
import { quarterRows } from "../../src/core/quarter";
import { registerKey, type RegisterEntry } from "../../src/core/register";
import { findSeedReturn, seedReturn } from "../../src/seed/q2-2022-23";
import { builtInTemplates } from "../../src/templates";
import { App } from "../../src/taskpane/components/App";
import { QuarterView } from "../../src/taskpane/components/QuarterView";
import type { Account, ReturnsHost } from "../../src/taskpane/host";
import type { QuarterReturns } from "../../src/taskpane/host-quarter";
import { OFFICER_A, seedEntry } from "../support/register";
import { arriving, checkOf, fakeHost } from "./fixtures";

const TODAY = "2022-10-20T09:00:00Z";
const PERIOD = "2022-23 Q2";
const val = findSeedReturn("victim-advice-line")!;
const idva = findSeedReturn("idva")!;
const drive = findSeedReturn("drive")!;
const climb = findSeedReturn("climb")!;

/** A quarter like an officer's on 20 Oct 2022: one overdue, one received and checked, one approved, one synced. */
function quarter(): QuarterReturns {
  const checked = { error: 2, query: 1 };
  const entries: RegisterEntry[] = [
    seedEntry(val, { due: "2022-10-14" }),
    {
      ...seedEntry(idva),
      status: "Received",
      history: [{ from: "Issued", to: "Received", by: OFFICER_A.name, at: TODAY, counts: checked }],
    },
    {
      ...seedEntry(drive),
      status: "Approved",
      approval: { by: "Amira Khan", upn: "amira@example.org", at: TODAY, hash: "h" },
    },
    { ...seedEntry(climb), status: "Synced" },
  ];
  return { period: PERIOD, rows: quarterRows(entries, TODAY, builtInTemplates) };
}

const emulator: Account = { mode: "emulator", signedInAs: "Emulator user" };

function renderView(host: ReturnsHost, account: Account = emulator, open = seedReturn(idva)) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <QuarterView
        host={host}
        account={account}
        defaultPeriod={PERIOD}
        openKey={open ? registerKey(open) : null}
      />
    </FluentProvider>,
  );
}

describe("the Quarter view", () => {
  it("lists each return as a card with a heading and its status, due date, checks and approver in words", async () => {
    const host = fakeHost(null, { quarterReturns: async () => quarter() });
    renderView(host);
    const list = await screen.findByRole("list", { name: `Returns for ${PERIOD}` });
    expect(host.quarterReturns).toHaveBeenCalledWith(PERIOD);
    expect(screen.getByRole("heading", { level: 2, name: "The quarter's returns" })).toBeInTheDocument();
    const items = within(list).getAllByRole("listitem");
    expect(items).toHaveLength(4);
    const card = (provider: string) =>
      items.find((i) => within(i).queryByRole("heading", { level: 3, name: provider }))!;

    const late = card(val.provider);
    expect(within(late).getByText("Overdue by 6 days")).toBeInTheDocument();
    expect(within(late).getByText("14 Oct 2022 (6 days late)")).toBeInTheDocument();
    expect(within(late).getByText("Not checked yet")).toBeInTheDocument();
    expect(within(late).getByText("Remind the provider")).toBeInTheDocument();
    // The service by its template's title, not its id.
    expect(
      within(late).getByText(builtInTemplates.find((t) => t.id === val.templateId)!.title),
    ).toBeInTheDocument();

    const received = card(idva.provider);
    expect(within(received).getByText("Received: waiting for an officer's check")).toBeInTheDocument();
    expect(within(received).getByText("2 errors, 1 query")).toBeInTheDocument();
    expect(within(received).getByText("Open in this workbook")).toBeInTheDocument();
    expect(received.querySelector("[aria-current='true']")).not.toBeNull();
    expect(within(card(val.provider)).queryByText("Open in this workbook")).toBeNull();

    expect(within(card(drive.provider)).getByText("Amira Khan")).toBeInTheDocument();
    expect(within(card(climb.provider)).getByText("Approved and synced")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent(
      "4 issued: 1 awaited (1 overdue), 1 received, 0 returned, 1 approved, 1 synced.",
    );
  });

  it("filters to the returns that need an officer, and says so when none do", async () => {
    const host = fakeHost(null, { quarterReturns: async () => quarter() });
    renderView(host);
    const filter = await screen.findByRole("switch", { name: "Only those that need me (3)" });
    await userEvent.click(filter);
    const list = screen.getByRole("list", { name: `Returns for ${PERIOD}` });
    expect(
      within(list)
        .getAllByRole("heading", { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(
      quarter()
        .rows.filter((r) => r.provider !== climb.provider)
        .map((r) => r.provider),
    );

    const done: QuarterReturns = { period: PERIOD, rows: quarter().rows.filter((r) => !r.needsOfficer) };
    const calm = fakeHost(null, { quarterReturns: async () => done });
    const { unmount } = renderView(calm);
    unmount();
    renderView(calm);
    await userEvent.click(await screen.findByRole("switch", { name: "Only those that need me (0)" }));
    expect(screen.getByText(/Nothing needs you for 2022-23 Q2/)).toBeInTheDocument();
  });

  it("says plainly when the register holds no returns for the period", async () => {
    renderView(fakeHost(null, { quarterReturns: async () => ({ period: PERIOD, rows: [] }) }));
    expect(await screen.findByText(/No returns have been issued for 2022-23 Q2 yet/)).toBeInTheDocument();
    expect(screen.queryByRole("list")).toBeNull();
    expect(screen.queryByRole("switch")).toBeNull();
  });

  it("shows a failure as a plain message, and reads again when asked", async () => {
    const quarterReturns = jest
      .fn()
      .mockRejectedValueOnce(new UserError("Could not reach Microsoft Graph. Check the connection."))
      .mockResolvedValue(quarter());
    renderView(fakeHost(null, { quarterReturns }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Could not reach Microsoft Graph");
    await userEvent.click(screen.getByRole("button", { name: "Show returns" }));
    expect(await screen.findByRole("list", { name: `Returns for ${PERIOD}` })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows what it is doing while the register is read", async () => {
    let finish: (q: QuarterReturns) => void = () => undefined;
    const pending = new Promise<QuarterReturns>((resolve) => (finish = resolve));
    renderView(fakeHost(null, { quarterReturns: () => pending }));
    expect(await screen.findByText("Reading the Return Register…")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Show returns" })).toHaveAttribute("aria-disabled", "true");
    finish(quarter());
    expect(await screen.findByRole("list", { name: `Returns for ${PERIOD}` })).toBeInTheDocument();
  });

  it("asks for sign-in before reading the register in a tenant, and reads another period when asked", async () => {
    const host = fakeHost(null, { quarterReturns: async () => quarter() });
    const { rerender } = renderView(host, { mode: "tenant", signedInAs: null });
    expect(screen.getByText(/Sign in first/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Show returns" })).toHaveAttribute("aria-disabled", "true");
    expect(host.quarterReturns).not.toHaveBeenCalled();
    rerender(
      <FluentProvider theme={webLightTheme}>
        <QuarterView
          host={host}
          account={{ mode: "tenant", signedInAs: "Amira Khan" }}
          defaultPeriod={PERIOD}
          openKey={null}
        />
      </FluentProvider>,
    );
    await waitFor(() => expect(host.quarterReturns).toHaveBeenCalledWith(PERIOD));
    const field = screen.getByRole("textbox", { name: /Period/ });
    await userEvent.clear(field);
    await screen.findByRole("list", { name: `Returns for ${PERIOD}` });
    await userEvent.type(field, "2022-23 Q3");
    await userEvent.click(screen.getByRole("button", { name: "Show returns" }));
    await waitFor(() => expect(host.quarterReturns).toHaveBeenLastCalledWith("2022-23 Q3"));
  });

  it("is a tab of the pane, loaded when opened, marking the return open in the workbook", async () => {
    const host = fakeHost(checkOf("idva", [], { provider: idva.provider }), {
      quarterReturns: async () => quarter(),
    });
    render(<App host={host} theme={webLightTheme} />);
    await userEvent.click(await screen.findByRole("tab", { name: "Quarter" }));
    const list = await screen.findByRole("list", { name: `Returns for ${PERIOD}` }, arriving);
    expect(within(list).getByText("Open in this workbook")).toBeInTheDocument();
  });
});
