/** @jest-environment jsdom */
/**
 * A Graph 429 storm during sync, as the officer sees it: the rendered pane, the real Excel host (on the fake Excel
 * through the office-js port) and the real Graph client with its shipped retry budget, against the emulator over HTTP answering
 * every request 429. The pane must show the one plain throttling sentence, no stack, and stay usable for a re-run.
 */
import { EMULATOR_TOKEN } from "../../src/auth/config";
import "@testing-library/jest-dom";
import vm from "node:vm";
import { TextEncoder } from "node:util";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { resolveGraphTarget } from "../../src/auth/config";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import type { FaultPlan } from "../../src/emulator/faults";
import {
  createGraphClient,
  createRegisterEntries,
  KPI_LIST_NAME,
  provisionLists,
} from "../../src/sharepoint";
import { findSeedReturn } from "../../src/seed/q2-2022-23";
import { seedEntry } from "../support/register";
import { DEFAULT_MAX_ATTEMPTS } from "../../src/sharepoint/client";
import { SYNC_THROTTLED_ADVICE } from "../../src/sharepoint/sync";
import { OfficerView } from "../../src/taskpane/components/OfficerView";
import { createExcelHost } from "../../src/taskpane/excel-host";
import { officeWorkbook } from "../../src/taskpane/office-workbook";
import { findTemplate } from "../../src/templates";
import { submittedIdvaReturn } from "../support/excel-office";

// jsdom has no fetch; a browser does. Node's own (from the main context, where it lives) stands in for it, with its
// Headers, Response and Request, so the Graph client's requests are real HTTP to the emulator. TextEncoder: the
// approval hash.
Object.assign(
  globalThis,
  vm.runInThisContext("({ fetch, Headers, Response, Request })") as Record<string, unknown>,
  typeof globalThis.TextEncoder === "undefined" ? { TextEncoder } : {},
);

let emulator: RunningEmulator;
let search: string;
let uninstall: () => void = () => undefined;
/**
 * Set to start the storm after that many more answered requests: sync's reads (the Return Register's entries for the
 * period, then the lists) get through, its writes do not.
 */
let stormAfter = 0;
/** The storm: every request answered 429, or (inside a $batch) every sub-request on its own; come back at once. */
let storm: FaultPlan = {};

beforeAll(async () => {
  emulator = await startEmulator({
    // Called once the emulator has decided an answer, before sending it: the next request is the first in the storm.
    log: () => {
      if (stormAfter === 0) return;
      stormAfter -= 1;
      if (stormAfter === 0) emulator.setFaults(storm);
    },
  });
  search = `?emulator=${encodeURIComponent(emulator.url)}`;
  const { target } = resolveGraphTarget(search);
  const client = createGraphClient(target, { getToken: async () => EMULATOR_TOKEN });
  await provisionLists(client, target);
  // The team issued the IDVA return: its approval and sync go through the Return Register.
  await createRegisterEntries(client, target, [seedEntry(findSeedReturn("idva")!)]);
});
afterAll(async () => {
  uninstall();
  await emulator.stop();
});

/** The IDVA seed return, submitted by its provider, then approved through the host as an officer would. */
async function approvedIdvaHost() {
  const template = findTemplate("idva");
  if (!template) throw new Error("test setup: no IDVA template");
  uninstall = (await submittedIdvaReturn(template)).install();
  const host = createExcelHost({
    workbook: officeWorkbook,
    search,
    now: () => new Date("2022-10-14T09:30:00Z"),
    sourceWorkbook: () => "IDVA Q2.xlsx",
  });
  await host.checkReturn();
  const check = await host.approve("Figures agreed.");
  expect(check.ret?.status).toBe("approved");
  return { host, check };
}

/**
 * How long the pane may take to settle after a click. Each step is real HTTP to the emulator plus React renders, which
 * on a loaded machine can take longer than waitFor's default of 1 s; waiting longer costs nothing when it is quick.
 */
const settle = { timeout: 30_000 };

const kpiItems = () =>
  emulator
    .snapshot()
    .sites.flatMap((s) => s.lists)
    .find((l) => l.displayName === KPI_LIST_NAME)?.items ?? [];

