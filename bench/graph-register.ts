/**
 * Graph requests the Return Register costs, counted by the emulator: `status` for a quarter of 30 issued returns
 * (goal: one read plus a read per further page), and one `approve` by the signed-in officer (goal: at most 3 — who
 * is signed in, the return's register entry, and the decision written with If-Match). Both run through the command
 * line exactly as an officer types them.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EMULATOR_TOKEN } from "../src/auth/config";
import { main } from "../src/cli/main";
import type { CliIo } from "../src/cli/io";
import { newRegisterEntry, type RegisterEntry } from "../src/core/register";
import { startEmulator } from "../src/emulator";
import { findSeedReturn, seedInput, seedSetup } from "../src/seed/q2-2022-23";
import {
  createGraphClient,
  createRegisterEntries,
  provisionLists,
  readRegisterEntry,
} from "../src/sharepoint";
import { issuedFigures, planNewReturn, planProviderInput } from "../src/workbook";
import { newXlsx } from "../src/workbook/xlsx";

const SITE = "bench.sharepoint.local:/sites/register";
const PERIOD = "2022-23 Q2";
const QUARTER_SIZE = 30;

function benchIo(cwd: string): CliIo & { stdout(): string; stderr(): string } {
  let out = "";
  let err = "";
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTTY: false,
    env: {},
    cwd,
    now: () => new Date("2022-10-20T09:00:00Z"),
    untilInterrupted: () => new Promise(() => undefined),
    stdout: () => out,
    stderr: () => err,
  };
}

/** The quarter: West Mercia Women's Aid's IDVA return from the seed, and 29 more providers issued the same template. */
function quarterEntries(): RegisterEntry[] {
  const seed = findSeedReturn("idva");
  if (!seed) throw new Error("The seed has no IDVA return to bench with.");
  const setup = seedSetup(seed);
  const issued = { ...issuedFigures(setup), previousSpent: setup.previousSpent };
  const providers = [
    seed.provider,
    ...Array.from({ length: QUARTER_SIZE - 1 }, (_, i) => `Provider ${i + 2}`),
  ];
  return providers.map((provider, i) =>
    newRegisterEntry({
      provider,
      providerEmail: `returns${i + 1}@example.org`,
      templateId: setup.template.id,
      templateVersion: setup.template.version,
      period: seed.period,
      dueDate: "2022-10-14",
      issued,
      by: "Bench Officer",
      at: "2022-09-20T09:00:00Z",
    }),
  );
}

/** The seed's IDVA return as the provider filled it in: clean, so it can be approved. */
async function filledReturn(dir: string): Promise<string> {
  const seed = findSeedReturn("idva")!;
  const workbook = newXlsx();
  workbook.apply(planNewReturn(seedSetup(seed)));
  workbook.apply(planProviderInput(workbook.snapshot(), seedInput(seed)));
  const file = path.join(dir, "idva.xlsx");
  await workbook.save(file);
  return file;
}

export async function measureRegisterRequests(): Promise<{ status: number; approve: number }> {
  const emu = await startEmulator({ sites: [SITE] });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kpi-bench-register-"));
  try {
    const target = { baseUrl: emu.url, site: SITE };
    const client = createGraphClient(target, { getToken: async () => EMULATOR_TOKEN });
    await provisionLists(client, target);
    await createRegisterEntries(client, target, quarterEntries());
    const graph = ["--site", SITE, "--graph-url", emu.url];

    emu.resetStats();
    const status = benchIo(dir);
    if ((await main(["status", "--period", PERIOD, "--json", ...graph], status)) !== 0)
      throw new Error(`status failed in the bench: ${status.stderr()}`);
    const rows = JSON.parse(status.stdout()) as unknown[];
    if (rows.length !== QUARTER_SIZE)
      throw new Error(`status listed ${rows.length} returns, not ${QUARTER_SIZE}.`);
    const statusRequests = emu.stats().total;

    const file = await filledReturn(dir);
    emu.resetStats();
    // No --by: the officer is whoever is signed in (GET /me), as against a tenant.
    const approve = benchIo(dir);
    if ((await main(["approve", file, ...graph], approve)) !== 0)
      throw new Error(`approve failed in the bench: ${approve.stderr()}`);
    const approveRequests = emu.stats().total;
    const entry = await readRegisterEntry(client, target, findSeedReturn("idva")!);
    if (entry?.entry.status !== "Approved")
      throw new Error("The bench's approval did not reach the register.");
    return { status: statusRequests, approve: approveRequests };
  } finally {
    await emu.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
