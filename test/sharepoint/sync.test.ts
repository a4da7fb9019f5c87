import { emulatorJwt } from "../support/emulator-token";
import { contentHash } from "../../src/core/sync";
import { UserError } from "../../src/core/errors";
import { parseCell } from "../../src/core/values";
import { mixedFaults } from "../../src/emulator";
import {
  BUDGET_LIST_NAME,
  checkLists,
  createGraphClient,
  KPI_LIST_NAME,
  kpiItemsFor,
  budgetItemsFor,
  readListItems,
  readPeriodItems,
  resentRequests,
  syncReturns,
  type RequestRecord,
  type SyncReturnInput,
} from "../../src/sharepoint";
import { DEFAULT_MAX_ATTEMPTS } from "../../src/sharepoint/client";
import { approvedReturn } from "../support/approved-returns";
import { kpiFields, budgetFields, STAMP_COLUMNS } from "../../src/sharepoint/list-fields";
import {
  approvedSeedInputs,
  fixedToken,
  inputFor,
  listFields,
  OFFICER,
  rig,
  SITE,
  syntheticInputs,
  type Rig,
} from "./support";

const NOW = () => new Date("2022-10-20T12:00:00.000Z");
const OPTS = { syncedBy: "finance-sync@westmercia.example", now: NOW };

/** What the lists must hold for these inputs: each item's fields sync owns, keyed by item key. */
function expected(inputs: readonly SyncReturnInput[]): {
  kpi: Map<string, Record<string, unknown>>;
  budget: Map<string, Record<string, unknown>>;
} {
  const audit = { syncedBy: OPTS.syncedBy, syncedAt: NOW().toISOString(), sourceWorkbook: "" };
  const strip = (f: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f))
      if (!STAMP_COLUMNS.includes(k) && v !== null && v !== "") out[k] = v;
    return out;
  };
  const kpi = new Map<string, Record<string, unknown>>();
  const budget = new Map<string, Record<string, unknown>>();
  for (const i of inputs) {
    const a = { ...audit, sourceWorkbook: i.sourceWorkbook };
    for (const row of kpiItemsFor(i.ret, i.validation, i.template, a))
      kpi.set(row.key, strip(kpiFields(row)));
    for (const row of budgetItemsFor(i.ret, i.validation, i.template, a))
      budget.set(row.key, strip(budgetFields(row)));
  }
  return { kpi, budget };
}

/** The list equals the approved figures exactly: same keys, each once, each with exactly the approved values. */
function expectListsToHold(r: Rig, inputs: readonly SyncReturnInput[]): void {
  const want = expected(inputs);
  for (const [name, map] of [
    [KPI_LIST_NAME, want.kpi],
    [BUDGET_LIST_NAME, want.budget],
  ] as const) {
    const items = listFields(r.emu, name);
    const keys = items.map((f) => f.ItemKey as string);
    expect(new Set(keys).size).toBe(keys.length); // nothing duplicated
    expect([...keys].sort()).toEqual([...map.keys()].sort()); // nothing lost, nothing extra
    for (const fields of items) {
      const owned: Record<string, unknown> = {};
      for (const k of Object.keys(map.get(fields.ItemKey as string) ?? {})) owned[k] = fields[k];
      expect(owned).toEqual(map.get(fields.ItemKey as string));
    }
  }
}

function withActual(input: SyncReturnInput, kpiId: string, actual: number): SyncReturnInput {
  const ret = {
    ...input.ret,
    status: "validated" as const,
    approval: undefined,
    kpis: input.ret.kpis.map((k) =>
      k.kpiId === kpiId
        ? { ...k, actual: parseCell(actual), commentary: "Figure corrected after checking." }
        : k,
    ),
  };
  return inputFor(approvedReturn(ret, input.template, OFFICER), input.template, input.sourceWorkbook);
}

const FINANCE_TOKEN = emulatorJwt(["Sites.ReadWrite.All"], "finance@example.org");

