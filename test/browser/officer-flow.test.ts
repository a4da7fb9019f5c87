/**
 * The provider's and the officer's day in a real browser: the PRODUCTION build (dist/) loaded in Debian's headless
 * Chromium with a fake Office host holding a seed return, syncing to the local Graph emulator (test/browser/
 * pane-harness.ts). Each flow runs at the widths Excel opens the pane (270, 320, 350 px) and at 200% zoom (a 160 px
 * layout, see ZOOMED_WIDTH), and the officer's again in Office's dark theme and under forced colours. At every step
 * it asserts nothing scrolls sideways, that axe-core finds nothing, that focus is never left on <body>, and that each
 * binding step asks first in an alert dialog; then every view the navigation offers is swept the same way, for three
 * returns in light, dark and forced colours (test/browser/pane-checks.ts, which the bench's figures share).
 * Screenshots of the 320 px light flow are saved under test-results/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { findTemplate } from "../../src/templates";
import { freshProductionBuild, repoRoot } from "../support/builds";
import type { WorkbookState } from "./fake-office";
import {
  CHROMIUM,
  haveChromium,
  issuedEntry,
  openPaneSession,
  preparedWorkbook,
  receivedEntry,
  type PaneSession,
} from "./pane-harness";
import {
  PANE_WIDTHS,
  ZOOMED_WIDTH,
  atWidth,
  axeViolations,
  look,
  navViews,
  openIn,
  problems,
  sweepPane,
  type Look,
  type Scheme,
} from "./pane-checks";

const SHOTS = path.join(repoRoot, "test-results");
/** Excel's pane on Windows: where the screenshots are taken. */
const SHOT_WIDTH = 320;
const requireTools = process.env.KPI_RETURNS_REQUIRE_TOOLS === "1";

if (!haveChromium()) {
  const why = `Chromium is not installed at ${CHROMIUM}: the browser test of the task pane did NOT run.`;
  if (requireTools) {
    test("Chromium is installed for the browser test", () => {
      throw new Error(`${why} Install Debian's chromium package (apt-get install chromium).`);
    });
  } else {
    console.warn(
      `\n*** ${why} (apt-get install chromium; set KPI_RETURNS_REQUIRE_TOOLS=1 to make this a failure) ***\n`,
    );
  }
}

const maybe = haveChromium() ? describe : describe.skip;

/** Where each flow runs: every pane width and 200% zoom in light, and Windows' width in dark and forced colours. */
const RUNS: { width: number; scheme: Scheme }[] = [
  ...[...PANE_WIDTHS, ZOOMED_WIDTH].map((width) => ({ width, scheme: "light" as Scheme })),
  { width: SHOT_WIDTH, scheme: "dark" },
  { width: SHOT_WIDTH, scheme: "forced" },
];
const VAL_URL = "https://example.org/returns/VAL Q2.xlsx";

