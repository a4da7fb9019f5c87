import { EMULATOR_TOKEN } from "../../src/auth/config";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { UserError } from "../../src/core/errors";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { createGraphClient, type RequestRecord } from "../../src/sharepoint";
import { explainGraphError, retryAfterMs, splitBaseUrl, unreachable } from "../../src/sharepoint/client";
import { GraphThrottledError } from "../../src/sharepoint/throttled";

const SITE = "/sites/contoso.sharepoint.com:/sites/commissioning";

describe("Graph client pipeline", () => {
  let emu: RunningEmulator | undefined;
  afterEach(async () => {
    await emu?.stop();
    emu = undefined;
  });

  test("sends the bearer token to a plain-http emulator host, which the stock handler would not", async () => {
    const seen: string[] = [];
    emu = await startEmulator({ tokenCheck: (t) => (seen.push(t), true) });
    const client = createGraphClient({ baseUrl: emu.url, site: "x" }, { getToken: async () => "abc" });
    const site = (await client.api(SITE).get()) as { id: string };
    expect(site.id).toMatch(/^contoso\.sharepoint\.com,/);
    expect(seen).toEqual(["abc"]);
  });

  test("waits out each 429/503 for its Retry-After, a bounded number of times", async () => {
    emu = await startEmulator({ faults: { rate429: 1, retryAfterSeconds: 2 } });
    const waits: number[] = [];
    const records: RequestRecord[] = [];
    const client = createGraphClient(
      { baseUrl: emu.url, site: "x" },
      { getToken: async () => EMULATOR_TOKEN },
      {
        retry: { maxAttempts: 3, sleep: async (ms) => void waits.push(ms) },
        onRequest: (r) => records.push(r),
      },
    );
    const err = await client
      .api(SITE)
      .get()
      .catch((e: unknown) => explainGraphError(e, "find the site"));
    // The policy's own failure reaches the caller through the SDK, with this request's tries on it.
    expect(err).toBeInstanceOf(GraphThrottledError);
    expect(err).toMatchObject({ status: 429, attempts: 3, doing: "trying to find the site" });
    // Each wait is what is left of the 2 s asked for (a few ms went in answering).
    expect(waits).toHaveLength(2);
    for (const w of waits) {
      expect(w).toBeGreaterThan(1900);
      expect(w).toBeLessThanOrEqual(2000);
    }
    expect(records.map((r) => [r.status, r.attempt])).toEqual([
      [429, 1],
      [429, 2],
      [429, 3],
    ]);
    expect(emu.stats().total).toBe(3);
  });

  test("rides out connection resets and throttling until the answer comes", async () => {
    emu = await startEmulator({ faults: { seed: 9, resetRate: 0.3, rate503: 0.2, retryAfterSeconds: 0 } });
    const client = createGraphClient(
      { baseUrl: emu.url, site: "x" },
      { getToken: async () => EMULATOR_TOKEN },
      { retry: { baseDelayMs: 1, maxAttempts: 20, secondMs: 20 } },
    );
    for (let i = 0; i < 15; i++) await expect(client.api(SITE).get()).resolves.toHaveProperty("id");
    expect(emu.stats().faulted).toBeGreaterThan(3);
  });

  test("a 401 gets one fresh token and one more try; a second 401 is not retried forever", async () => {
    let valid = "new";
    emu = await startEmulator({ tokenCheck: (t) => t === valid });
    const asked: boolean[] = [];
    const tokens = { getToken: async (force = false) => (asked.push(force), force ? "new" : "old") };
    const client = createGraphClient({ baseUrl: emu.url, site: "x" }, tokens);
    await expect(client.api(SITE).get()).resolves.toHaveProperty("id");
    expect(asked).toEqual([false, true]);
    valid = "neither";
    asked.length = 0;
    const err = await client
      .api(SITE)
      .get()
      .catch((e: unknown) => e);
    expect((err as GraphError).statusCode).toBe(401);
    expect(asked).toEqual([false, true]);
  });

  test("nobody listening: a plain message naming the address and how to start the emulator", async () => {
    const gone = await startEmulator();
    const url = gone.url;
    await gone.stop();
    const client = createGraphClient({ baseUrl: url, site: "x" }, { getToken: async () => EMULATOR_TOKEN });
    const err = await client
      .api(SITE)
      .get()
      .catch((e: unknown) => explainGraphError(e, "find the site"));
    expect(err).toBeInstanceOf(UserError);
    // The failure itself came through the SDK, so it still names where (the pane's words use it).
    expect((err as UserError).where).toBe(url);
    expect((err as Error).message).toBe(
      `Could not reach Microsoft Graph at ${url} — is the emulator running? Start it with \`npx kpi-returns emulator --port ${new URL(url).port}\`.`,
    );
  });

  test("the hint names `npm run emulator` only for the port it listens on", () => {
    expect(unreachable("http://127.0.0.1:7373/v1.0/sites/x").message).toBe(
      "Could not reach Microsoft Graph at http://127.0.0.1:7373/v1.0 — is the emulator running? Start it with `npm run emulator`.",
    );
    expect(unreachable("http://localhost:7400/v1.0").message).toMatch(
      /Start it with `npx kpi-returns emulator --port 7400`\.$/,
    );
  });

  test("Retry-After as seconds or an HTTP date; base URLs split into origin and version", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs("0")).toBe(0);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs("soon")).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
    expect(splitBaseUrl("https://graph.microsoft.com/v1.0")).toEqual({
      baseUrl: "https://graph.microsoft.com/",
      version: "v1.0",
    });
    expect(splitBaseUrl("http://127.0.0.1:4000/v1.0/")).toEqual({
      baseUrl: "http://127.0.0.1:4000/",
      version: "v1.0",
    });
    expect(() => splitBaseUrl("http://127.0.0.1:4000")).toThrow(/should end with its version/);
  });
});
