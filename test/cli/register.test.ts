/**
 * The quarter's commands against the emulator: issue from a plan (provider spellings are one provider), receive
 * (checked against the register), validate --site, status --json, remind (Outlook drafts through /me/messages,
 * .eml files, dry run), and new --site.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { provisionLists, readRegister } from "../../src/sharepoint";
import { addTemplateVersion, provisionTemplateList } from "../../src/sharepoint/template-list";
import { findTemplate } from "../../src/templates";
import { planProviderInput } from "../../src/workbook";
import { openXlsx } from "../../src/workbook/xlsx";
import { findSeedReturn, seedInput } from "../../src/seed/q2-2022-23";
import { emulatorGraph } from "../support/emulator-graph";
import { errorLines, tempDir, testIo } from "./support";

const PERIOD = "2022-23 Q2";
let emulator: RunningEmulator;
let dir: string;
let graph: string[];
let site = 0;

async function entries() {
  const { client, target } = emulatorGraph(graph);
  return (await readRegister(client, target, PERIOD)).map((r) => r.entry);
}

beforeAll(async () => {
  // A site per test, so each starts with a register of its own.
  emulator = await startEmulator({
    port: 0,
    sites: Array.from({ length: 30 }, (_, i) => `emulator.sharepoint.local:/sites/quarter${i + 1}`),
  });
});
afterAll(() => emulator.stop());
beforeEach(async () => {
  dir = tempDir();
  graph = ["--site", `emulator.sharepoint.local:/sites/quarter${(site += 1)}`, "--graph-url", emulator.url];
  const { client, target } = emulatorGraph(graph);
  await provisionLists(client, target);
  await fs.writeFile(path.join(dir, "val-targets.csv"), "id,target\nreferrals,4000\n");
  await fs.writeFile(
    path.join(dir, "plan.csv"),
    [
      "provider,email,template,targets,history",
      "Victim Advice Line,val@example.org,victim-advice-line,val-targets.csv,",
      "West Mercia Women's Aid,wmwa@example.org,idva,,",
      "west mercia womens aid,wmwa@example.org,idva,,",
    ].join("\n"),
  );
});

/** `issue` from a plan into ./issued, due 14 October, by A. Officer. */
function issueArgs(plan = "plan.csv"): string[] {
  return [
    "issue",
    "--plan",
    plan,
    "--period",
    PERIOD,
    "--due",
    "2022-10-14",
    "-o",
    "issued",
    "--by",
    "A. Officer",
    ...graph,
  ];
}

async function issue(plan = "plan.csv"): Promise<void> {
  const io = testIo(dir);
  const code = await main(issueArgs(plan), io);
  if (code !== 0) throw new Error(io.stderr());
}

/** The provider fills the issued return in, as the seed's cells were typed. */
async function fillIn(file: string, templateId: string): Promise<void> {
  const wb = await openXlsx(path.join(dir, file));
  wb.apply(planProviderInput(wb.snapshot(), seedInput(findSeedReturn(templateId)!)));
  await wb.save(path.join(dir, file));
}

describe("issue", () => {
  it("writes one blank return per provider, registers each, and says when two spellings are one provider", async () => {
    const io = testIo(dir);
    expect(await main(issueArgs(), io)).toBe(0);
    expect((await fs.readdir(path.join(dir, "issued"))).sort()).toEqual([
      "Victim Advice Line - victim-advice-line.xlsx",
      "West Mercia Womens Aid - idva.xlsx",
    ]);
    expect(io.stdout()).toContain(
      `Note: "west mercia womens aid" and "West Mercia Women's Aid" are one provider (names differing only by case, spaces or apostrophes)`,
    );
    const registered = await entries();
    expect(registered.map((e) => [e.provider, e.status, e.dueDate]).sort()).toEqual([
      ["Victim Advice Line", "Issued", "2022-10-14"],
      ["West Mercia Women's Aid", "Issued", "2022-10-14"],
    ]);
    expect(registered.find((e) => e.templateId === "victim-advice-line")?.issued.kpis.referrals.target).toBe(
      4000,
    );
    // Issuing again names what is already there and replaces nothing.
    const again = testIo(dir);
    expect(await main(issueArgs(), again)).toBe(0);
    expect(again.stdout()).toContain(
      "Victim Advice Line on victim-advice-line for 2022-23 Q2 is already in the register (Issued)",
    );
    expect(await entries()).toHaveLength(2);
  });

  it("refuses a due date that is not a day", async () => {
    const io = testIo(dir);
    expect(
      await main(
        ["issue", "--plan", "plan.csv", "--period", PERIOD, "--due", "14/10/2022", "-o", "x", ...graph],
        io,
      ),
    ).toBe(ExitCode.badInput);
    expect(errorLines(io)[0]).toContain('--due "14/10/2022" is not a date written yyyy-mm-dd');
  });
});

