/**
 * The emulator as strict as Microsoft documents SharePoint through Graph, and as hard to knock over as a server on an
 * officer's machine must be: each case here fails against the lenient emulator it replaced.
 */
import * as http from "node:http";
import { EMULATOR_TOKEN } from "../../src/auth/config";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { emulatorCall as call } from "../support/emulator-graph";
import { emulatorJwt } from "../support/emulator-token";

const SITE = "contoso.sharepoint.com:/sites/commissioning";

/** A raw request, for what fetch will not send (another Host header). */
function raw(
  emu: RunningEmulator,
  opts: { method?: string; path: string; headers: Record<string, string>; body?: string },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: emu.port,
        method: opts.method ?? "GET",
        path: opts.path,
        headers: opts.headers,
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

async function listWith(emu: RunningEmulator, columns: Record<string, unknown>[]) {
  const siteId = (await call(emu, "GET", `/sites/${SITE}`)).body.id as string;
  const list = await call(emu, "POST", `/sites/${siteId}/lists`, { displayName: "L", columns });
  expect(list.status).toBe(201);
  return {
    siteId,
    listId: list.body.id as string,
    items: `/sites/${siteId}/lists/${list.body.id as string}/items`,
  };
}

const KEY = { name: "ItemKey", text: {}, indexed: true, enforceUniqueValues: true };

describe("emulator strictness (documented behaviour)", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(() => emu.stop());

  test("after a 429 with Retry-After the client is refused until the wait passes, and early requests are counted", async () => {
    await emu.stop();
    emu = await startEmulator({ secondMs: 50 });
    emu.setFaults({ rate429: 1, retryAfterSeconds: 4 });
    expect((await call(emu, "GET", `/sites/${SITE}`)).status).toBe(429);
    emu.setFaults({});
    const early = await call(emu, "GET", `/sites/${SITE}`);
    expect(early.status).toBe(429);
    expect(Number(early.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(emu.stats().earlyRequests).toBe(1);
    // Another client (another token) is not held back by this one's window.
    expect(
      (await call(emu, "GET", `/sites/${SITE}`, undefined, {}, emulatorJwt(["Sites.Read.All"]))).status,
    ).toBe(200);
    await new Promise((r) => setTimeout(r, 4 * 50 + 30));
    expect((await call(emu, "GET", `/sites/${SITE}`)).status).toBe(200);
    expect(emu.stats().earlyRequests).toBe(1);
  });

  test("a unique column and $filter eq compare text without regard to case", async () => {
    const { items } = await listWith(emu, [KEY, { name: "ReturnKey", text: {}, indexed: true }]);
    expect(
      (
        await call(emu, "POST", items, {
          fields: { ItemKey: "Victim Support|q2", ReturnKey: "Victim Support" },
        })
      ).status,
    ).toBe(201);
    expect((await call(emu, "POST", items, { fields: { ItemKey: "victim support|Q2" } })).status).toBe(409);
    const found = await call(
      emu,
      "GET",
      `${items}?$expand=fields&$filter=${encodeURIComponent("fields/ReturnKey eq 'VICTIM SUPPORT'")}`,
    );
    expect((found.body.value as unknown[]).length).toBe(1);
  });

  test("a column is changed with PATCH …/columns/{id} (Sites.Manage.All), never made unique over duplicates or without an index", async () => {
    const { siteId, listId, items } = await listWith(emu, [{ name: "Code", text: {} }]);
    await call(emu, "POST", items, { fields: { Code: "A" } });
    await call(emu, "POST", items, { fields: { Code: "a" } });
    const cols = `/sites/${siteId}/lists/${listId}/columns`;
    const code = ((await call(emu, "GET", cols)).body.value as { id: string; name: string }[]).find(
      (c) => c.name === "Code",
    )!;
    expect((await call(emu, "PATCH", `${cols}/${code.id}`, { enforceUniqueValues: true })).status).toBe(400);
    expect(
      (await call(emu, "PATCH", `${cols}/${code.id}`, { indexed: true, enforceUniqueValues: true })).status,
    ).toBe(400);
    const rw = emulatorJwt(["Sites.ReadWrite.All"]);
    const denied = await call(emu, "PATCH", `${cols}/${code.id}`, { indexed: true }, {}, rw);
    expect(denied.status).toBe(403);
    expect((denied.body.error as { code: string }).code).toBe("accessDenied");
    const patched = await call(emu, "PATCH", `${cols}/${code.id}`, { indexed: true });
    expect(patched.status).toBe(200);
    expect(patched.body.indexed).toBe(true);
    expect((await call(emu, "PATCH", `${cols}/${code.id}`, { name: "Other" })).status).toBe(400);
  });

  test("scopes come from the token: reading needs Sites.Read.All, items Sites.ReadWrite.All, lists Sites.Manage.All", async () => {
    const read = emulatorJwt(["Sites.Read.All"]);
    const rw = emulatorJwt(["Sites.ReadWrite.All"]);
    const none = emulatorJwt(["User.Read"]);
    expect((await call(emu, "GET", `/sites/${SITE}`, undefined, {}, none)).status).toBe(403);
    const siteId = (await call(emu, "GET", `/sites/${SITE}`, undefined, {}, read)).body.id as string;
    const create = (token: string) =>
      call(emu, "POST", `/sites/${siteId}/lists`, { displayName: "X", columns: [KEY] }, {}, token);
    expect((await create(rw)).status).toBe(403);
    const made = await create(EMULATOR_TOKEN);
    expect(made.status).toBe(201);
    const items = `/sites/${siteId}/lists/${made.body.id as string}/items`;
    expect((await call(emu, "POST", items, { fields: { ItemKey: "k" } }, {}, read)).status).toBe(403);
    expect((await call(emu, "POST", items, { fields: { ItemKey: "k" } }, {}, rw)).status).toBe(201);
    // Any other token, or none, is not a token the emulator knows.
    expect((await call(emu, "GET", `/sites/${SITE}`, undefined, {}, "anything")).status).toBe(401);
    expect(emu.stats().forbidden).toBe(3);
  });

  test("the signed-in user's scopes as Graph documents them: GET /me needs User.Read, POST /me/messages Mail.ReadWrite", async () => {
    const draft = { subject: "Reminder", toRecipients: [{ emailAddress: { address: "a@example.org" } }] };
    const sitesOnly = emulatorJwt(["Sites.Manage.All"]);
    const profile = emulatorJwt(["User.Read"]);
    const readMail = emulatorJwt(["User.Read", "Mail.Read"]);
    const writeMail = emulatorJwt(["Mail.ReadWrite"]);
    const denied = await call(emu, "GET", "/me", undefined, {}, sitesOnly);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      code: "accessDenied",
      message: expect.stringMatching(/User\.Read/),
    });
    expect((await call(emu, "GET", "/me", undefined, {}, profile)).body.displayName).toBe("Demo Officer");
    // A higher scope from user-get's table grants it too; a mail scope does not.
    expect((await call(emu, "GET", "/me", undefined, {}, emulatorJwt(["User.Read.All"]))).status).toBe(200);
    expect((await call(emu, "GET", "/me", undefined, {}, writeMail)).status).toBe(403);
    // Drafts: Mail.ReadWrite only (Mail.Read cannot create one); listing: any of Mail.ReadBasic, Mail.Read, Mail.ReadWrite.
    for (const token of [sitesOnly, profile, readMail]) {
      const refused = await call(emu, "POST", "/me/messages", draft, {}, token);
      expect(refused.status).toBe(403);
      expect((refused.body.error as { message: string }).message).toMatch(/Mail\.ReadWrite/);
    }
    expect(emu.snapshot().messages ?? []).toEqual([]);
    expect((await call(emu, "POST", "/me/messages", draft, {}, writeMail)).status).toBe(201);
    expect((await call(emu, "GET", "/me/messages", undefined, {}, profile)).status).toBe(403);
    const listed = await call(emu, "GET", "/me/messages", undefined, {}, readMail);
    expect((listed.body.value as { subject: string }[]).map((m) => m.subject)).toEqual(["Reminder"]);
    // The fixed emulator token stands for the demo officer, who consented to what the product asks for.
    expect((await call(emu, "GET", "/me")).status).toBe(200);
    expect(emu.stats().forbidden).toBe(6);
  });

  test("an unknown site is 404 itemNotFound, not created", async () => {
    const reply = await call(emu, "GET", "/sites/contoso.sharepoint.com:/sites/nowhere");
    expect(reply.status).toBe(404);
    expect((reply.body.error as { code: string }).code).toBe("itemNotFound");
    expect(emu.snapshot().sites.some((s) => s.path.endsWith("/nowhere"))).toBe(false);
  });

  test("multi-line text that is not plain comes back as HTML; null is refused on a create", async () => {
    const { items } = await listWith(emu, [
      KEY,
      { name: "Rich", text: { allowMultipleLines: true } },
      { name: "Plain", text: { allowMultipleLines: true, textType: "plain" } },
      { name: "N", number: {} },
    ]);
    const made = await call(emu, "POST", items, {
      fields: { ItemKey: "a", Rich: "-5 < 6", Plain: "-5 < 6" },
    });
    const fields = made.body.fields as Record<string, unknown>;
    expect(fields.Rich).toMatch(/^<div[^>]*>-5 &lt; 6<\/div>$/);
    expect(fields.Plain).toBe("-5 < 6");
    expect((await call(emu, "POST", items, { fields: { ItemKey: "b", N: null } })).status).toBe(400);
  });

  test("list view threshold mode: beyond it only indexed filters work, and none may match more", async () => {
    await emu.stop();
    emu = await startEmulator({ viewThreshold: 3 });
    const { items } = await listWith(emu, [
      KEY,
      { name: "Group", text: {}, indexed: true },
      { name: "Note", text: {} },
    ]);
    for (let i = 0; i < 5; i++)
      await call(emu, "POST", items, {
        fields: { ItemKey: `k${i}`, Group: i < 4 ? "big" : "small", Note: "n" },
      });
    const prefer = { Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly" };
    const byNote = `${items}?$filter=${encodeURIComponent("fields/Note eq 'n'")}`;
    expect((await call(emu, "GET", byNote, undefined, prefer)).status).toBe(400);
    expect(
      (await call(emu, "GET", `${items}?$filter=${encodeURIComponent("fields/Group eq 'small'")}`)).status,
    ).toBe(200);
    expect(
      (await call(emu, "GET", `${items}?$filter=${encodeURIComponent("fields/Group eq 'big'")}`)).status,
    ).toBe(400);
    // Paging through the whole list with no filter still works.
    expect((await call(emu, "GET", `${items}?$top=2`)).status).toBe(200);
  });

  test("$batch: ids unique, a body needs its Content-Type, at most 20, and a null entry is a 400, not a crash", async () => {
    const site = { method: "GET", url: `/sites/${SITE}` };
    const dup = await call(emu, "POST", "/$batch", {
      requests: [
        { id: "1", ...site },
        { id: "1", ...site },
      ],
    });
    expect(dup.status).toBe(400);
    const { items } = await listWith(emu, [KEY]);
    const noType = await call(emu, "POST", "/$batch", {
      requests: [{ id: "1", method: "POST", url: items, body: { fields: { ItemKey: "z" } } }],
    });
    expect((noType.body.responses as { status: number }[])[0].status).toBe(400);
    const many = await call(emu, "POST", "/$batch", {
      requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), ...site })),
    });
    expect(many.status).toBe(400);
    expect((await call(emu, "POST", "/$batch", { requests: [null] })).status).toBe(400);
    expect((await call(emu, "GET", `/sites/${SITE}`)).status).toBe(200);
  });
});

