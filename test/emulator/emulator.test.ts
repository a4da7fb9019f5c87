import { EMULATOR_TOKEN } from "../../src/auth/config";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { emulatorCall as call } from "../support/emulator-graph";

const SITE = "contoso.sharepoint.com:/sites/commissioning";
const TOKEN = EMULATOR_TOKEN;

const columns = [
  { name: "ItemKey", text: {}, indexed: true, enforceUniqueValues: true },
  { name: "Provider", text: {} },
  { name: "Actual", number: {} },
  { name: "SyncedAt", dateTime: {} },
];

async function withList(emu: RunningEmulator): Promise<{ siteId: string; listId: string }> {
  const site = await call(emu, "GET", `/sites/${SITE}`);
  const siteId = site.body.id as string;
  const list = await call(emu, "POST", `/sites/${siteId}/lists`, {
    displayName: "KPI Returns",
    columns,
    list: { template: "genericList" },
  });
  expect(list.status).toBe(201);
  return { siteId, listId: list.body.id as string };
}

describe("Graph emulator", () => {
  let emu: RunningEmulator;
  let lines: string[];
  beforeEach(async () => {
    lines = [];
    emu = await startEmulator({ log: (l) => lines.push(l) });
  });
  afterEach(() => emu.stop());

  test("serves a site by path and by id, on 127.0.0.1 only", async () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
    const byPath = await call(emu, "GET", `/sites/${SITE}`);
    expect(byPath.status).toBe(200);
    const byId = await call(emu, "GET", `/sites/${byPath.body.id as string}`);
    expect(byId.body.id).toBe(byPath.body.id);
    expect((await call(emu, "GET", "/sites/no-such-site-id")).status).toBe(404);
  });

  test("creates a list, finds it by name, refuses a second of the same name", async () => {
    const { siteId, listId } = await withList(emu);
    const found = await call(
      emu,
      "GET",
      `/sites/${siteId}/lists?$filter=${encodeURIComponent("displayName eq 'KPI Returns'")}&$expand=columns`,
    );
    const value = found.body.value as { id: string; columns: { name: string }[] }[];
    expect(value.map((l) => l.id)).toEqual([listId]);
    expect(value[0].columns.map((c) => c.name)).toEqual(
      expect.arrayContaining(["Title", "ItemKey", "Actual"]),
    );
    const byName = await call(emu, "GET", `/sites/${siteId}/lists/${encodeURIComponent("KPI Returns")}`);
    expect(byName.body.id).toBe(listId);
    expect(
      (await call(emu, "POST", `/sites/${siteId}/lists`, { displayName: "KPI Returns", columns: [] })).status,
    ).toBe(409);
  });

  test("items: create, read with fields, patch with If-Match, 412 on a stale eTag, 409 on a duplicate unique key", async () => {
    const { siteId, listId } = await withList(emu);
    const items = `/sites/${siteId}/lists/${listId}/items`;
    const created = await call(emu, "POST", items, {
      fields: { ItemKey: "a", Provider: "Victim Support", Actual: 400, SyncedAt: "2022-10-01T10:00:00.123Z" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const eTag = created.body.eTag as string;
    expect((created.body.fields as Record<string, unknown>).SyncedAt).toBe("2022-10-01T10:00:00Z");

    const dup = await call(emu, "POST", items, { fields: { ItemKey: "a", Actual: 1 } });
    expect(dup.status).toBe(409);

    const patched = await call(emu, "PATCH", `${items}/${id}/fields`, { Actual: 401 }, { "If-Match": eTag });
    expect(patched.status).toBe(200);
    expect(patched.body.Actual).toBe(401);
    const stale = await call(emu, "PATCH", `${items}/${id}/fields`, { Actual: 999 }, { "If-Match": eTag });
    expect(stale.status).toBe(412);
    const read = await call(emu, "GET", `${items}/${id}?$expand=fields`);
    expect((read.body.fields as Record<string, unknown>).Actual).toBe(401);
    expect(read.body.eTag).not.toBe(eTag);

    expect((await call(emu, "POST", items, { fields: { Nope: 1 } })).status).toBe(400);
    expect((await call(emu, "POST", items, { fields: { ItemKey: "b", Actual: "lots" } })).status).toBe(400);
  });

  test("$filter eq works on an indexed column and is refused on a non-indexed one unless the caller accepts the risk", async () => {
    const { siteId, listId } = await withList(emu);
    const items = `/sites/${siteId}/lists/${listId}/items`;
    await call(emu, "POST", items, { fields: { ItemKey: "O'Brien|x", Provider: "O'Brien" } });
    await call(emu, "POST", items, { fields: { ItemKey: "other", Provider: "Other" } });
    const byKey = await call(
      emu,
      "GET",
      `${items}?$expand=fields&$filter=${encodeURIComponent("fields/ItemKey eq 'O''Brien|x'")}`,
    );
    expect((byKey.body.value as unknown[]).length).toBe(1);
    const nonIndexed = `${items}?$expand=fields&$filter=${encodeURIComponent("fields/Provider eq 'Other'")}`;
    const refused = await call(emu, "GET", nonIndexed);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/not indexed/);
    const allowed = await call(emu, "GET", nonIndexed, undefined, {
      Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly",
    });
    expect((allowed.body.value as unknown[]).length).toBe(1);
  });

  test("pages with $top and @odata.nextLink through every item, once each; $select trims fields", async () => {
    const { siteId, listId } = await withList(emu);
    const items = `/sites/${siteId}/lists/${listId}/items`;
    for (let i = 0; i < 7; i++) await call(emu, "POST", items, { fields: { ItemKey: `k${i}`, Actual: i } });
    const seen: number[] = [];
    let next: string | undefined = `${items}?$expand=fields($select=ItemKey,Actual)&$top=3`;
    let pages = 0;
    while (next) {
      const page = await call(emu, "GET", next);
      pages += 1;
      for (const item of page.body.value as { fields: Record<string, unknown> }[]) {
        expect(Object.keys(item.fields).sort()).toEqual(["@odata.etag", "Actual", "ItemKey"]);
        seen.push(item.fields.Actual as number);
      }
      next = page.body["@odata.nextLink"] as string | undefined;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  test("$batch answers each sub-request on its own, honours dependsOn, and holds at most 20", async () => {
    const { siteId, listId } = await withList(emu);
    const url = `/sites/${siteId}/lists/${listId}/items`;
    const reply = await call(emu, "POST", "/$batch", {
      requests: [
        {
          id: "1",
          method: "POST",
          url,
          headers: { "Content-Type": "application/json" },
          body: { fields: { ItemKey: "x" } },
        },
        {
          id: "2",
          method: "POST",
          url,
          headers: { "Content-Type": "application/json" },
          body: { fields: { ItemKey: "x" } },
        },
        { id: "3", method: "GET", url: `${url}?$expand=fields`, dependsOn: ["2"] },
        { id: "4", method: "GET", url: `${url}?$expand=fields`, dependsOn: ["1"] },
      ],
    });
    expect(reply.status).toBe(200);
    const statuses = Object.fromEntries(
      (reply.body.responses as { id: string; status: number }[]).map((r) => [r.id, r.status]),
    );
    expect(statuses).toEqual({ "1": 201, "2": 409, "3": 424, "4": 200 });
    const tooMany = await call(emu, "POST", "/$batch", {
      requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url })),
    });
    expect(tooMany.status).toBe(400);
    expect(emu.stats().batches).toBe(2);
  });

  test("answers 401 to a missing or refused token, and never logs the token", async () => {
    const strict = await startEmulator({ tokenCheck: (t) => t === "fresh", log: (l) => lines.push(l) });
    try {
      const res = await fetch(`${strict.url}/sites/${SITE}`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(401);
      const none = await fetch(`${strict.url}/sites/${SITE}`);
      expect(none.status).toBe(401);
      const ok = await fetch(`${strict.url}/sites/${SITE}`, { headers: { Authorization: "Bearer fresh" } });
      expect(ok.status).toBe(200);
    } finally {
      await strict.stop();
    }
    await withList(emu);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join("\n")).not.toContain(TOKEN);
    expect(lines.join("\n")).not.toContain("fresh");
  });

  test("keeps its lists and items in the data file across a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-emu-"));
    const dataFile = path.join(dir, "graph.json");
    const first = await startEmulator({ dataFile });
    const { siteId, listId } = await withList(first);
    await call(first, "POST", `/sites/${siteId}/lists/${listId}/items`, {
      fields: { ItemKey: "kept", Actual: 5 },
    });
    await first.stop();
    const second = await startEmulator({ dataFile });
    try {
      const site = await call(second, "GET", `/sites/${SITE}`);
      expect(site.body.id).toBe(siteId);
      const items = await call(
        second,
        "GET",
        `/sites/${siteId}/lists/${encodeURIComponent("KPI Returns")}/items?$expand=fields`,
      );
      expect((items.body.value as { fields: { ItemKey: string } }[]).map((i) => i.fields.ItemKey)).toEqual([
        "kept",
      ]);
    } finally {
      await second.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Graph emulator faults", () => {
  test("429 and 503 carry Retry-After; the same seed gives the same faults", async () => {
    const plan = { seed: 7, rate429: 0.3, rate503: 0.2, retryAfterSeconds: [0, 2] as [number, number] };
    const runs: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const emu = await startEmulator({ faults: plan });
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        const r = await call(emu, "GET", `/sites/${SITE}`);
        seen.push(`${r.status}:${r.headers.get("retry-after") ?? ""}`);
        if (r.status !== 200) expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(0);
      }
      // Injected faults, and the requests this test sent early into the windows they opened, refused again.
      expect(emu.stats().faulted + emu.stats().earlyRequests).toBe(
        seen.filter((s) => !s.startsWith("200")).length,
      );
      await emu.stop();
      runs.push(seen);
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0].some((s) => s.startsWith("429:"))).toBe(true);
    expect(runs[0].some((s) => s.startsWith("503:"))).toBe(true);
    expect(runs[0].some((s) => s.startsWith("200:"))).toBe(true);
  });

  test("a reset destroys the connection; an 'after' reset still does the work", async () => {
    const emu = await startEmulator({ faults: { seed: 3, resetRate: 1 } });
    try {
      await expect(call(emu, "GET", `/sites/${SITE}`)).rejects.toThrow();
      emu.setFaults({});
      const { siteId, listId } = await withList(emu);
      emu.setFaults({ seed: 1, resetRate: 1 });
      let failures = 0;
      for (let i = 0; i < 6; i++) {
        await call(emu, "POST", `/sites/${siteId}/lists/${listId}/items`, {
          fields: { ItemKey: `r${i}` },
        }).catch(() => (failures += 1));
      }
      expect(failures).toBe(6);
      const created = emu.snapshot().sites.flatMap((s) => s.lists)[0].items.length;
      expect(created).toBeGreaterThan(0); // some resets came after the work was done
      expect(created).toBeLessThan(6); // and some before
    } finally {
      await emu.stop();
    }
  });

  test("slow responses are held back by the time asked", async () => {
    const emu = await startEmulator({ faults: { slowRate: 1, slowMs: 150 } });
    try {
      const started = Date.now();
      expect((await call(emu, "GET", `/sites/${SITE}`)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await emu.stop();
    }
  });

  test("sub-requests inside a $batch fail on their own with Retry-After", async () => {
    const emu = await startEmulator({ faults: { seed: 5, batchItem429Rate: 0.5, retryAfterSeconds: 1 } });
    try {
      const reply = await call(emu, "POST", "/$batch", {
        requests: Array.from({ length: 20 }, (_, i) => ({
          id: String(i),
          method: "GET",
          url: `/sites/${SITE}`,
        })),
      });
      const responses = reply.body.responses as { status: number; headers: Record<string, string> }[];
      const throttled = responses.filter((r) => r.status === 429);
      expect(throttled.length).toBeGreaterThan(0);
      expect(throttled.length).toBeLessThan(20);
      expect(throttled.every((r) => r.headers["Retry-After"] === "1")).toBe(true);
      expect(emu.stats().subFaulted).toBe(throttled.length);
    } finally {
      await emu.stop();
    }
  });
});