describe("sync to SharePoint lists over HTTP (emulator)", () => {
  let r: Rig;
  afterEach(async () => r?.emu.stop());

  test("first sync lands every approved figure from the seed, and re-syncing unchanged figures writes nothing", async () => {
    r = await rig();
    const inputs = approvedSeedInputs();
    expect(inputs.length).toBeGreaterThanOrEqual(15);
    const figures = inputs.reduce((n, i) => n + i.validation.figures.length + i.validation.budget.length, 0);

    const first = await syncReturns(r.client, r.target, inputs, OPTS);
    expect(first.totals).toMatchObject({ create: figures, update: 0, conflict: 0, failed: 0, refused: 0 });
    expectListsToHold(r, inputs);
    // Each item carries the audit stamps of the approval and the sync that wrote it.
    const byReturn = new Map(
      inputs.map((i) => [`${i.ret.provider}|${i.ret.templateId}|${i.ret.period}`, i.ret.approval]),
    );
    for (const fields of [...listFields(r.emu, KPI_LIST_NAME), ...listFields(r.emu, BUDGET_LIST_NAME)]) {
      const approval = byReturn.get(fields.ReturnKey as string);
      expect([
        fields.ApprovalHash,
        fields.ApprovedBy,
        fields.SyncedBy,
        fields.SyncedAt,
        fields.FinanceStatus,
      ]).toEqual([approval?.hash, OFFICER.by, OPTS.syncedBy, "2022-10-20T12:00:00Z", "To review"]);
    }
    const writes = r.emu.stats().writes;
    expect(writes).toBe(Math.ceil(figures / 20)); // creates go out 20 to a $batch

    r.emu.resetStats();
    const again = await syncReturns(r.client, r.target, inputs, {
      ...OPTS,
      now: () => new Date("2022-11-01T00:00:00Z"),
    });
    expect(again.totals).toMatchObject({ create: 0, update: 0, unchanged: figures, conflict: 0 });
    expect(r.emu.stats().writes).toBe(0);
    expect(r.emu.stats().itemsUpdated + r.emu.stats().itemsCreated).toBe(0);
  });

  test("when some figures change, only those items are updated", async () => {
    r = await rig();
    const inputs = syntheticInputs(3, 30);
    await syncReturns(r.client, r.target, inputs, OPTS);
    const changed = [
      withActual(inputs[0], "k3", 7),
      inputs[1],
      withActual(withActual(inputs[2], "k1", 1), "k30", 2),
    ];
    r.emu.resetStats();
    const result = await syncReturns(r.client, r.target, changed, OPTS);
    expect(result.totals).toMatchObject({ create: 0, update: 3, unchanged: 87, conflict: 0 });
    expect(r.emu.stats().itemsUpdated).toBe(3);
    expect(r.emu.stats().writes).toBe(1);
    expect(result.returns[0].items.find((i) => i.action === "update")).toMatchObject({
      key: "Provider 1|synthetic|2022-23 Q2|k3",
    });
    expectListsToHold(r, changed);
  });

  test("a dry run plans without writing", async () => {
    r = await rig();
    const inputs = syntheticInputs(1, 25);
    const plan = await syncReturns(r.client, r.target, inputs, { ...OPTS, dryRun: true });
    expect(plan.dryRun).toBe(true);
    expect(plan.totals.create).toBe(25);
    expect(r.emu.stats().writes).toBe(0);
    // The list check and the return's items are read in one $batch.
    expect(r.emu.stats().reads).toBe(1);
    expect(listFields(r.emu, KPI_LIST_NAME)).toEqual([]);
  });

  test("1,000 figures under injected faults: the list equals the approved figures exactly", async () => {
    const sent: RequestRecord[] = [];
    r = await rig({
      // Time runs ten times fast (a Retry-After second lasts 100 ms on both sides), to keep the test fast.
      emulator: { faults: mixedFaults(42), secondMs: 100 },
      // The shipped retry budget (DEFAULT_MAX_ATTEMPTS tries); only the waits are shortened.
      client: {
        retry: { baseDelayMs: 5, maxDelayMs: 1000, secondMs: 100 },
        onRequest: (rec) => sent.push(rec),
      },
    });
    expect(DEFAULT_MAX_ATTEMPTS).toBe(8);
    sent.length = 0; // provisioning's requests are not the sync's
    const inputs = syntheticInputs(4, 250);
    const started = Date.now();
    const result = await syncReturns(r.client, r.target, inputs, OPTS);
    const stats = r.emu.stats();
    expect(stats.faulted).toBeGreaterThan(0);
    expect(stats.subFaulted).toBeGreaterThan(0);
    expect(result.requests.retried).toBeGreaterThan(0);
    // Requests and re-sends in one unit, HTTP requests: what the client sent is what the emulator received, every
    // request the emulator faulted was sent again, and re-sends are a part of what was sent, never more.
    expect(sent.length).toBe(stats.total);
    const resent = resentRequests(sent, result.requests);
    expect(resent).toBeGreaterThanOrEqual(stats.faulted);
    expect(resent).toBeLessThan(stats.total);
    expect(result.requests.batchesResent).toBeGreaterThan(0);
    expect(result.totals).toMatchObject({ create: 1000, conflict: 0, failed: 0 });
    // Nothing was sent inside a throttle window: every Retry-After was waited out before anything more went.
    expect(stats.earlyRequests).toBe(0);
    r.emu.setFaults({});
    expectListsToHold(r, inputs);
    expect(Date.now() - started).toBeLessThan(20_000);

    // And a re-run (as after an interruption) finds nothing left to do.
    r.emu.resetStats();
    const again = await syncReturns(r.client, r.target, inputs, OPTS);
    expect(again.totals).toMatchObject({ unchanged: 1000, create: 0, update: 0 });
    expect(r.emu.stats().writes).toBe(0);
  }, 30_000);

  test("a return of 1,200 items is read back page after page: re-synced, all unchanged, nothing written twice", async () => {
    r = await rig();
    const inputs = syntheticInputs(1, 1200);
    const first = await syncReturns(r.client, r.target, inputs, OPTS);
    expect(first.totals).toMatchObject({ create: 1200, conflict: 0, failed: 0 });

    r.emu.resetStats();
    const again = await syncReturns(r.client, r.target, inputs, OPTS);
    expect(again.totals).toMatchObject({ unchanged: 1200, create: 0, update: 0, conflict: 0, failed: 0 });
    expect(r.emu.stats().writes).toBe(0);
    // One page cannot hold 1,200 items: the sync's own read followed @odata.nextLink for more.
    expect(r.emu.stats().reads).toBeGreaterThan(1);
    expect(r.emu.stats().reads).toBeLessThan(1200 / 20);
    expectListsToHold(r, inputs);

    // A figure that only a later page holds is found there and updated in place, not created again.
    r.emu.resetStats();
    const changed = [withActual(inputs[0], "k1150", 7)];
    const third = await syncReturns(r.client, r.target, changed, OPTS);
    expect(third.totals).toMatchObject({ update: 1, unchanged: 1199, create: 0, conflict: 0 });
    expect(r.emu.stats()).toMatchObject({ itemsCreated: 0, itemsUpdated: 1 });
    expectListsToHold(r, changed);
  }, 30_000);

  test("an interrupted sync, run again, finishes the job with no duplicates", async () => {
    r = await rig();
    const inputs = syntheticInputs(2, 60);
    // Every request answered 503 with one attempt allowed: the first batches get through before the "outage" begins.
    let writesSeen = 0;
    const flaky = createGraphClient(r.target, fixedToken(), {
      retry: { maxAttempts: 1 },
      onRequest: (rec) => {
        if (rec.method === "POST" && rec.url.endsWith("$batch") && ++writesSeen === 4)
          r.emu.setFaults({ rate503: 1, retryAfterSeconds: 0 });
      },
    });
    await expect(syncReturns(flaky, r.target, inputs, OPTS)).rejects.toThrow();
    const partial = listFields(r.emu, KPI_LIST_NAME).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(120);
    r.emu.setFaults({});
    const rerun = await syncReturns(r.client, r.target, inputs, OPTS);
    expect(rerun.totals.create).toBe(120 - partial);
    expect(rerun.totals.unchanged).toBe(partial);
    expectListsToHold(r, inputs);
  });

  test("an item finance edited is reported as a conflict and left untouched", async () => {
    r = await rig();
    const inputs = syntheticInputs(1, 5);
    await syncReturns(r.client, r.target, inputs, OPTS);
    const item = (await readListItems(r.client, r.target, "kpi", { period: "2022-23 Q2" })).find(
      (i) => i.kpiId === "k2",
    );
    expect(item).toBeDefined();
    // Finance corrects the figure by hand in SharePoint.
    const site = (await r.client.api(`/sites/${SITE}`).get()) as { id: string };
    const lists = await checkLists(r.client, r.target);
    const raw = (await r.client
      .api(
        `/sites/${site.id}/lists/${lists.kpi.id}/items?$expand=fields&$filter=fields/ItemKey eq '${encodeURIComponent(item!.key)}'`,
      )
      .get()) as {
      value: { id: string }[];
    };
    await r.client
      .api(`/sites/${site.id}/lists/${lists.kpi.id}/items/${raw.value[0].id}/fields`)
      .patch({ Actual: 12345 });

    const changed = [withActual(withActual(inputs[0], "k2", 50), "k4", 60)];
    const result = await syncReturns(r.client, r.target, changed, OPTS);
    expect(result.totals).toMatchObject({ update: 1, conflict: 1 });
    expect(result.returns[0].conflicts.map((c) => c.key)).toEqual([item!.key]);
    expect(result.returns[0].conflicts[0].reason).toMatch(/edited in SharePoint/);
    const after = listFields(r.emu, KPI_LIST_NAME).find((f) => f.ItemKey === item!.key);
    expect(after?.Actual).toBe(12345);
  });

  test("an item finance edits between the read and the write (412 on If-Match) is a conflict, not overwritten", async () => {
    r = await rig();
    const inputs = syntheticInputs(1, 3);
    await syncReturns(r.client, r.target, inputs, OPTS);
    const lists = await checkLists(r.client, r.target);
    const key = "Provider 1|synthetic|2022-23 Q2|k1";
    let batches = 0;
    let edited = false;
    // The token source runs before every request: just before the write batch goes out, finance edits the item.
    const tokens = {
      getToken: async () => {
        if (batches === 1 && !edited) {
          edited = true;
          const res = await fetch(
            `${r.emu.url}/sites/${lists.siteId}/lists/${lists.kpi.id}/items?$expand=fields&$filter=${encodeURIComponent(`fields/ItemKey eq '${key}'`)}`,
            {
              headers: { Authorization: `Bearer ${FINANCE_TOKEN}` },
            },
          );
          const id = ((await res.json()) as { value: { id: string }[] }).value[0].id;
          await fetch(`${r.emu.url}/sites/${lists.siteId}/lists/${lists.kpi.id}/items/${id}/fields`, {
            method: "PATCH",
            headers: { Authorization: `Bearer ${FINANCE_TOKEN}`, "Content-Type": "application/json" },
            body: JSON.stringify({ Commentary: "Checked by finance: figure corrected" }),
          });
        }
        return emulatorJwt(["Sites.ReadWrite.All"], "officer@example.org");
      },
    };
    const client = createGraphClient(r.target, tokens, {
      onRequest: (rec) => {
        if (rec.url.endsWith("$batch")) batches += 1;
      },
    });
    const result = await syncReturns(client, r.target, [withActual(inputs[0], "k1", 999)], OPTS);
    expect(edited).toBe(true);
    expect(result.totals).toMatchObject({ update: 0, conflict: 1 });
    const after = listFields(r.emu, KPI_LIST_NAME).find((f) => f.ItemKey === key);
    expect(after?.Commentary).toBe("Checked by finance: figure corrected");
    expect(after?.Actual).not.toBe(999);
  });

  test("an unapproved or tampered return is refused and nothing is written", async () => {
    r = await rig();
    const [good] = syntheticInputs(1, 4);
    const unapproved: SyncReturnInput = {
      ...good,
      ret: { ...good.ret, status: "validated", approval: undefined },
    };
    const tampered: SyncReturnInput = {
      ...good,
      ret: { ...good.ret, kpis: good.ret.kpis.map((k, i) => (i === 0 ? { ...k, actual: parseCell(1) } : k)) },
    };
    const result = await syncReturns(r.client, r.target, [unapproved, tampered], OPTS);
    expect(result.returns.map((x) => x.refused)).toEqual([
      expect.stringMatching(/not approved/),
      expect.stringMatching(/changed since/),
    ]);
    expect(result.totals).toMatchObject({ refused: 2, create: 0 });
    expect(r.emu.stats().writes).toBe(0);
    expect(listFields(r.emu, KPI_LIST_NAME)).toEqual([]);
  });

  test("a token that expires mid-sync is refreshed once and the sync continues; no token reaches the list or the log", async () => {
    const lines: string[] = [];
    let valid = "SECRET-TOKEN-first-1a2b3c";
    let requests = 0;
    let refreshes = 0;
    const tokens = {
      getToken: async (forceRefresh = false) => {
        if (forceRefresh) {
          refreshes += 1;
          return "SECRET-TOKEN-second-4d5e6f";
        }
        return refreshes > 0 ? "SECRET-TOKEN-second-4d5e6f" : "SECRET-TOKEN-first-1a2b3c";
      },
    };
    r = await rig({
      tokens,
      emulator: {
        log: (l) => lines.push(l),
        tokenCheck: (t) => {
          requests += 1;
          if (requests === 8) valid = "SECRET-TOKEN-second-4d5e6f"; // the first token expires here
          return t === valid;
        },
      },
    });
    const inputs = syntheticInputs(2, 60);
    const result = await syncReturns(r.client, r.target, inputs, OPTS);
    expect(refreshes).toBe(1);
    expect(result.totals).toMatchObject({ create: 120, failed: 0 });
    expectListsToHold(r, inputs);
    expect(lines.some((l) => l.includes("401"))).toBe(true);
    const everything = JSON.stringify(r.emu.snapshot()) + lines.join("\n") + JSON.stringify(result);
    expect(everything).not.toMatch(/SECRET-TOKEN/);
  });

  test("sync stops with a message naming a missing or mistyped column", async () => {
    r = await rig();
    const lists = await checkLists(r.client, r.target);
    // Someone recreated "Budget Returns" by hand, without some columns.
    const site = `/sites/${lists.siteId}`;
    await r.client.api(`${site}/lists`).post({ displayName: "Budget Returns 2", columns: [] });
    const target = { ...r.target, lists: { budget: "Budget Returns 2" } };
    const err = await syncReturns(r.client, target, syntheticInputs(1, 2), OPTS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/"Budget Returns 2".*column "ItemKey".*missing/);
    await r.client.api(`${site}/lists`).post({
      displayName: "Budget Returns 3",
      columns: [{ name: "Awarded", text: {} }],
    });
    const typed = await checkLists(r.client, { ...r.target, lists: { budget: "Budget Returns 3" } }).catch(
      (e: unknown) => e,
    );
    expect((typed as Error).message).toMatch(/column "Awarded" is single line of text, expected currency/);
  });

  test("the report reads every item of a period back, page after page", async () => {
    r = await rig();
    const inputs = [...syntheticInputs(2, 300), ...approvedSeedInputs()];
    await syncReturns(r.client, r.target, inputs, OPTS);
    const kpi = await readListItems(r.client, r.target, "kpi", { period: "2022-23 Q2" });
    const budget = await readListItems(r.client, r.target, "budget", { period: "2022-23 Q2" });
    const want = expected(inputs);
    expect(kpi.map((i) => i.key).sort()).toEqual([...want.kpi.keys()].sort());
    expect(budget.map((i) => i.key).sort()).toEqual([...want.budget.keys()].sort());
    const shropshire = budget.find((b) => b.provider.startsWith("Shropshire"));
    expect(shropshire?.utilisation).toBeCloseTo(50200 / 98441, 9);
    expect(await readListItems(r.client, r.target, "kpi", { period: "2022-23 Q1" })).toEqual([]);
    expect(contentHash({})).toMatch(/^[0-9a-f]{64}$/);

    // Both lists at once, as the report reads them: the lists are checked once (one $batch), then one page each.
    r.emu.resetStats();
    await readListItems(r.client, r.target, "kpi", { period: "2022-23 Q2" });
    await readListItems(r.client, r.target, "budget", { period: "2022-23 Q2" });
    const apart = r.emu.stats();
    r.emu.resetStats();
    const both = await readPeriodItems(r.client, r.target, { period: "2022-23 Q2" });
    expect(both).toEqual({ kpi, budget });
    expect(apart.batches).toBe(2);
    expect(r.emu.stats()).toMatchObject({ total: apart.total - 1, batches: 1, writes: 0 });
  });
});