maybe("Task pane in Chromium (production build, fake Office host, Graph emulator)", () => {
  let session: PaneSession;
  let page: Page;
  const books: Record<"val" | "valDraft" | "idva" | "csp", WorkbookState> = {} as never;

  beforeAll(async () => {
    session = await openPaneSession(freshProductionBuild(), SHOT_WIDTH);
    page = session.page;
    books.val = await preparedWorkbook("victim-advice-line");
    books.valDraft = await preparedWorkbook("victim-advice-line", { draft: true });
    books.idva = await preparedWorkbook("idva");
    books.csp = await preparedWorkbook("csp-budget", { provider: "Herefordshire CSP" });
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  /** One flow's steps: what each looked like, checked together at the end so one run reports every problem. */
  const stepper = (width: number, scheme: Scheme) => {
    const looks: Look[] = [];
    const label = `${scheme}, ${width === ZOOMED_WIDTH ? "200% zoom" : `${width} px`}`;
    const shoot = width === SHOT_WIDTH && scheme === "light";
    return {
      looks,
      /** Looks at the pane now (axe in each colour scheme at 320 px and at 200% zoom; overflow at every width). */
      step: async (name: string, shot?: string): Promise<void> => {
        const axe = width === SHOT_WIDTH || width === ZOOMED_WIDTH;
        looks.push(...(await look(page, `${label}: ${name}`, [width], { axe })));
        if (shoot && shot) {
          await page.mouse.move(width - 1, 0); // no hover left over from the last click
          await page.screenshot({ path: path.join(SHOTS, `${shot}.png`), fullPage: true });
        }
      },
      /** The binding step asks first: the alert dialog names it, is looked at, and its button goes ahead. */
      confirm: async (button: string): Promise<void> => {
        const dialog = page.getByRole("alertdialog");
        await dialog.waitFor();
        looks.push(...(await look(page, `${label}: "${button}" confirmation`, [width])));
        await dialog.getByRole("button", { name: button }).click();
        await dialog.waitFor({ state: "detached" });
      },
      /** After an action focus is somewhere sensible, never on the page itself. */
      notOnBody: async (after: string): Promise<void> => {
        await page.waitForTimeout(50); // focus moves once the view has re-rendered
        const focused = await page.evaluate(() => document.activeElement?.tagName ?? "none");
        expect({ label, after, focused }).not.toEqual({ label, after, focused: "BODY" });
      },
    };
  };

  const openVal = async (state: WorkbookState, scheme: Scheme, width: number): Promise<void> => {
    await atWidth(page, width);
    await openIn(session, scheme, (dark) => session.open(state, VAL_URL, { dark }));
  };

  it("can fail: axe and the overflow check see a planted fault", async () => {
    await openVal(books.val, "light", SHOT_WIDTH);
    await navViews(page);
    await page.evaluate(() => {
      const wide = document.createElement("div");
      wide.id = "planted";
      wide.style.width = "900px";
      wide.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">';
      document.querySelector("main")?.append(wide);
    });
    const found = problems(await look(page, "planted", [SHOT_WIDTH]));
    expect(found.some((p) => /scrolls \d+ px sideways/.test(p))).toBe(true);
    expect(found.some((p) => /axe image-alt/.test(p))).toBe(true);
    await page.evaluate(() => document.getElementById("planted")?.remove());
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it.each(RUNS.filter((r) => r.scheme === "light"))(
    "walks the provider flow at $width px: check, explain a query, submit",
    async ({ width, scheme }) => {
      const { looks, step, confirm, notOnBody } = stepper(width, scheme);
      // Issued, not yet received: the provider's to fill in and submit.
      await session.register(issuedEntry("victim-advice-line"));
      await openVal(books.valDraft, scheme, width);
      // A draft opens in the provider's view.
      await page.getByRole("tab", { name: "Provider" }).and(page.locator("[aria-selected=true]")).waitFor();
      await page.getByLabel("Guidance for each KPI").waitFor();
      await page.getByRole("button", { name: "Check my return" }).click();
      await page.getByRole("button", { name: /^Query: .*13\.7%/ }).waitFor();
      await notOnBody("check my return");
      await step("checked", "provider");

      await page
        .getByRole("textbox", { name: "Reason for Referrals" })
        .fill("IT disruption in Q2 delayed referrals from the police.");
      await page.getByRole("button", { name: "Explain", exact: true }).click();
      await page.getByRole("textbox", { name: "Reason for Referrals" }).waitFor({ state: "detached" });
      await notOnBody("explain");
      await step("explained");

      await page.getByRole("button", { name: "Submit return" }).click();
      await confirm("Submit return");
      // Submitting writes the provider's workbook only: the pane goes by the Return Register (still "Issued" until
      // the team receives it) and notes the workbook's own claim.
      await page.getByText(/own record says its status is "submitted"/).waitFor();
      await notOnBody("submit");
      await step("submitted");
      expect(problems(looks)).toEqual([]);
      expect(session.pageErrors).toEqual([]);
    },
    60_000,
  );

  it.each(RUNS)(
    "walks the officer flow at $width px in $scheme: validate, override, withdraw, return, reopen, approve, sync",
    async ({ width, scheme }) => {
      const { looks, step, confirm, notOnBody } = stepper(width, scheme);
      // The team issued the return and has received the provider's workbook: the Return Register says so.
      await session.register(receivedEntry("victim-advice-line"));
      await openVal(books.val, scheme, width);
      // A submitted return opens in the officer's view.
      await page.getByRole("tab", { name: "Officer" }).and(page.locator("[aria-selected=true]")).waitFor();
      await page.getByRole("heading", { name: "Victim Advice Line" }).waitFor();

      await page.getByRole("button", { name: "Validate" }).click();
      const query = page.getByRole("button", { name: /^Query: .*13\.7%/ });
      await query.waitFor();
      await notOnBody("validate");
      await step("findings", "officer-findings");

      // Clicking a finding selects its cell in the workbook.
      await query.click();
      await page.waitForFunction(() => {
        const wb = (window as unknown as { __fakeWorkbook: { selection: { sheet: string } | null } })
          .__fakeWorkbook;
        return wb.selection !== null;
      });

      const overrideQuery = async (): Promise<void> => {
        await page
          .getByRole("textbox", { name: "Reason for accepting Referrals" })
          .fill("IT disruption in Q2; consistent with previous years.");
        await page.getByRole("button", { name: "Override" }).click();
        await confirm("Override");
        await page
          .getByText(/^Accepted by Demo Officer on .*IT disruption in Q2/)
          .first()
          .waitFor();
        await notOnBody("override");
      };
      await overrideQuery();
      await step("overridden");

      // An override can be withdrawn: the query asks for a reason again.
      await page.getByRole("button", { name: /^Withdraw the override/ }).click();
      await confirm("Withdraw");
      await page.getByRole("textbox", { name: "Reason for accepting Referrals" }).waitFor();
      await notOnBody("withdraw");
      await overrideQuery();

      // Sent back by mistake, and reopened: the reasons sent stay in view meanwhile.
      await page
        .getByRole("textbox", { name: /^What the provider must change/ })
        .fill("Please add the Q2 commentary.");
      await page.getByRole("button", { name: "Return to provider" }).click();
      await confirm("Return to provider");
      await page.getByText("Reasons sent to the provider").waitFor();
      await page.getByText("Please add the Q2 commentary.").first().waitFor();
      await notOnBody("return to provider");
      await step("returned");
      await page.getByRole("button", { name: "Reopen" }).click();
      await confirm("Reopen");
      await page.getByRole("button", { name: "Approve" }).waitFor();
      await notOnBody("reopen");

      await page
        .getByRole("textbox", { name: "Approval comment (optional)" })
        .fill("Checked with the VAL manager.");
      await page.getByRole("button", { name: "Approve" }).click();
      await confirm("Approve");
      await page
        .getByText(/^Approved by Demo Officer on/)
        .first()
        .waitFor();
      await notOnBody("approve");
      await page.evaluate(() => window.scrollTo(0, 0));
      await step("approved", "officer-approved");

      await page.getByRole("button", { name: "Preview sync" }).click();
      await page.getByRole("table", { name: "What sync would write" }).waitFor();
      await notOnBody("preview sync");
      await step("sync preview", "officer-sync-preview");
      await page.getByRole("button", { name: "Sync now" }).click();
      await confirm("Sync now");
      await page.getByText("Sync finished").waitFor();
      await notOnBody("sync");
      await page.getByRole("link", { name: "Open the KPI Returns list" }).waitFor();
      await page.getByText("Synced", { exact: true }).waitFor();
      await step("synced", "officer-synced");

      const items = session.emulator
        .snapshot()
        .sites.flatMap((s) => s.lists)
        .find((l) => l.displayName === "KPI Returns")
        ?.items.filter((i) => i.fields.Provider === "Victim Advice Line");
      expect(items?.length).toBe(findTemplate("victim-advice-line")?.kpis.length);
      expect(items?.find((i) => i.fields.KpiId === "referrals")?.fields.Actual).toBe(3834);
      expect(items?.every((i) => i.fields.ApprovedBy === "Demo Officer")).toBe(true);
      expect(problems(looks)).toEqual([]);
      expect(session.pageErrors).toEqual([]);
    },
    120_000,
  );

  it("reaches every view from the keyboard, and the tabs fit one row at each pane width", async () => {
    await openVal(books.val, "light", 270);
    const tabs = page.getByRole("tablist", { name: "Views" }).getByRole("tab");
    await tabs.first().waitFor();
    const names = await navViews(page);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names.length).toBeLessThanOrEqual(4);
    for (const width of PANE_WIDTHS) {
      await atWidth(page, width);
      const rows = new Set(await tabs.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top)));
      expect({ width, rows: rows.size }).toEqual({ width, rows: 1 });
    }
    // Arrow keys move between tabs; Enter selects.
    await atWidth(page, SHOT_WIDTH);
    await tabs.first().focus();
    for (const name of names.slice(1)) {
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Enter");
      await page.getByRole("tab", { name, exact: true }).and(page.locator("[aria-selected=true]")).waitFor();
    }
    await page.getByRole("tab", { name: "New" }).click();
    await page.getByRole("button", { name: "Create return" }).waitFor();
    await page.mouse.move(SHOT_WIDTH - 1, 0);
    await page.screenshot({ path: path.join(SHOTS, "new-return.png"), fullPage: true });
  }, 60_000);

  it("builds the quarterly summary from the synced lists", async () => {
    await openVal(books.val, "light", SHOT_WIDTH);
    await page.getByRole("tab", { name: "Quarter" }).click();
    await page.getByRole("button", { name: "Build summary sheet" }).click();
    // Built from the lists the officer flow synced: Victim Advice Line's referrals, charted by quarter.
    await page.getByText("Summary built").waitFor();
    await page.getByText(/summarises 1 return with 1 chart\./).waitFor();
    await page.mouse.move(SHOT_WIDTH - 1, 0);
    await page.screenshot({ path: path.join(SHOTS, "quarterly-summary.png"), fullPage: true });
    const built = await page.evaluate(() => {
      const wb = (
        window as unknown as {
          __fakeWorkbook: {
            sheet(name: string): { charts: { name: string; title: string | null }[] } | undefined;
            activeSheet: string | null;
          };
        }
      ).__fakeWorkbook;
      return { charts: wb.sheet("Quarterly summary")?.charts ?? null, active: wb.activeSheet };
    });
    expect(built.active).toBe("Quarterly summary");
    expect(built.charts?.map((c) => [c.name, c.title])).toEqual([
      ["ReferralTrends", "KPI trends: referrals"],
    ]);
    expect(session.pageErrors).toEqual([]);
  }, 60_000);

  it("shows the quarter's returns from the Return Register, the open one marked, at 320 px", async () => {
    await page.getByRole("tab", { name: "Quarter" }).click();
    const list = page.getByRole("list", { name: "Returns for 2022-23 Q2" });
    await list.waitFor();
    // The return the first test approved and synced, as the register now holds it.
    const card = list
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Victim Advice Line" }) });
    await card.getByText("Open in this workbook").waitFor();
    await card.getByText("Approved and synced").waitFor();
    await page.getByRole("switch", { name: /Only those that need me/ }).focus();
    await page.keyboard.press("Space");
    await page.getByText(/Nothing needs you for 2022-23 Q2/).waitFor();
    await page.keyboard.press("Space");
    await list.waitFor();
    await page.mouse.move(SHOT_WIDTH - 1, 0);
    await page.screenshot({ path: path.join(SHOTS, "quarter.png"), fullPage: true });
    expect(session.pageErrors).toEqual([]);
  }, 60_000);

  it("summarises a return's KPIs against target and last year, and a CSP's budget against its profile", async () => {
    await atWidth(page, SHOT_WIDTH);
    await session.open(books.idva, "https://example.org/returns/IDVA Q2.xlsx");
    const summary = page.getByRole("list", { name: "KPI summary" });
    await summary.waitFor();
    // IDVA referrals: 492 against 465 in the same quarter last year is +5.8%, said in words.
    await summary
      .getByText(/^\+5\.8% on the same quarter last year$/)
      .first()
      .waitFor({ state: "attached" });
    await page.getByRole("heading", { name: "KPI summary" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "officer-kpi-summary.png"), fullPage: true });

    // Live checking: the provider clears YPIDVA referrals in the sheet; once typing pauses the pane shows the error.
    await page.evaluate(() => {
      type Cell = { value: unknown };
      const wb = (
        window as unknown as {
          __fakeWorkbook: {
            table(name: string): {
              top: number;
              bottom: number;
              left: number;
              sheet: { peek(r: number, c: number): Cell | undefined };
            };
            editTable(name: string, address: string, values: unknown[][]): Promise<void>;
          };
        }
      ).__fakeWorkbook;
      const t = wb.table("KpiReturn");
      let row = t.top + 1;
      while (row <= t.bottom && t.sheet.peek(row, t.left)?.value !== "ypidva-referrals") row++;
      return wb.editTable("KpiReturn", `G${row}`, [[""]]);
    });
    await page.getByRole("heading", { name: "Errors (1)" }).waitFor();
    await page
      .getByRole("button", { name: /^Error: .*YPIDVA referrals/ })
      .first()
      .waitFor();
    await page.getByRole("heading", { name: "Findings" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "officer-live-check.png"), fullPage: true });

    await session.open(books.csp, "https://example.org/returns/Herefordshire CSP Q2.xlsx");
    // Herefordshire: £88,700 of £100,666 spent is 88.1%, against 50.0% expected by Q2.
    await page
      .getByRole("img", { name: /£88,700 of £100,666 spent, 88\.1%; expected 50\.0% by Q2/ })
      .waitFor();
    await page.screenshot({ path: path.join(SHOTS, "officer-budget.png"), fullPage: true });
    expect(session.pageErrors).toEqual([]);
  }, 60_000);

  it("follows Windows high contrast", async () => {
    await openVal(books.val, "forced", SHOT_WIDTH);
    await page.getByRole("button", { name: "Validate" }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "officer-high-contrast.png"), fullPage: true });
    // Under forced colours Chromium paints system colours anyway; the theme shows in Fluent's tokens.
    const background = await page.evaluate(() =>
      getComputedStyle(document.querySelector(".fui-FluentProvider") as Element)
        .getPropertyValue("--colorNeutralBackground1")
        .trim(),
    );
    // teamsHighContrastTheme's neutral background is black (webLightTheme's is white).
    expect(background.toLowerCase()).toBe("#000000");
    expect(session.pageErrors).toEqual([]);
  }, 60_000);

  it("sweeps every view the navigation offers, for three returns, in light, dark and forced colours", async () => {
    const looks = await sweepPane(session, [
      { name: "Victim Advice Line", workbook: books.val, url: VAL_URL },
      {
        name: "IDVA",
        workbook: books.idva,
        url: "https://example.org/returns/IDVA Q2.xlsx",
        register: receivedEntry("idva"),
      },
      {
        name: "Herefordshire CSP",
        workbook: books.csp,
        url: "https://example.org/returns/CSP Q2.xlsx",
        register: receivedEntry("csp-budget", "Herefordshire CSP"),
      },
    ]);
    expect(problems(looks)).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  }, 300_000);
});
