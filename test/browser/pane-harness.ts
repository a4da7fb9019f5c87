/**
 * The task pane in a real browser, for the browser test and the bench alike: the PRODUCTION build (dist/) served on
 * 127.0.0.1, loaded in Debian's headless Chromium (one browser, one page, reused) with a fake Office host holding a
 * seed return, its Graph calls forwarded to the local emulator. Nothing leaves this machine.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { EMULATOR_TOKEN, resolveGraphTarget } from "../../src/auth/config";
import { submit } from "../../src/core/lifecycle";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { findSeedReturn, seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import type { RegisterEntry } from "../../src/core/register";
import {
  createGraphClient,
  createRegisterEntries,
  provisionLists,
  readRegisterEntry,
  writeRegisterEntry,
} from "../../src/sharepoint";
import { findTemplate } from "../../src/templates";
import { planNewReturn, planProviderInput, planReturnState, readReturn } from "../../src/workbook";
import { applyPlan, readSnapshot } from "../../src/workbook/office";
import { FakeWorkbook } from "../support/fake-excel";
import { seedEntry } from "../support/register";
import { fakeOfficeScript, saveState, type OfficeOptions, type WorkbookState } from "./fake-office";

export const CHROMIUM = "/usr/bin/chromium";
export const haveChromium = (): boolean => fs.existsSync(CHROMIUM);
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

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

/** A seed return in a fake Excel prepared by the real office-js executor: submitted unless asked for as a draft. */
export async function preparedWorkbook(
  templateId: string,
  options: { provider?: string; draft?: boolean } = {},
): Promise<WorkbookState> {
  const entry = findSeedReturn(templateId, options.provider);
  if (!entry) throw new Error(`no seed return for ${templateId}`);
  const wb = new FakeWorkbook();
  const uninstall = wb.install();
  try {
    await applyPlan(planNewReturn(seedSetup(entry)));
    await applyPlan(planProviderInput(await readSnapshot(), seedInput(entry)));
    if (!options.draft) {
      const template = findTemplate(entry.templateId);
      const { ret } = readReturn(await readSnapshot(), template ? [template] : []);
      if (!ret) throw new Error("the prepared workbook holds no return");
      await applyPlan(planReturnState(submit(ret, { by: entry.provider, at: "2022-10-10T09:00:00Z" })));
    }
  } finally {
    uninstall();
  }
  return saveState(wb);
}

/** The register entry the team wrote when it issued a seed return: how the provider finds it. */
export function issuedEntry(templateId: string, provider?: string): RegisterEntry {
  const entry = findSeedReturn(templateId, provider);
  if (!entry) throw new Error(`no seed return for ${templateId}`);
  return seedEntry(entry);
}

/** The register entry of a seed return the team has issued and received: how an officer usually finds it. */
export function receivedEntry(templateId: string, provider?: string): RegisterEntry {
  return { ...issuedEntry(templateId, provider), status: "Received", receivedAt: "2022-10-12T09:00:00Z" };
}

export interface PaneSession {
  readonly page: Page;
  readonly emulator: RunningEmulator;
  /** Uncaught errors in the page since the session started. */
  readonly pageErrors: string[];
  /** Loads the pane afresh on this workbook (its file's URL as Office reports it), in Office's light or dark theme. */
  open(workbook: WorkbookState, documentUrl: string, options?: OfficeOptions): Promise<void>;
  /** Sets the team's Return Register entry for a return (created, or written over), as a scenario needs it. */
  register(entry: RegisterEntry): Promise<void>;
  close(): Promise<void>;
}

/** Starts the emulator (lists provisioned), the server for `dist` and one headless Chromium page `width` px wide. */
export async function openPaneSession(dist: string, width: number): Promise<PaneSession> {
  const emulator = await startEmulator({ port: 0 });
  const server = await serve(dist, emulator);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { target } = resolveGraphTarget(`?emulator=${encodeURIComponent(emulator.url)}`);
  const client = createGraphClient(target, { getToken: async () => EMULATOR_TOKEN });
  await provisionLists(client, target);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-returns-chromium-"));
  let context: BrowserContext | undefined;
  const close = async (): Promise<void> => {
    await context?.close();
    await new Promise((resolve) => server.close(resolve));
    await emulator.stop();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  try {
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
      viewport: { width, height: 900 },
      locale: "en-GB",
    });
    /** The office.js the next page load gets: each scenario opens its own workbook. */
    let office = "";
    // Nothing leaves this machine: office.js is the fake, and any other outside request fails loudly.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS)
        return route.fulfill({ status: 200, contentType: "text/javascript", body: office });
      if (url.startsWith(origin)) return route.continue();
      return route.abort("blockedbyclient");
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));
    // Screenshots without half-finished transitions (Fluent honours reduced motion).
    await page.emulateMedia({ reducedMotion: "reduce" });
    return {
      page,
      emulator,
      pageErrors,
      open: async (workbook, documentUrl, options) => {
        office = fakeOfficeScript(workbook, documentUrl, options);
        await page.goto(`${origin}/taskpane.html?emulator=${encodeURIComponent(origin)}`);
      },
      register: async (entry) => {
        const record = await readRegisterEntry(client, target, entry);
        if (record) await writeRegisterEntry(client, target, record, entry);
        else await createRegisterEntries(client, target, [entry]);
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
