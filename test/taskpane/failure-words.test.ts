/**
 * The words a failure reaches the pane in: Graph's throttling without its status code or tries, a missing build
 * setting without the setting's name or how to rebuild, an unreachable emulator without the command to start it. What
 * is already in plain words passes through unchanged, and the original wording goes to the console.
 */
import { UserError } from "../../src/core/errors";
import { buildConfig } from "../../src/auth/config";
import { createTokenSource } from "../../src/auth/token-source";
import { unreachable } from "../../src/sharepoint/client";
import { SYNC_THROTTLED_ADVICE } from "../../src/sharepoint/sync";
import { throttledError } from "../../src/sharepoint/throttled";
import { failureText, paneFailureText } from "../../src/taskpane/failure-words";

/** Words no officer or provider should read in the pane. */
const JARGON = /\(\d{3}\)|\btries\b|KPI_[A-Z_]+|`|\bnpx\b|npm run|\?emulator=|README|Entra|Rebuild/;

describe("failures in the reader's words", () => {
  const SYNC_NEXT = "Nothing is lost: choose Sync now again to finish the job.";

  it("a 429 storm: SharePoint is busy, for how long, while doing what, and the control's next step", () => {
    const err = throttledError(
      { status: 429, attempts: 8, elapsedMs: 7_400, overBudget: null },
      "writing the KPI Returns list",
    ).withAdvice(SYNC_THROTTLED_ADVICE);
    expect(err.message).toMatch(/\(429\).*8 tries over 7 s/); // what the command line still says
    const shown = paneFailureText(err, SYNC_NEXT);
    expect(shown).toBe(
      "SharePoint is busy and asked KPI Returns to slow down (it kept trying for 7 seconds), while writing the " +
        `KPI Returns list. Wait a minute or two. ${SYNC_NEXT}`,
    );
    expect(shown).not.toMatch(JARGON);
  });

  it("a preview that writes nothing is not told that items already written stay", () => {
    const err = throttledError(
      { status: 503, attempts: 8, elapsedMs: 1_000, overBudget: null },
      "reading the lists and the items already there",
    );
    const shown = paneFailureText(err, "Check your connection, then choose Preview sync again.");
    expect(shown).toMatch(/^SharePoint is not answering just now \(it kept trying for 1 second\)/);
    expect(shown).not.toMatch(/already written stay|\(503\)/);
  });

  it("a build without a client id: not set up to sign in, no setting name or rebuilding", async () => {
    const err = await createTokenSource("tenant", {
      config: { ...buildConfig(), clientId: "" },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain("KPI_CLIENT_ID");
    const shown = paneFailureText(err as UserError, "Try again.");
    expect(shown).toBe(
      "This copy of KPI Returns is not set up to sign in to SharePoint. Ask whoever installed it for your organisation to finish setting it up.",
    );
  });

  it("a build without a site: no lists to sync to, in words", () => {
    const err = new UserError(
      "This add-in was built without a SharePoint site (KPI_SITE), so it has no lists to sync to. Rebuild it with KPI_SITE set, or open it with ?emulator=http://127.0.0.1:PORT.",
    );
    expect(paneFailureText(err, "")).toBe(
      "This copy of KPI Returns has no SharePoint site to sync to. Ask whoever installed it for your organisation to finish setting it up.",
    );
  });

  it("an emulator not running: its address, no command to type", () => {
    const err = unreachable("http://127.0.0.1:9/v1.0/sites");
    expect(err.message).toMatch(/npx kpi-returns emulator --port 9/);
    const shown = paneFailureText(err, "");
    expect(shown).toBe(
      "Could not reach the local emulator at http://127.0.0.1:9/v1.0. Start it on this computer, then try again.",
    );
    expect(paneFailureText(unreachable("https://graph.example.org/v1.0/sites"), "")).toBe(
      "Could not reach SharePoint. Check your network connection, then try again.",
    );
  });

  it("anything else worded for an installer is not shown as it is", () => {
    const shown = paneFailureText(new UserError("Run `npm run build` with KPI_TENANT_ID set."), "");
    expect(shown).toMatch(/^This copy of KPI Returns is not fully set up for this\./);
    expect(shown).not.toMatch(JARGON);
  });

  it("the workbook's internal names, as a finding says them", () => {
    const err = new UserError('The KpiReturn table\'s address "KPIs!A5:M9" could not be read.');
    expect(paneFailureText(err, "")).toBe('The KPI table\'s address "KPIs!A5:M9" could not be read.');
    const sheet = new UserError('This workbook has no "KpiReturnsMetadata" sheet.');
    expect(paneFailureText(sheet, "")).toBe("This workbook has no return record.");
  });

  it("plain words pass through; the pane's one place keeps the original for the console", () => {
    const plain = new UserError("The sign-in window was closed before sign-in finished.");
    expect(paneFailureText(plain, "Try again.")).toBe(plain.message);
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const original = throttledError(
        { status: 429, attempts: 3, elapsedMs: 2_000, overBudget: null },
        "checking the lists",
      );
      expect(failureText(original, "Try again.")).not.toMatch(JARGON);
      expect(warn).toHaveBeenCalledWith("Task pane:", original.message);
      expect(failureText(plain, "Try again.")).toBe(plain.message);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});