describe("emulator hardening", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startEmulator({ maxBodyBytes: 64 * 1024 });
  });
  afterEach(() => emu.stop());

  test('an anonymous {"requests":[null]} (a page\'s no-cors POST) gets 401 and the emulator keeps serving', async () => {
    const reply = await raw(emu, {
      method: "POST",
      path: "/v1.0/$batch",
      headers: { Host: `127.0.0.1:${emu.port}`, "Content-Type": "text/plain" },
      body: '{"requests":[null]}',
    });
    expect(reply.status).toBe(401);
    expect((await call(emu, "GET", `/sites/${SITE}`)).status).toBe(200);
  });

  test("a Host that is not this machine (DNS rebinding) is refused before anything else", async () => {
    const reply = await raw(emu, {
      path: `/v1.0/sites/${SITE}`,
      headers: { Host: "evil.example:7373", Authorization: `Bearer ${EMULATOR_TOKEN}` },
    });
    expect(reply.status).toBe(421);
    const ok = await raw(emu, {
      path: `/v1.0/sites/${SITE}`,
      headers: { Host: `localhost:${emu.port}`, Authorization: `Bearer ${EMULATOR_TOKEN}` },
    });
    expect(ok.status).toBe(200);
  });

  test("a body over the limit is refused with 413 and the emulator lives on", async () => {
    const big = JSON.stringify({ requests: [], pad: "x".repeat(200 * 1024) });
    const reply = await call(emu, "POST", "/$batch", big).catch(() => ({ status: 413 }));
    expect(reply.status).toBe(413);
    expect((await call(emu, "GET", `/sites/${SITE}`)).status).toBe(200);
  });

  test("a 200 KB hostile $expand and $filter are answered at once (no quadratic parsing)", async () => {
    await emu.stop();
    emu = await startEmulator();
    const { items } = await listWith(emu, [KEY]);
    const expand = `fields(${",".repeat(60_000)}`;
    const filter = Array.from({ length: 3000 }, () => "fields/ItemKey eq 'a'").join(" and ");
    const started = Date.now();
    const replies = await call(emu, "POST", "/$batch", {
      requests: [
        { id: "1", method: "GET", url: `${items}?$expand=${encodeURIComponent(expand)}` },
        { id: "2", method: "GET", url: `${items}?$filter=${encodeURIComponent(filter)}` },
      ],
    });
    expect(replies.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