describe("receive, validate --site, status and remind", () => {
  beforeEach(() => issue());

  it("receive records a return checked against the register; a spoofed provider is not received", async () => {
    const val = "issued/Victim Advice Line - victim-advice-line.xlsx";
    await fillIn(val, "victim-advice-line");
    // A copy of the same return claiming to come from a provider the register never issued it to.
    const spoof = path.join(dir, "spoof.xlsx");
    const wb = await openXlsx(path.join(dir, val));
    wb.apply({ ...planProviderInput(wb.snapshot(), {}), metadata: { provider: "Purple Leaf" } });
    await wb.save(spoof);
    const io = testIo(dir);
    expect(await main(["receive", val, "spoof.xlsx", "--json", "--by", "A. Officer", ...graph], io)).toBe(
      ExitCode.failed,
    );
    const out = JSON.parse(io.stdout()) as {
      file: string;
      received: boolean;
      findings: { ruleId: string }[];
    }[];
    expect(out.map((o) => o.received)).toEqual([true, false]);
    expect(out[1].findings.map((f) => f.ruleId)).toContain("REGISTER-UNKNOWN");
    const registered = await entries();
    expect(registered.find((e) => e.templateId === "victim-advice-line")?.status).toBe("Received");

    const v = testIo(dir);
    await main(["validate", "spoof.xlsx", "--json", ...graph], v);
    const [verdict] = JSON.parse(v.stdout()) as { findings: { ruleId: string; severity: string }[] }[];
    expect(verdict.findings[0]).toMatchObject({ ruleId: "REGISTER-UNKNOWN", severity: "error" });
    expect(v.stderr()).not.toContain("Not checked against the Return Register");
  });

  it("validate --site: an edited status or period in the metadata is a finding offline and against the register", async () => {
    const val = "issued/Victim Advice Line - victim-advice-line.xlsx";
    await fillIn(val, "victim-advice-line");
    const edited = async (name: string, metadata: Record<string, string>) => {
      const wb = await openXlsx(path.join(dir, val));
      wb.apply({ ...planProviderInput(wb.snapshot(), {}), metadata });
      await wb.save(path.join(dir, name));
      return name;
    };
    const verdictOf = async (file: string, site: string[]) => {
      const io = testIo(dir);
      await main(["validate", file, "--json", ...site], io);
      const [verdict] = JSON.parse(io.stdout()) as {
        status: string;
        findings: { ruleId: string; severity: string; message: string }[];
      }[];
      return verdict;
    };
    const findingsOf = async (file: string, site: string[]) => (await verdictOf(file, site)).findings;
    // "approved" typed into the status cell of a return the provider has not even sent in.
    const approved = await edited("typed-approved.xlsx", { status: "approved" });
    for (const site of [[], graph]) {
      const verdict = await verdictOf(approved, site);
      expect(verdict.status).toBe("draft");
      expect(verdict.findings.find((f) => f.ruleId === "METADATA-STATUS")?.message).toContain(
        'says its status is "approved", but the return carries no approval',
      );
    }
    // Received by the officer, the register says "Received": a status the workbook claims otherwise is the register's.
    const io = testIo(dir);
    expect(await main(["receive", val, "--by", "A. Officer", ...graph], io)).toBe(0);
    const online = await findingsOf(approved, graph);
    expect(online.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(["METADATA-STATUS", "REGISTER-STATUS"]),
    );
    expect(online.find((f) => f.ruleId === "REGISTER-STATUS")?.message).toContain(
      'the Return Register says "Received"',
    );

    // The period moved to another quarter: no return was issued for it, so nothing in the workbook is believed.
    const moved = await edited("moved-period.xlsx", { period: "2022-23 Q3" });
    const unknown = (await findingsOf(moved, graph)).find((f) => f.ruleId === "REGISTER-UNKNOWN");
    expect(unknown).toMatchObject({ severity: "error" });
    expect(unknown?.message).toContain('on template "victim-advice-line" for 2022-23 Q3 was issued');
  });

  it("status --json: one object per issued return, with the fields the contract names", async () => {
    const io = testIo(dir, {}, new Date("2022-10-20T09:00:00Z"));
    expect(await main(["status", "--period", PERIOD, "--json", ...graph], io)).toBe(0);
    const rows = JSON.parse(io.stdout()) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    for (const row of rows)
      for (const field of [
        "provider",
        "templateId",
        "period",
        "status",
        "dueDate",
        "daysOverdue",
        "approvedBy",
      ])
        expect(row).toHaveProperty(field);
    expect(rows[0]).toMatchObject({
      provider: "Victim Advice Line",
      status: "Issued",
      dueDate: "2022-10-14",
      daysOverdue: 6,
      approvedBy: null,
    });
    const table = testIo(dir, {}, new Date("2022-10-20T09:00:00Z"));
    await main(["status", "--period", PERIOD, ...graph], table);
    expect(table.stdout()).toMatch(
      /Victim Advice Line\s+Victim Advice Line \(VAL\)\s+Issued\s+14\/10\/2022\s+6 d/,
    );
    expect(table.stdout()).toContain("2 issued: 2 awaited (2 overdue)");
  });

  it("status names each service by its template's title, a template from the KPI Templates list included", async () => {
    // A service the add-in does not have built in: published to the site's KPI Templates list, then issued.
    const { client, target } = emulatorGraph(graph);
    const shelter = {
      ...findTemplate("idva")!,
      id: "night-shelter",
      title: "Night Shelter (NS)",
      version: "1.0.0",
    };
    await addTemplateVersion(client, await provisionTemplateList(client, target), shelter, {
      by: "A. Officer",
      at: "2022-09-01T09:00:00Z",
      status: "Published",
    });
    await fs.writeFile(
      path.join(dir, "shelter.csv"),
      "provider,email,template\nHaven Trust,haven@example.org,night-shelter\n",
    );
    await issue("shelter.csv");

    const table = testIo(dir, {}, new Date("2022-10-20T09:00:00Z"));
    expect(await main(["status", "--period", PERIOD, ...graph], table)).toBe(0);
    expect(table.stdout()).toMatch(/Haven Trust\s+Night Shelter \(NS\)\s+Issued/);
    expect(table.stdout()).not.toMatch(/Haven Trust\s+night-shelter/);
    const json = testIo(dir, {}, new Date("2022-10-20T09:00:00Z"));
    expect(await main(["status", "--period", PERIOD, "--json", ...graph], json)).toBe(0);
    const rows = JSON.parse(json.stdout()) as { provider: string; templateId: string; service: string }[];
    expect(rows.find((r) => r.provider === "Haven Trust")).toMatchObject({
      templateId: "night-shelter",
      service: "Night Shelter (NS)",
    });
  });

  it("remind: a dry run lists, Outlook drafts go through /me/messages, .eml files offline; LastReminderAt recorded", async () => {
    const at = new Date("2022-10-12T09:00:00Z");
    const dry = testIo(dir, {}, at);
    expect(
      await main(["remind", "--period", PERIOD, "--within", "3", "--dry-run", "--json", ...graph], dry),
    ).toBe(0);
    expect((JSON.parse(dry.stdout()) as { sent: boolean }[]).map((m) => m.sent)).toEqual([false, false]);
    expect(await main(["remind", "--period", PERIOD, "--within", "1", ...graph], testIo(dir, {}, at))).toBe(
      0,
    );
    expect(emulator.snapshot().messages ?? []).toHaveLength(0);

    const before = (emulator.snapshot().messages ?? []).length;
    const io = testIo(dir, {}, at);
    expect(await main(["remind", "--period", PERIOD, "--within", "3", ...graph], io)).toBe(0);
    const drafts = (emulator.snapshot().messages ?? []).slice(before);
    expect(drafts.map((d) => d.toRecipients[0].emailAddress.address).sort()).toEqual([
      "val@example.org",
      "wmwa@example.org",
    ]);
    expect(drafts[0].body.content).toMatch(/is due on 14\/10\/2022, in 2 days/);
    expect(io.stdout()).toContain("2 drafts are in your Outlook Drafts folder");
    expect((await entries()).every((e) => e.lastReminderAt !== null)).toBe(true);

    const eml = testIo(dir, {}, new Date("2022-10-20T09:00:00Z"));
    expect(await main(["remind", "--period", PERIOD, "--eml", "reminders", ...graph], eml)).toBe(0);
    const files = await fs.readdir(path.join(dir, "reminders"));
    expect(files).toHaveLength(2);
    const text = await fs.readFile(path.join(dir, "reminders", files[0]), "utf8");
    expect(text).toMatch(/^From: demo\.officer@commissioning\.example\r\nTo: /);
    expect(text).toContain("was due on 14/10/2022 (6 days ago)");
  });
});

describe("new --site", () => {
  it("registers the return it writes, and refuses a second one for the same provider spelt otherwise", async () => {
    const args = [
      "new",
      "--template",
      "idva",
      "--period",
      PERIOD,
      "--due",
      "2022-10-14",
      "--email",
      "w@example.org",
      ...graph,
    ];
    expect(await main([...args, "--provider", "West Mercia Women's Aid", "-o", "a.xlsx"], testIo(dir))).toBe(
      0,
    );
    expect((await entries()).map((e) => e.provider)).toEqual(["West Mercia Women's Aid"]);
    const io = testIo(dir);
    expect(await main([...args, "--provider", "WEST MERCIA WOMENS AID", "-o", "b.xlsx"], io)).toBe(
      ExitCode.failed,
    );
    expect(errorLines(io)[0]).toContain('"WEST MERCIA WOMENS AID" is the same provider');
    await expect(fs.stat(path.join(dir, "b.xlsx"))).rejects.toThrow();
  });
});
