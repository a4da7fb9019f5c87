/**
 * Sync and provisioning against the strict emulator: what SharePoint does that the product must meet. Each case fails
 * on the behaviour it replaced (case-sensitive keys, rich-text commentary, no column repair, a 60 s cap on waits,
 * tokens sent anywhere, an undecorated User-Agent, no pacing).
 */
import type { GraphClient } from "../../src/sharepoint/client";
import { EMULATOR_TOKEN } from "../../src/auth/config";
import { nodeTokenSource } from "../../src/auth/node";
import { connectGraph } from "../../src/cli/graph";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { emulatorJwt } from "../support/emulator-token";
import {
  checkLists,
  createGraphClient,
  KPI_LIST_NAME,
  provisionLists,
  syncReturns,
  type GraphTarget,
} from "../../src/sharepoint";
import { relativeTo } from "../../src/sharepoint/client";
import { GraphThrottledError } from "../../src/sharepoint/throttled";
import { columnDefinition, kpiListSchema, budgetListSchema } from "../../src/sharepoint/schema";
import { isLoopbackUrl } from "../../src/sharepoint/target";
import { testIo, tempDir } from "../cli/support";
import {
  fixedToken,
  listFields,
  rig,
  SITE,
  syntheticInputs,
  syntheticReturn,
  syntheticTemplate,
  inputFor,
  type Rig,
} from "./support";

const OPTS = { syncedBy: "officer@westmercia.example", now: () => new Date("2022-10-20T12:00:00Z") };

describe("sync and provisioning as SharePoint behaves", () => {
  let r: Rig | undefined;
  let emu: RunningEmulator | undefined;
  afterEach(async () => {
    await r?.emu.stop();
    await emu?.stop();
    r = undefined;
    emu = undefined;
  });

  test("a provider name re-typed in another case updates the same items (keys compared as SharePoint compares)", async () => {
    r = await rig();
    const template = syntheticTemplate(3);
    const first = inputFor(
      syntheticReturn(template, "Victim Support", (i) => 10 + i),
      template,
      "a.xlsx",
    );
    expect((await syncReturns(r.client, r.target, [first], OPTS)).totals.create).toBe(3);
    const again = inputFor(
      syntheticReturn(template, "victim support", (i) => 10 + i),
      template,
      "b.xlsx",
    );
    const result = await syncReturns(r.client, r.target, [again], OPTS);
    expect(result.totals).toMatchObject({ create: 0, failed: 0, conflict: 0 });
    const items = listFields(r.emu, KPI_LIST_NAME);
    expect(items).toHaveLength(3);
  });

  test("provision repairs a list made by hand: the key indexed and unique, commentary plain text; then sync trusts it", async () => {
    emu = await startEmulator();
    const target: GraphTarget = { baseUrl: emu.url, site: SITE };
    const client = createGraphClient(target, fixedToken(), { retry: { baseDelayMs: 5 } });
    const siteId = ((await client.api(`/sites/${SITE}`).get()) as { id: string }).id;
    // As someone might have made them: no index, no uniqueness, Commentary left to SharePoint's default text type.
    for (const schema of [kpiListSchema, budgetListSchema]) {
      await client.api(`/sites/${siteId}/lists`).post({
        displayName: schema.displayName,
        columns: schema.columns.map((c) => {
          const def = columnDefinition(c);
          const text = def.text as Record<string, unknown> | undefined;
          return {
            ...def,
            indexed: c.name === "ReturnKey" || c.name === "Period",
            enforceUniqueValues: false,
            ...(text ? { text: { ...text, textType: undefined } } : {}),
          };
        }),
      });
    }
    await expect(checkLists(client, target)).rejects.toThrow(
      /"ItemKey" must be indexed; .*"ItemKey" must enforce unique values; .*"Commentary" holds rich text/,
    );
    await provisionLists(client, target);
    await expect(checkLists(client, target)).resolves.toHaveProperty("kpi");
    const inputs = syntheticInputs(1, 3).map((i) => ({ ...i, ret: { ...i.ret } }));
    await syncReturns(client, target, inputs, OPTS);
    // Plain text reads back as written, so a re-sync sees nothing changed (rich text would look edited by finance).
    const again = await syncReturns(client, target, inputs, OPTS);
    expect(again.totals).toMatchObject({ unchanged: 3, conflict: 0 });
  });

  test("sync needs no more than Sites.ReadWrite.All; provisioning needs Sites.Manage.All and says so", async () => {
    r = await rig();
    const officer = createGraphClient(r.target, {
      getToken: async () => emulatorJwt(["Sites.ReadWrite.All"]),
    });
    const result = await syncReturns(officer, r.target, syntheticInputs(2, 30), OPTS);
    expect(result.totals).toMatchObject({ create: 60, failed: 0 });
    expect(r.emu.stats().forbidden).toBe(0);
    await r.emu.stop();
    emu = await startEmulator();
    const fresh: GraphTarget = { baseUrl: emu.url, site: SITE };
    const notOwner = createGraphClient(fresh, { getToken: async () => emulatorJwt(["Sites.ReadWrite.All"]) });
    await expect(provisionLists(notOwner, fresh)).rejects.toThrow(/403 accessDenied.*Sites\.Manage\.All/);
    r = undefined;
  });

  test("a Retry-After beyond the waiting budget stops plainly at once: nothing more is sent, nothing is lost", async () => {
    r = await rig();
    const client = createGraphClient(r.target, fixedToken(), { retry: { waitBudgetMs: 60_000 } });
    r.emu.setFaults({ rate429: 1, retryAfterSeconds: 600 });
    const started = Date.now();
    const err = await syncReturns(client, r.target, syntheticInputs(1, 5), OPTS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphThrottledError);
    expect((err as Error).message).toMatch(
      /^Microsoft Graph is throttling requests \(429\) and asked to wait 600 s more, beyond the 1-minute waiting budget while reading the lists and the items already there; it stopped sending then, so nothing was lost/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.emu.stats().total).toBe(1);
  });

  test("under a budget of resource units a minute, the client paces itself and is never throttled", async () => {
    // A minute lasts 300 ms here; 1,200 units a minute as the smallest tenant.
    r = await rig({
      emulator: { budget: { unitsPerMinute: 1200 }, secondMs: 5 },
      client: { retry: { unitsPerMinute: 1200, secondMs: 5 } },
    });
    const result = await syncReturns(r.client, r.target, syntheticInputs(3, 100), OPTS);
    expect(result.totals.create).toBe(300);
    expect(r.emu.stats()).toMatchObject({ overBudget: 0, earlyRequests: 0 });
  });
});

