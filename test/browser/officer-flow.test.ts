/**
 * The officer's day in a real browser: the PRODUCTION build (dist/) served on localhost, loaded in Debian's headless
 * Chromium with a fake Office host holding the seed's Victim Advice Line return, syncing to the local Graph emulator.
 * Walks validate → findings → override → approve → sync, asserts the figures landed in the emulator's list, and saves
 * a screenshot of each view under test-results/.
 */
import { EMULATOR_TOKEN } from "../../src/auth/config";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { resolveGraphTarget } from "../../src/auth/config";
import { submit } from "../../src/core/lifecycle";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { findSeedReturn, seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import { createGraphClient, createRegisterEntries, provisionLists } from "../../src/sharepoint";
import { findTemplate } from "../../src/templates";
import { planNewReturn, planProviderInput, planReturnState, readReturn } from "../../src/workbook";
import { applyPlan, readSnapshot } from "../../src/workbook/office";
import { FakeWorkbook } from "../support/fake-excel";
import { fakeOfficeScript, saveState } from "./fake-office";
import { freshProductionBuild, repoRoot } from "../support/builds";
import { seedEntry } from "../support/register";

const CHROMIUM = "/usr/bin/chromium";
/** Excel's task pane on Windows (270 px on a Mac, 350 px on the web). */
const PANE_WIDTH = 320;
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const SHOTS = path.join(repoRoot, "test-results");
const requireTools = process.env.KPI_RETURNS_REQUIRE_TOOLS === "1";
const haveChromium = fs.existsSync(CHROMIUM);

if (!haveChromium) {
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

const maybe = haveChromium ? describe : describe.skip;

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
};

/** Serves dist/ and forwards /v1.0/* to the emulator, so the pane's Graph calls stay on its own origin. */
function serve(dist: string, emulator: RunningEmulator): Promise<http.Server> {
  const upstream = new URL(emulator.url);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/v1.0")) {
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on("error", () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(forward);
      return;
    }
    const file = path.join(dist, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dist) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": MIME[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** A seed return, submitted, in a fake Excel prepared by the real office-js executor. */
async function preparedWorkbook(templateId: string, provider?: string): Promise<FakeWorkbook> {
  const entry = findSeedReturn(templateId, provider);
  if (!entry) throw new Error(`no seed return for ${templateId}`);
  const wb = new FakeWorkbook();
  const uninstall = wb.install();
  try {
    await applyPlan(planNewReturn(seedSetup(entry)));
    await applyPlan(planProviderInput(await readSnapshot(), seedInput(entry)));
    const template = findTemplate(entry.templateId);
    const { ret } = readReturn(await readSnapshot(), template ? [template] : []);
    if (!ret) throw new Error("the prepared workbook holds no return");
    await applyPlan(planReturnState(submit(ret, { by: entry.provider, at: "2022-10-10T09:00:00Z" })));
  } finally {
    uninstall();
  }
  return wb;
}

maybe("Task pane in Chromium (production build, fake Office host, Graph emulator)", () => {
  let emulator: RunningEmulator;
  let server: http.Server;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  let profile: string;
  /** The office.js the next page load gets: each scenario opens its own workbook. */
  let office = "";
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dist = freshProductionBuild();
    emulator = await startEmulator({ port: 0 });
    server = await serve(dist, emulator);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { target } = resolveGraphTarget(`?emulator=${encodeURIComponent(emulator.url)}`);
    const client = createGraphClient(target, { getToken: async () => EMULATOR_TOKEN });
    await provisionLists(client, target);
    // The team issued the return and has received the provider's workbook: the Return Register says so.
    const issued = seedEntry(findSeedReturn("victim-advice-line")!);
    await createRegisterEntries(client, target, [
      { ...issued, status: "Received", receivedAt: "2022-10-12T09:00:00Z" },
    ]);

    office = fakeOfficeScript(
      saveState(await preparedWorkbook("victim-advice-line")),
      "https://example.org/returns/VAL Q2.xlsx",
    );
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-returns-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: PANE_WIDTH, height: 900 },
      locale: "en-GB",
    });
    // Nothing leaves this machine: office.js is the fake, and any other outside request fails loudly.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS)
        return route.fulfill({ status: 200, contentType: "text/javascript", body: office });
      if (url.startsWith(origin)) return route.continue();
      return route.abort("blockedbyclient");
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (err) => pageErrors.push(err.message));
    // Screenshots without half-finished transitions (Fluent honours reduced motion).
    await page.emulateMedia({ reducedMotion: "reduce" });
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => server?.close(resolve));
    await emulator?.stop();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  /** Saves the view, after checking it fits a task pane's width (nothing runs off to the side). */
  const shot = async (name: string): Promise<void> => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect({ view: name, width }).toEqual({ view: name, width: PANE_WIDTH });
    await page.mouse.move(PANE_WIDTH - 1, 0); // no hover left over from the last click
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };

  /** Each binding step asks first: the alert dialog appears, and its button (named for the step) goes ahead. */
  const confirm = async (step: string): Promise<void> => {
    const dialog = page.getByRole("alertdialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: step }).click();
    await dialog.waitFor({ state: "detached" });
  };

  /** After an action focus is somewhere sensible, never on the page itself. */
  const notOnBody = async (after: string): Promise<void> => {
    await page.waitForTimeout(50); // focus moves once the view has re-rendered
    const focused = await page.evaluate(() => document.activeElement?.tagName ?? "none");
    expect({ after, focused }).not.toEqual({ after, focused: "BODY" });
  };

  it("walks the officer flow: validate, findings, override, approve, sync to the emulator", async () => {
    await page.goto(`${origin}/taskpane.html?emulator=${encodeURIComponent(origin)}`);
    // A submitted return opens in the officer's view.
    await page.getByRole("tab", { name: "Officer" }).and(page.locator("[aria-selected=true]")).waitFor();
    await page.getByRole("heading", { name: "Victim Advice Line" }).waitFor();

    await page.getByRole("button", { name: "Validate" }).click();
    const query = page.getByRole("button", { name: /^Query: .*13\.7%/ });
    await query.waitFor();
    await shot("officer-findings");

    // Clicking a finding selects its cell in the workbook.
    await query.click();
    await page.waitForFunction(() => {
      const wb = (window as unknown as { __fakeWorkbook: { selection: { sheet: string } | null } })
        .__fakeWorkbook;
      return wb.selection !== null;
    });

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

    await page
      .getByRole("textbox", { name: "Approval comment (optional)" })
      .fill("Checked with the VAL manager.");
    const approve = page.getByRole("button", { name: "Approve" });
    await approve.click();
    await confirm("Approve");
    await page
      .getByText(/^Approved by Demo Officer on/)
      .first()
      .waitFor();
    await notOnBody("approve");
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot("officer-approved");

    await page.getByRole("button", { name: "Preview sync" }).click();
    await page.getByRole("table", { name: "What sync would write" }).waitFor();
    await shot("officer-sync-preview");
    await page.getByRole("button", { name: "Sync now" }).click();
    await confirm("Sync now");
    await page.getByText("Sync finished").waitFor();
    await notOnBody("sync");
    await page.getByRole("link", { name: "Open the KPI Returns list" }).waitFor();
    await shot("officer-synced");

    const items = emulator
      .snapshot()
      .sites.flatMap((s) => s.lists)
      .find((l) => l.displayName === "KPI Returns")
      ?.items.filter((i) => i.fields.Provider === "Victim Advice Line");
    const template = findTemplate("victim-advice-line");
    expect(items?.length).toBe(template?.kpis.length);
    expect(items?.find((i) => i.fields.KpiId === "referrals")?.fields.Actual).toBe(3834);
    expect(items?.every((i) => i.fields.ApprovedBy === "Demo Officer")).toBe(true);
    await page.getByText("Synced", { exact: true }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("shows the provider, new return and quarterly summary views, reachable from the keyboard", async () => {
    await page.getByRole("tab", { name: "Provider" }).click();
    await page.getByRole("button", { name: "Check my return" }).waitFor();
    await page.getByLabel("Guidance for each KPI").waitFor();
    await shot("provider");

    // Arrow keys move between tabs; Enter selects.
    await page.getByRole("tab", { name: "Provider" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: "Create return" }).waitFor();
    await shot("new-return");

    await page.getByRole("tab", { name: "Summary" }).click();
    await page.getByRole("button", { name: "Build summary sheet" }).click();
    // Built from the lists the first test synced: Victim Advice Line's referrals, charted by quarter.
    await page.getByText("Summary built").waitFor();
    await page.getByText(/summarises 1 return with 1 chart\./).waitFor();
    await shot("quarterly-summary");
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
    expect(pageErrors).toEqual([]);
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
    await shot("quarter");
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("summarises a return's KPIs against target and last year, and a CSP's budget against its profile", async () => {
    office = fakeOfficeScript(
      saveState(await preparedWorkbook("idva")),
      "https://example.org/returns/IDVA Q2.xlsx",
    );
    await page.goto(`${origin}/taskpane.html?emulator=${encodeURIComponent(origin)}`);
    const summary = page.getByRole("list", { name: "KPI summary" });
    await summary.waitFor();
    // IDVA referrals: 492 against 465 in the same quarter last year is +5.8%, said in words.
    await summary
      .getByText(/^\+5\.8% on the same quarter last year$/)
      .first()
      .waitFor({ state: "attached" });
    await page.getByRole("heading", { name: "KPI summary" }).scrollIntoViewIfNeeded();
    await shot("officer-kpi-summary");

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
    await shot("officer-live-check");

    office = fakeOfficeScript(
      saveState(await preparedWorkbook("csp-budget", "Herefordshire CSP")),
      "https://example.org/returns/Herefordshire CSP Q2.xlsx",
    );
    await page.goto(`${origin}/taskpane.html?emulator=${encodeURIComponent(origin)}`);
    // Herefordshire: £88,700 of £100,666 spent is 88.1%, against 50.0% expected by Q2.
    await page
      .getByRole("img", { name: /£88,700 of £100,666 spent, 88\.1%; expected 50\.0% by Q2/ })
      .waitFor();
    await shot("officer-budget");
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("follows Windows high contrast", async () => {
    await page.emulateMedia({ forcedColors: "active" });
    await page.reload();
    await page.getByRole("button", { name: "Validate" }).waitFor();
    await shot("officer-high-contrast");
    // Under forced colours Chromium paints system colours anyway; the theme shows in Fluent's tokens.
    const background = await page.evaluate(() =>
      getComputedStyle(document.querySelector(".fui-FluentProvider") as Element)
        .getPropertyValue("--colorNeutralBackground1")
        .trim(),
    );
    // teamsHighContrastTheme's neutral background is black (webLightTheme's is white).
    expect(background.toLowerCase()).toBe("#000000");
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
