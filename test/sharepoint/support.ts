/** Test support for sync: approved returns from the seed and synthetic ones, and a Graph client on a fresh emulator. */
import { EMULATOR_TOKEN } from "../../src/auth/config";
import type { KpiTemplate, Return } from "../../src/core/types";
import { validateReturn } from "../../src/core/validate";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../src/emulator";
import { seedReturn, seedReturns } from "../../src/seed/q2-2022-23";
import { findTemplate } from "../../src/templates";
import {
  createGraphClient,
  provisionLists,
  type GraphTarget,
  type SyncReturnInput,
  type TokenSource,
} from "../../src/sharepoint";
import type { GraphClient, GraphClientOptions } from "../../src/sharepoint/client";
import { approvedReturn } from "../support/approved-returns";

export const SITE = "contoso.sharepoint.com:/sites/commissioning";
export { SYNTHETIC_OFFICER as OFFICER } from "../support/synthetic-returns";
import { SYNTHETIC_OFFICER as OFFICER } from "../support/synthetic-returns";

export function inputFor(ret: Return, template: KpiTemplate, sourceWorkbook: string): SyncReturnInput {
  return { ret, template, validation: validateReturn(ret, template), sourceWorkbook };
}

/** Every seed return that approves once its queries are answered: the real Q2 2022/23 figures. */
export function approvedSeedInputs(): SyncReturnInput[] {
  const inputs: SyncReturnInput[] = [];
  for (const entry of seedReturns) {
    const template = findTemplate(entry.templateId);
    if (!template) throw new Error(`no template ${entry.templateId}`);
    const ret = seedReturn(entry, { status: "validated", answerQueries: true });
    try {
      inputs.push(inputFor(approvedReturn(ret, template, OFFICER), template, `${entry.templateId}.xlsx`));
    } catch {
      // Returns that do not approve (the seed's slips) are the refusal tests' business, not these.
    }
  }
  return inputs;
}

// Synthetic returns (any size, always approvable) are shared with the Graph bench.
export { syntheticInputs, syntheticReturn, syntheticTemplate } from "../support/synthetic-returns";

export const fixedToken = (token = EMULATOR_TOKEN): TokenSource => ({ getToken: async () => token });

export interface Rig {
  emu: RunningEmulator;
  target: GraphTarget;
  client: GraphClient;
}

/** A fresh emulator with both lists provisioned, and a client on it (stats reset after provisioning). */
export async function rig(
  opts: { emulator?: EmulatorOptions; tokens?: TokenSource; client?: GraphClientOptions } = {},
): Promise<Rig> {
  const emu = await startEmulator(opts.emulator);
  const target: GraphTarget = { baseUrl: emu.url, site: SITE };
  const client = createGraphClient(target, opts.tokens ?? fixedToken(), {
    retry: { baseDelayMs: 5, maxDelayMs: 2000 },
    ...opts.client,
  });
  await provisionLists(client, target);
  emu.resetStats();
  return { emu, target, client };
}

/** Every item of a list in the emulator, as its fields. */
export function listFields(emu: RunningEmulator, listName: string): Record<string, unknown>[] {
  const list = emu
    .snapshot()
    .sites.flatMap((s) => s.lists)
    .find((l) => l.displayName === listName);
  return list ? list.items.map((i) => i.fields) : [];
}
