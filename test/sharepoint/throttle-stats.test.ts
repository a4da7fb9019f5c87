/**
 * What a reader is told after a 429 storm (how many tries, how long it kept trying) is the failure's own: measured by
 * the retry policy for the request that gave up, and carried by the error through the Graph SDK, the $batch runner and
 * sync to the command line's line and the pane's words. The policy's clock here is the test's, moved on only by the
 * policy's own waits (the emulator's seconds last a millisecond), so the figures are exact; and the client is made an
 * hour before the storm, so a figure measured from anything but the request that gave up would show.
 */
import { technicalDetail } from "../../src/core/errors";
import type { RunningEmulator } from "../../src/emulator";
import {
  createGraphClient,
  readListItems,
  syncReturns,
  type RequestRecord,
  type RetryOptions,
} from "../../src/sharepoint";
import { GraphClientError } from "@microsoft/microsoft-graph-client";
import { ownFailure, type GraphClient } from "../../src/sharepoint/client";
import { sleep } from "../../src/sharepoint/retry";
import { SYNC_THROTTLED_ADVICE } from "../../src/sharepoint/sync";
import { GraphThrottledError } from "../../src/sharepoint/throttled";
import { paneFailureText } from "../../src/taskpane/failure-words";
import { fixedToken, rig, syntheticInputs, type Rig } from "./support";

const OPTS = { syncedBy: "officer@westmercia.example", now: () => new Date("2022-10-20T12:00:00Z") };
/** The bearer token every request carries: it must appear in no failure, result or log line. */
const TOKEN = "eyJ0eXAi.secret-bearer-token.7f3a9c";
const NEXT = "Nothing is lost: choose Sync now again to finish the job.";
const HOUR = 3_600_000;

let r: Rig | undefined;
let log: string[];
afterEach(async () => {
  await r?.emu.stop();
  r = undefined;
});

/**
 * A client that tries 4 times, on a clock only its waits move (each wait also lets 5 real ms pass, more than the
 * emulator's 2-second window lasts at a millisecond a second). Made, then an hour goes by.
 */
function stormClient(
  emu: RunningEmulator,
  records: RequestRecord[],
  more: { onRecord?: (rec: RequestRecord) => void; retry?: RetryOptions } = {},
) {
  let clock = 1_000_000;
  const client: GraphClient = createGraphClient(
    { baseUrl: emu.url, site: r!.target.site },
    fixedToken(TOKEN),
    {
      retry: {
        maxAttempts: 4,
        now: () => clock,
        sleep: async (ms) => {
          clock += ms;
          await sleep(5);
        },
        ...more.retry,
      },
      onRequest: (rec) => {
        records.push(rec);
        more.onRecord?.(rec);
      },
    },
  );
  clock += HOUR;
  return client;
}

async function stormRig(): Promise<Rig> {
  log = [];
  return rig({
    emulator: { secondMs: 1, tokenCheck: (t) => t === TOKEN, log: (line) => log.push(line) },
    tokens: fixedToken(TOKEN),
  });
}

/** Nothing a person or a log could read holds the token. */
function expectNoToken(...things: unknown[]): void {
  for (const thing of things) {
    const text = [
      thing instanceof Error ? `${thing.message}\n${technicalDetail(thing)}` : "",
      JSON.stringify(thing),
    ].join("\n");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/Bearer|Authorization/i);
  }
}

test("every request throttled: the read that gave up says its own 4 tries and 6 s of waiting, not the client's age", async () => {
  r = await stormRig();
  const records: RequestRecord[] = [];
  const client = stormClient(r.emu, records);
  r.emu.setFaults({ rate429: 1, retryAfterSeconds: 2 });

  const err = await syncReturns(client, r.target, syntheticInputs(1, 5), OPTS).catch((e: unknown) => e);

  expect(err).toBeInstanceOf(GraphThrottledError);
  // Three waits of the 2 s asked for, between four tries of the one read batch.
  expect(err).toMatchObject({ status: 429, attempts: 4, elapsedMs: 6_000 });
  expect((err as Error).message).toBe(
    "Microsoft Graph is throttling requests (429) and still was after 4 tries over 6 s while reading the lists and " +
      `the items already there; ${SYNC_THROTTLED_ADVICE}`,
  );
  expect(paneFailureText(err as GraphThrottledError, NEXT)).toBe(
    "SharePoint is busy and asked KPI Returns to slow down (it kept trying for 6 seconds), while reading the lists " +
      `and the items already there. Wait a minute or two. ${NEXT}`,
  );
  expect(records.map((rec) => [rec.status, rec.attempt])).toEqual([
    [429, 1],
    [429, 2],
    [429, 3],
    [429, 4],
  ]);
  expect(r.emu.stats()).toMatchObject({ total: 4, faulted: 4, itemsCreated: 0 });
  expectNoToken(err, records, log);
});

