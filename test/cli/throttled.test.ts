/**
 * A Graph 429 storm: the emulator throttles every request past the sync's retry budget. `sync` must end with one
 * plain line saying what it was doing and what to do (exit 3, no stack), lose nothing, and a re-run once the storm has
 * passed must finish the job with no duplicates.
 */
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { BUDGET_LIST_NAME, KPI_LIST_NAME } from "../../src/sharepoint";
import { seedCspReturns } from "../support/seed-totals";
import { errorLines, tempDir, testIo } from "./support";
import { writeApprovedCspReturns } from "./seed-files";

const SITE = "emulator.sharepoint.local:/sites/commissioning";

/** Every item key in both lists (a CSP return has one KPI item and one budget item). */
function itemKeys(emu: RunningEmulator): string[] {
  return emu
    .snapshot()
    .sites.flatMap((s) => s.lists)
    .filter((l) => l.displayName === KPI_LIST_NAME || l.displayName === BUDGET_LIST_NAME)
    .flatMap((l) => l.items.map((i) => `${l.displayName}: ${String(i.fields.ItemKey)}`));
}

describe("sync in a Graph 429 storm", () => {
  let emu: RunningEmulator;
  let dir: string;
  let graph: string[];
  let files: string[];

  beforeAll(async () => {
    emu = await startEmulator();
    dir = tempDir();
    graph = ["--site", SITE, "--graph-url", emu.url];
    files = await writeApprovedCspReturns(dir, graph);
    // The officer named, so the storm meets the sync itself, not the sign-in (GET /me).
    expect(await main(["provision", ...graph], testIo(dir))).toBe(ExitCode.ok);
  });
  afterAll(() => emu.stop());

  it("ends with one plain line and exit 3, keeps what was written, and a re-run finishes with no duplicates", async () => {
    // Before the storm, one return lands.
    expect(await main(["sync", "--by", "A. Officer", files[0], ...graph], testIo(dir))).toBe(ExitCode.ok);
    const landed = itemKeys(emu);
    expect(landed).toHaveLength(2);

    emu.setFaults({ rate429: 1, retryAfterSeconds: 0 });
    emu.resetStats();
    const storm = testIo(dir);
    expect(await main(["sync", "--by", "A. Officer", "returns", ...graph], storm)).toBe(ExitCode.unreachable);
    const lines = errorLines(storm);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      // The storm meets the first read: the KPI Templates list, or else the Return Register.
      /^kpi-returns: Microsoft Graph is throttling requests \(429\) and still was after .* while trying to read (the "KPI Templates" list; wait a few minutes and try again|the Return Register for 2022-23 Q2; nothing was lost — items already written stay, and running the same sync again finishes the job)\.$/,
    );
    expect(storm.stderr()).not.toMatch(/^\s+at /m);
    // The client kept at it: 8 tries of the one read batch, then stopped.
    expect(emu.stats()).toMatchObject({ total: 8, faulted: 8, itemsCreated: 0 });
    expect(itemKeys(emu)).toEqual(landed);

    emu.setFaults({});
    const healed = testIo(dir);
    expect(await main(["sync", "--by", "A. Officer", "returns", "--json", ...graph], healed)).toBe(
      ExitCode.ok,
    );
    const result = JSON.parse(healed.stdout()) as { totals: Record<string, number> };
    expect(result.totals).toMatchObject({
      create: (seedCspReturns.length - 1) * 2,
      unchanged: 2,
      conflict: 0,
      failed: 0,
      refused: 0,
    });
    const keys = itemKeys(emu);
    expect(keys).toHaveLength(seedCspReturns.length * 2);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(landed));
  });

  it("says the same of a 503 that does not pass, with the report too", async () => {
    emu.setFaults({ rate503: 1, retryAfterSeconds: 0 });
    try {
      const io = testIo(dir);
      const args = ["report", "--period", "2022-23 Q2", ...graph, "-o", "storm.html"];
      expect(await main(args, io)).toBe(ExitCode.unreachable);
      expect(errorLines(io)).toEqual([
        expect.stringMatching(
          /^kpi-returns: Microsoft Graph is unavailable \(503\) and still was after 8 tries over \d+ s while .*; wait a few minutes and try again\.$/,
        ),
      ]);
    } finally {
      emu.setFaults({});
    }
  });
});