describe("where tokens go", () => {
  test("[::ffff:127.0.0.1] is loopback, so the command line sends it the emulator token, never GRAPH_TOKEN", async () => {
    expect(isLoopbackUrl("https://[::ffff:127.0.0.1]:8443/v1.0")).toBe(true);
    expect(isLoopbackUrl("https://[::ffff:10.0.0.1]:8443/v1.0")).toBe(false);
    const tokens = nodeTokenSource(
      { baseUrl: "https://[::ffff:127.0.0.1]:8443/v1.0", site: SITE },
      { env: { GRAPH_TOKEN: "real-secret" } },
    );
    expect(await tokens.getToken()).toBe(EMULATOR_TOKEN);
  });

  test("a token is never attached for a host that is not Graph's or loopback, and such a nextLink is not followed", async () => {
    let asked = 0;
    const client: GraphClient = createGraphClient(
      { baseUrl: "https://graph.example.org/v1.0", site: SITE },
      { getToken: async () => (asked++, "real-secret") },
    );
    await expect(client.api("/sites/x").get()).rejects.toThrow(
      /Refused to send the sign-in token to https:\/\/graph\.example\.org/,
    );
    expect(asked).toBe(0);
    const graph = { baseUrl: "https://graph.microsoft.com/v1.0", site: SITE };
    expect(relativeTo(graph, "https://graph.microsoft.com/v1.0/sites/x?$skiptoken=1")).toBe(
      "/sites/x?$skiptoken=1",
    );
    expect(() => relativeTo(graph, "https://evil.example/v1.0/sites/x")).toThrow(/not followed/);
  });

  test("the command line decorates its User-Agent as SharePoint asks: NONISV|company|app/version", async () => {
    const emu = await startEmulator();
    try {
      const io = testIo(tempDir(), { KPI_ORGANISATION: "West Mercia PCC" });
      const { client } = await connectGraph({ site: SITE, graphUrl: emu.url }, io);
      await client.api(`/sites/${SITE}`).get();
      expect(emu.stats().userAgents).toEqual([
        expect.stringMatching(/^NONISV\|West Mercia PCC\|KPIReturns\/\d+\.\d+\.\d+$/),
      ]);
      const plain = await connectGraph({ site: SITE, graphUrl: emu.url }, testIo(tempDir()));
      emu.resetStats();
      await plain.client.api(`/sites/${SITE}`).get();
      expect(emu.stats().userAgents[0]).toMatch(/^NONISV\|contoso\|KPIReturns\//);
    } finally {
      await emu.stop();
    }
  });
});