test("every write throttled inside its batch: sync's result carries the write's own failure, 4 tries over 6 s", async () => {
  r = await stormRig();
  const records: RequestRecord[] = [];
  let stormed = false;
  // The read batch gets through; from then on every sub-request is answered 429 on its own, asking for 2 s.
  const client = stormClient(r.emu, records, {
    onRecord: (rec) => {
      if (stormed || rec.status !== 200) return;
      stormed = true;
      r!.emu.setFaults({ batchItem429Rate: 1, retryAfterSeconds: 2 });
    },
  });

  const result = await syncReturns(client, r.target, syntheticInputs(1, 5), OPTS);

  expect(result.totals).toMatchObject({ create: 0, failed: 5 });
  const failure = result.throttled;
  expect(failure).toBeInstanceOf(GraphThrottledError);
  expect(failure).toMatchObject({ status: 429, attempts: 4, elapsedMs: 6_000 });
  expect(failure?.message).toBe(
    "Microsoft Graph is throttling requests (429) and still was after 4 tries over 6 s while writing the KPI Returns " +
      `list; ${SYNC_THROTTLED_ADVICE}`,
  );
  expect(paneFailureText(failure!, NEXT)).toBe(
    "SharePoint is busy and asked KPI Returns to slow down (it kept trying for 6 seconds), while writing the KPI " +
      `Returns list. Wait a minute or two. ${NEXT}`,
  );
  // `sync --json` prints the failure as its sentence.
  expect(JSON.parse(JSON.stringify(result)).throttled).toBe(failure?.message);
  // One read batch, then the write batch four times, each carrying all five writes.
  expect(r.emu.stats()).toMatchObject({ total: 5, itemsCreated: 0 });
  expect(result.requests).toMatchObject({ batches: 5, retried: 5 * 3 });
  expectNoToken(failure, result, records, log);
});

test("a wait beyond the budget stops the client: a later call is refused unsent, naming the answer that stopped it", async () => {
  r = await stormRig();
  const records: RequestRecord[] = [];
  const client = stormClient(r.emu, records, { retry: { waitBudgetMs: 60_000 } });
  r.emu.setFaults({ rate429: 1, retryAfterSeconds: 600 });

  const first = await syncReturns(client, r.target, syntheticInputs(1, 5), OPTS).catch((e: unknown) => e);
  expect(first).toBeInstanceOf(GraphThrottledError);
  expect(first).toMatchObject({ status: 429, attempts: 1, elapsedMs: 0 });
  expect((first as Error).message).toMatch(
    /^Microsoft Graph is throttling requests \(429\) and asked to wait 600 s more, beyond the 1-minute waiting budget while reading the lists and the items already there; it stopped sending then, so nothing was lost/,
  );

  // The storm has passed, but this client has stopped: the next call is refused before it is sent, and says why.
  r.emu.setFaults({});
  const later = await readListItems(client, r.target, "kpi", { period: "2022-23 Q2" }).catch(
    (e: unknown) => e,
  );
  if (!(later instanceof GraphThrottledError)) throw new Error(`not a throttling failure: ${String(later)}`);
  expect(later).toMatchObject({
    status: 429,
    attempts: 1,
    overBudget: (first as GraphThrottledError).overBudget,
  });
  expect((later as Error).message).toMatch(
    /beyond the 1-minute waiting budget while checking the lists; it stopped sending then/,
  );
  // As the SDK hands it over, before any wording: our failure inside its GraphClientError, and no token either.
  const raw = await client
    .api(`/sites/${r.target.site}`)
    .get()
    .catch((e: unknown) => e);
  expect(raw).toBeInstanceOf(GraphClientError);
  expect(ownFailure(raw)).toMatchObject({ status: 429, attempts: 1, overBudget: later.overBudget });
  expect(r.emu.stats().total).toBe(1);
  expectNoToken(first, later, raw, records, log);
});