it("shows a 429 storm during sync (inside the write batch, then on every request) in the officer's words from the failure's own figures, no stack, and the pane can sync again once it passes", async () => {
  const { host, check } = await approvedIdvaHost();
  const user = userEvent.setup({ delay: null });
  const warned = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  render(
    <FluentProvider theme={webLightTheme}>
      <OfficerView host={host} check={check} onCheck={() => undefined} />
    </FluentProvider>,
  );
  const sync = within(screen.getByRole("region", { name: "Sync to SharePoint" }));
  // `hidden`: jsdom runs no exit animation, so the page can stay marked hidden behind a closed confirmation on a loaded
  // machine (the browser test sees the real thing); the controls are found and used all the same.
  const button = (name: string) => sync.getByRole("button", { name, hidden: true });
  const ready = (name: string) => expect(button(name)).not.toHaveAttribute("aria-disabled", "true");
  /** Sync now asks first, naming what it will write. */
  const confirmSync = async () => {
    const dialog = await screen.findByRole("alertdialog", {}, settle);
    expect(dialog).toHaveTextContent(/^Sync West Mercia Women's Aid's 2022-23 Q2 return to SharePoint\?/);
    await user.click(within(dialog).getByRole("button", { name: "Sync now" }));
  };

  await user.click(button("Preview sync"));
  await waitFor(() => ready("Sync now"), settle);

  // First a storm inside the write batch: each write is answered 429 on its own, so sync ends with its result
  // carrying the failure of the writes that gave up. The pane words that failure from its own figures.
  storm = { batchItem429Rate: 1, retryAfterSeconds: 0 };
  stormAfter = 2;
  emulator.resetStats();
  await user.click(button("Sync now"));
  await confirmSync();
  const writes = (await sync.findByRole("alert", { hidden: true }, settle)).textContent ?? "";
  expect(writes).toMatch(
    /^SharePoint is busy and asked KPI Returns to slow down \(it kept trying for \d+ seconds?\), while writing the (KPI|Budget) Returns list\. Wait a minute or two\. Nothing is lost/,
  );
  expect(writes).not.toMatch(/\(429\)|\btries\b|Microsoft Graph/);
  // The figures the console keeps are the same failure's: each write was tried the shipped number of times.
  expect(warned.mock.calls.flat().join(" ")).toMatch(
    new RegExp(
      `still was after ${DEFAULT_MAX_ATTEMPTS} tries over \\d+ s while writing the (KPI|Budget) Returns list`,
    ),
  );
  // Two reads, then the write batch once per try; nothing landed.
  expect(emulator.stats()).toMatchObject({ total: 2 + DEFAULT_MAX_ATTEMPTS });
  expect(kpiItems()).toHaveLength(0);
  emulator.setFaults({});
  warned.mockClear();
  await waitFor(() => ready("Preview sync"), settle);
  await user.click(button("Preview sync"));
  await waitFor(() => expect(sync.queryByRole("alert", { hidden: true })).not.toBeInTheDocument(), settle);
  await waitFor(() => ready("Sync now"), settle);

  // The storm: once sync has read the register and the lists, every request is answered 429, asking to come back at once, so the
  // shipped retry budget runs out fast.
  storm = { rate429: 1, retryAfterSeconds: 0 };
  stormAfter = 2;
  emulator.resetStats();
  await user.click(button("Sync now"));
  await confirmSync();
  // `hidden`: jsdom runs no exit animation, so the page can stay marked hidden behind the closed confirmation for a
  // while on a loaded machine (the browser test sees the real thing).
  const alert = await sync.findByRole("alert", { hidden: true }, settle);

  const message = alert.textContent ?? "";
  // The officer's words: SharePoint is busy, for how long it kept trying, while doing what, and what to do now.
  expect(message).toMatch(
    /^SharePoint is busy and asked KPI Returns to slow down \(it kept trying for \d+ seconds?\), while writing the KPI Returns/,
  );
  expect(message).toContain(
    "Wait a minute or two. Nothing is lost: choose Sync now again to finish the job.",
  );
  // No Graph terms (status codes, tries) and no stack frame, error class or SDK internals.
  expect(message).not.toMatch(
    /\(429\)|\btries\b|Microsoft Graph|\n|\bat \S+ \(|GraphError|GraphThrottledError|Error:|statusCode|\{/,
  );
  // The original wording is kept for whoever supports the add-in, in the console.
  expect(warned.mock.calls.flat().join(" ")).toMatch(
    new RegExp(
      `Microsoft Graph is throttling requests \\(429\\) and still was after ${DEFAULT_MAX_ATTEMPTS} tries`,
    ),
  );
  expect(warned.mock.calls.flat().join(" ")).toContain(SYNC_THROTTLED_ADVICE);
  // Two reads (the register, the lists), then the one write batch tried exactly the shipped number of times;
  // nothing landed.
  expect(emulator.stats()).toMatchObject({
    total: 2 + DEFAULT_MAX_ATTEMPTS,
    faulted: DEFAULT_MAX_ATTEMPTS,
    writes: DEFAULT_MAX_ATTEMPTS,
  });
  expect(kpiItems()).toHaveLength(0);

  // Still usable: nothing busy, the progress bar gone, and the officer can preview and sync again.
  expect(sync.queryByRole("progressbar", { hidden: true })).not.toBeInTheDocument();
  await waitFor(() => ready("Preview sync"), settle);
  emulator.setFaults({});
  await user.click(button("Preview sync"));
  await waitFor(() => expect(sync.queryByRole("alert", { hidden: true })).not.toBeInTheDocument(), settle);
  await waitFor(() => ready("Sync now"), settle);
  await user.click(button("Sync now"));
  await confirmSync();
  expect(await sync.findByText("Sync finished", {}, settle)).toBeInTheDocument();
  const figures = check.ret!.kpis.length;
  await waitFor(() => expect(kpiItems()).toHaveLength(figures), settle);
  warned.mockRestore();
}, 90_000);
