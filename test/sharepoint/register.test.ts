/**
 * The Return Register list against the emulator: provisioned with the other lists, read by period in one request,
 * written with If-Match; GET /me and POST /me/messages; and sync gated by the register, where every attack on the
 * workbook is refused with nothing written to any list.
 */
import { figuresHash } from "../../src/core/approval";
import { checkCase, decideApprove } from "../../src/core/decisions";
import type { RegisterEntry } from "../../src/core/register";
import type { Return } from "../../src/core/types";
import { parseCell } from "../../src/core/values";
import { findSeedReturn, seedReturn } from "../../src/seed/q2-2022-23";
import {
  createRegisterEntries,
  draftMessage,
  readRegister,
  readRegisterEntry,
  signedInOfficer,
  syncWithRegister,
  writeRegisterEntry,
  type WorkbookForSync,
} from "../../src/sharepoint";
import { findTemplate } from "../../src/templates";
import { OFFICER_A, seedEntry } from "../support/register";
import { listFields, rig, type Rig } from "./support";

const val = findTemplate("victim-advice-line")!;
const valSeed = findSeedReturn("victim-advice-line")!;
const idvaSeed = findSeedReturn("idva")!;
const act = { officer: OFFICER_A, at: "2022-10-20T10:00:00Z" };
const PERIOD = "2022-23 Q2";

function clean(): Return {
  return seedReturn(valSeed, { status: "submitted", answerQueries: true });
}

function workbook(ret: Return, name = "val.xlsx"): WorkbookForSync {
  return { ret, template: val, workbookFindings: [], sourceWorkbook: name };
}

function approvedEntryFor(ret: Return): RegisterEntry {
  const d = decideApprove(
    checkCase({ ret, template: val, workbookFindings: [], register: { entry: seedEntry(valSeed) } }),
    act,
  );
  if (!d.ok) throw new Error(d.reason);
  return d.entry;
}

function itemCount(r: Rig): number {
  return listFields(r.emu, "KPI Returns").length + listFields(r.emu, "Budget Returns").length;
}

let r: Rig;
beforeEach(async () => {
  r = await rig();
});
afterEach(async () => {
  await r.emu.stop();
});

describe("the Return Register list", () => {
  it("is provisioned with the others, with every column the issue names", () => {
    const list = r.emu
      .snapshot()
      .sites.flatMap((s) => s.lists)
      .find((l) => l.displayName === "Return Register")!;
    expect(list).toBeDefined();
    const names = list.columns.map((c) => c.name);
    for (const col of [
      "ReturnKey",
      "Provider",
      "ProviderEmail",
      "TemplateId",
      "TemplateVersion",
      "Period",
      "DueDate",
      "Status",
      "IssuedHash",
      "Issued",
      "ReceivedAt",
      "WorkbookHash",
      "ApprovedBy",
      "ApprovedByUpn",
      "ApprovedAt",
      "ApprovedHash",
      "Overrides",
      "History",
      "ReturnedReasons",
      "LastReminderAt",
      "SyncedAt",
    ])
      expect(names).toContain(col);
    const key = list.columns.find((c) => c.name === "ReturnKey")!;
    expect(key).toMatchObject({ indexed: true, enforceUniqueValues: true });
    expect(list.columns.find((c) => c.name === "Period")?.indexed).toBe(true);
    expect(list.columns.find((c) => c.name === "Status")?.choice).toMatchObject({
      choices: ["Issued", "Received", "Returned", "Approved", "Synced"],
    });
  });

  it("round-trips entries, reads a quarter in one request, and refuses a write on a stale eTag", async () => {
    const entries = [seedEntry(valSeed), seedEntry(idvaSeed)];
    const { created } = await createRegisterEntries(r.client, r.target, entries);
    expect(created).toHaveLength(2);
    const again = await createRegisterEntries(r.client, r.target, [entries[0]]);
    expect(again.existing).toHaveLength(1);
    r.emu.resetStats();
    const quarter = await readRegister(r.client, r.target, PERIOD);
    expect(r.emu.stats().total).toBe(1);
    expect(quarter.map((q) => q.entry).sort((a, b) => a.provider.localeCompare(b.provider))).toEqual(
      [...entries].sort((a, b) => a.provider.localeCompare(b.provider)),
    );
    const one = (await readRegisterEntry(r.client, r.target, {
      ...valSeed,
      provider: "  VICTIM advice line ",
    }))!;
    const next = { ...one.entry, status: "Received" as const, receivedAt: "2022-10-15T09:00:00Z" };
    const written = await writeRegisterEntry(r.client, r.target, one, next);
    expect(written.entry.status).toBe("Received");
    await expect(
      writeRegisterEntry(r.client, r.target, one, { ...next, status: "Approved" }),
    ).rejects.toThrow(/changed by someone else since it was read; nothing was written/);
    expect((await readRegisterEntry(r.client, r.target, valSeed))?.entry.status).toBe("Received");
  });
});

describe("the signed-in officer", () => {
  it("GET /me names the demo officer; POST /me/messages stores a draft that GET lists", async () => {
    expect(await signedInOfficer(r.client)).toEqual({
      name: "Demo Officer",
      upn: "demo.officer@commissioning.example",
    });
    await draftMessage(r.client, { to: "returns@val.example", subject: "Reminder", body: "Please send it." });
    const listed = (await r.client.api("/me/messages").get()) as {
      value: { subject: string; isDraft: boolean }[];
    };
    expect(listed.value).toEqual([expect.objectContaining({ subject: "Reminder", isDraft: true })]);
    expect(r.emu.snapshot().messages?.[0].toRecipients[0].emailAddress.address).toBe("returns@val.example");
  });
});

describe("sync gated by the register", () => {
  async function registered(...entries: RegisterEntry[]): Promise<void> {
    await createRegisterEntries(r.client, r.target, entries);
  }

  it("writes an approved return under the register's name and marks it Synced", async () => {
    await registered(approvedEntryFor(clean()));
    const run = await syncWithRegister(
      r.client,
      r.target,
      [workbook({ ...clean(), provider: "victim ADVICE line" })],
      {
        syncedBy: OFFICER_A.name,
        act,
      },
    );
    expect(run.result.totals.refused).toBe(0);
    expect(run.result.totals.create).toBeGreaterThan(0);
    expect(new Set(listFields(r.emu, "KPI Returns").map((f) => f.Provider))).toEqual(
      new Set([valSeed.provider]),
    );
    expect((await readRegisterEntry(r.client, r.target, valSeed))?.entry.status).toBe("Synced");
    expect(run.stamps.get(0)?.status).toBe("synced");
  });

  it("refuses a forged approval, a spoofed provider and a changed approved figure, writing nothing", async () => {
    await registered(seedEntry(valSeed), seedEntry(idvaSeed));
    let forged: Return = {
      ...clean(),
      kpis: clean().kpis.map((k, i) => (i === 0 ? { ...k, actual: parseCell(-50) } : k)),
    };
    forged = {
      ...forged,
      status: "approved",
      approval: { by: "Anyone", at: act.at, hash: figuresHash(forged) },
    };
    const spoofed: Return = { ...forged, provider: idvaSeed.provider };
    const run = await syncWithRegister(r.client, r.target, [workbook(forged), workbook(spoofed)], {
      syncedBy: "x",
      act,
    });
    expect(run.result.returns.map((x) => x.refused)).toEqual([
      expect.stringMatching(/not approved in the Return Register/),
      expect.stringMatching(/No return from "West Mercia Women's Aid" on template "victim-advice-line"/),
    ]);
    expect(itemCount(r)).toBe(0);
    expect((await readRegister(r.client, r.target, PERIOD)).map((x) => x.entry.status)).toEqual([
      "Issued",
      "Issued",
    ]);
  });

  it("v1 after v2: the register names the figures approved, so last week's file is refused", async () => {
    const v2 = clean();
    const v1: Return = { ...v2, kpis: v2.kpis.map((k, i) => (i === 0 ? { ...k, actual: parseCell(7) } : k)) };
    await registered(approvedEntryFor(v2));
    const both = await syncWithRegister(
      r.client,
      r.target,
      [workbook(v1, "v1.xlsx"), workbook(v2, "v2.xlsx")],
      {
        syncedBy: "x",
        act,
      },
    );
    expect(both.result.returns[0].refused).toMatch(/not the ones Officer A approved/);
    expect(both.result.returns[1].refused).toBeUndefined();
    const before = JSON.stringify(listFields(r.emu, "KPI Returns"));
    const rerun = await syncWithRegister(r.client, r.target, [workbook(v1, "v1.xlsx")], {
      syncedBy: "x",
      act,
    });
    expect(rerun.result.returns[0].refused).toMatch(/not the ones Officer A approved/);
    expect(JSON.stringify(listFields(r.emu, "KPI Returns"))).toBe(before);
  });
});
