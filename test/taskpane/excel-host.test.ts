/**
 * The Excel-backed host, end to end without Excel: the workbook port runs the real plans on an in-memory .xlsx
 * (the workbook layer's ExcelJS executor) and SharePoint is the local Graph emulator over real HTTP.
 */
import { EMULATOR_TOKEN } from "../../src/auth/config";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { resolveGraphTarget } from "../../src/auth/config";
import {
  createGraphClient,
  createRegisterEntries,
  provisionLists,
  readRegisterEntry,
} from "../../src/sharepoint";
import { findSeedReturn, seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import { createExcelHost, type WorkbookPort } from "../../src/taskpane/excel-host";
import type { SummaryLayout } from "../../src/taskpane/summary-sheet";
import { KPI_TABLE, planNewReturn, planProviderInput, tableOf } from "../../src/workbook";
import { newXlsx, type XlsxReturnWorkbook } from "../../src/workbook/xlsx";
import { approvalBlocker } from "../../src/taskpane/verdict";
import { editTable, setCell } from "../support/excel-returns";
import { seedEntry } from "../support/register";

let emulator: RunningEmulator;
let search: string;

/** The emulator's lists as the officer's own client sees them. */
function lists() {
  const { target } = resolveGraphTarget(search);
  return { client: createGraphClient(target, { getToken: async () => EMULATOR_TOKEN }), target };
}

/** The register entry of a seed return, as the emulator's Return Register holds it now. */
async function registered(templateId: string, provider?: string) {
  const { client, target } = lists();
  const seed = findSeedReturn(templateId, provider)!;
  return (await readRegisterEntry(client, target, { ...seed, templateId }))?.entry ?? null;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  search = `?emulator=${encodeURIComponent(emulator.url)}`;
  const { client, target } = lists();
  await provisionLists(client, target);
  // The team issued these returns: the register knows each one, its issued figures and who owes it.
  const issued = [
    ["csp-budget", "Shropshire CSP"],
    ["csp-budget", "Herefordshire CSP"],
    ["victim-advice-line", undefined],
    ["idva", undefined],
  ] as const;
  await createRegisterEntries(
    client,
    target,
    issued.map(([id, provider]) => seedEntry(findSeedReturn(id, provider)!)),
  );
});
afterAll(() => emulator.stop());

function workbookPort(book: XlsxReturnWorkbook) {
  const summaries: SummaryLayout[] = [];
  const port: WorkbookPort & { selectCell: jest.Mock } = {
    readSnapshot: async () => book.snapshot(),
    applyPlan: async (plan) => book.apply(plan),
    selectCell: jest.fn(async () => undefined),
    writeSummary: async (layout) => {
      summaries.push(layout);
      return { sheet: "Quarterly summary", charts: layout.blocks.filter((b) => b.chart).length };
    },
  };
  return { port, summaries };
}

/** A provider's return as the seed has it, filled in. */
function seedWorkbook(templateId: string, provider?: string): XlsxReturnWorkbook {
  const entry = findSeedReturn(templateId, provider);
  if (!entry) throw new Error(`no seed return ${templateId}`);
  const book = newXlsx();
  book.apply(planNewReturn(seedSetup(entry)));
  book.apply(planProviderInput(book.snapshot(), seedInput(entry)));
  return book;
}

const at = () => new Date("2022-10-14T09:30:00Z");

describe("Excel host", () => {
  it("refuses approval while the workbook's own checks find an error (a formula typed over), as the command line does", async () => {
    const book = seedWorkbook("csp-budget", "Shropshire CSP");
    const { port } = workbookPort(book);
    // Someone typed 50% over the Utilisation formula: only the workbook can see that.
    port.readSnapshot = async () =>
      editTable(book.snapshot(), "BudgetReturn", (t) => setCell(t!, 0, "Utilisation", 0.5));
    const host = createExcelHost({ workbook: port, search, now: at });
    const check = await host.checkReturn();
    expect(check.validation?.approvable).toBe(true); // core alone sees nothing wrong (51.0% against 50.0%)
    expect(check.findings.map((f) => f.ruleId)).toContain("FORMULA-OVERWRITTEN");
    expect(check.standing).toMatchObject({ approvable: false, checkedAgainstRegister: true });
    expect(approvalBlocker(check.validation!, check.findings)).toMatch(/1 error stands/);
    // Each finding in the way, in the officer's words: the check's id is not among them.
    const refused = (await host.approve("").then(
      () => new Error("approved"),
      (e: unknown) => e,
    )) as Error;
    expect(refused.message).toMatch(
      /cannot be approved yet.*\n- "csp-grant": the Utilisation cell Budget!F\d+ holds "0\.5" instead of its formula\.$/s,
    );
    expect(refused.message).not.toMatch(/FORMULA-OVERWRITTEN|Please/);
    expect((await registered("csp-budget", "Shropshire CSP"))?.status).toBe("Issued");
  });

  it("refuses to act on a workbook that is not a return, in words for whoever acts", async () => {
    const { port } = workbookPort(newXlsx());
    const host = createExcelHost({ workbook: port, search, now: at });
    await expect(host.submit()).rejects.toThrow(
      /^This workbook is not a return made from a KPI template\. Open the return's workbook, then try again\.$/,
    );
  });

  it("walks the Victim Advice Line return from check to sync, and the lists receive exactly its figures", async () => {
    const book = seedWorkbook("victim-advice-line");
    const { port } = workbookPort(book);
    const host = createExcelHost({ workbook: port, search, now: at, sourceWorkbook: () => "VAL Q2.xlsx" });
    expect(host.account()).toEqual({ mode: "emulator", signedInAs: "Emulator user" });

    // 3,834 against 4,441 last quarter is −13.7%: a query, with no commentary yet.
    let check = await host.checkReturn();
    expect(check.ret?.provider).toBe("Victim Advice Line");
    const query = check.findings.find(
      (f) => f.severity === "query" && f.kpiId === "referrals" && !f.explainedBy,
    );
    expect(query).toBeDefined();
    expect(query?.message).toMatch(/13\.7%/);
    await host.goTo(query!.location);
    expect(port.selectCell).toHaveBeenCalledWith(query!.location);

    // The provider sends it in: their claim, in their workbook; the register still says issued until received.
    check = await host.submit();
    expect(check.standing?.registerStatus).toBe("Issued");
    check = await host.receive();
    expect(check.ret?.status).toBe("submitted");
    expect(check.standing?.registerStatus).toBe("Received");
    // The officer is who GET /me names, not the text the pane showed before asking.
    expect(host.account()).toEqual({ mode: "emulator", signedInAs: "Demo Officer" });
    await expect(host.approve("")).rejects.toThrow(/cannot be approved yet/);

    check = await host.overrideQuery(query!, "IT disruption in Q2; consistent with previous years.");
    expect(
      check.findings.find((f) => f.ruleId === query!.ruleId && f.kpiId === "referrals")?.explainedBy,
    ).toBe("override");
    expect(check.validation?.approvable).toBe(true);
    await expect(host.syncReturn(() => undefined)).rejects.toThrow(/not approved/);

    check = await host.approve("Checked with the VAL manager.");
    expect(check.ret?.status).toBe("approved");
    expect(check.ret?.approval).toMatchObject({
      by: "Demo Officer",
      comment: "Checked with the VAL manager.",
    });
    // The register holds the decision: the signed-in officer, and the hash of exactly these figures.
    const entry = await registered("victim-advice-line");
    expect(entry?.status).toBe("Approved");
    expect(entry?.approval).toMatchObject({ by: "Demo Officer", upn: "demo.officer@commissioning.example" });
    expect(entry?.overrides.map((o) => [o.ruleId, o.subject, o.by])).toEqual([
      [query!.ruleId, "referrals", "Demo Officer"],
    ]);

    const kpiCount = check.ret!.kpis.length + check.ret!.budget.length;
    const preview = await host.previewSync();
    expect(preview.refused).toBeNull();
    expect(preview.counts).toMatchObject({ create: kpiCount, update: 0, unchanged: 0, conflict: 0 });

    const progress: [number, number][] = [];
    const outcome = await host.syncReturn((done, total) => progress.push([done, total]));
    expect(outcome.counts.create).toBe(kpiCount);
    // Counted item by item as the writes settle, from 0 of N: what the pane's live region reads out.
    expect(progress).toEqual(Array.from({ length: kpiCount + 1 }, (_, i) => [i, kpiCount]));
    expect(outcome.lists.map((l) => l.label)).toEqual(["KPI Returns", "Budget Returns"]);
    expect(outcome.lists[0].url).toMatch(/^http/);

    const kpiList = emulator
      .snapshot()
      .sites.flatMap((s) => s.lists)
      .find((l) => l.displayName === "KPI Returns");
    const referrals = kpiList?.items.find(
      (i) => i.fields.KpiId === "referrals" && i.fields.Provider === "Victim Advice Line",
    );
    expect(referrals?.fields.Actual).toBe(3834);
    expect(referrals?.fields.SourceWorkbook).toBe("VAL Q2.xlsx");

    check = await host.checkReturn();
    expect(check.ret?.status).toBe("synced");
    expect((await registered("victim-advice-line"))?.status).toBe("Synced");
    const again = await host.previewSync();
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: kpiCount });
  });

  it("writes a provider's commentary into the sheet, which explains the query (offline, as a provider's pane is)", async () => {
    const book = seedWorkbook("victim-advice-line");
    // A provider has no access to the lists: their pane is never signed in, so it checks offline and says so.
    const host = createExcelHost({ workbook: workbookPort(book).port, search: "", now: at });
    const before = await host.checkReturn();
    expect(before.validation?.counts.unexplained).toBeGreaterThan(0);
    expect(before.standing).toMatchObject({ checkedAgainstRegister: false, registerStatus: null });
    expect(before.standing?.notice).toMatch(/^Not checked against the Return Register: sign in/);
    const after = await host.saveCommentary([
      { kpiId: "referrals", commentary: "IT disruption during the quarter." },
    ]);
    expect(after.validation?.counts.unexplained).toBe(0);
    const kpis = tableOf(book.snapshot(), KPI_TABLE)!;
    const commentary = kpis.headers.indexOf("Commentary");
    expect(kpis.values.map((r) => r[commentary])).toContain("IT disruption during the quarter.");
  });

  it("returns a return to the provider with the reasons recorded in the workbook", async () => {
    const book = seedWorkbook("idva");
    const host = createExcelHost({ workbook: workbookPort(book).port, search, now: at });
    await host.submit();
    const check = await host.returnToProvider(["Give the YPIDVA figures for Herefordshire separately."]);
    expect(check.ret?.status).toBe("returned");
    expect(check.ret?.returnedReasons).toEqual(["Give the YPIDVA figures for Herefordshire separately."]);
    expect((await registered("idva"))?.returnedReasons).toEqual([
      "Give the YPIDVA figures for Herefordshire separately.",
    ]);
    // Sent back by mistake: reopened, it is received again and the reasons are withdrawn.
    const reopened = await host.reopen();
    expect(reopened.ret?.status).toBe("submitted");
    expect(reopened.ret?.returnedReasons).toBeUndefined();
    expect((await registered("idva"))?.status).toBe("Received");
  });

  it("fills a new return's prior figures from the lists, and refuses to write over an existing return", async () => {
    // The Victim Advice Line's Q2 figures were synced by the first test.
    const book = newXlsx();
    const host = createExcelHost({ workbook: workbookPort(book).port, search, now: at });
    const created = await host.createReturn({
      templateId: "victim-advice-line",
      provider: "Victim Advice Line",
      period: "2022-23 Q3",
    });
    expect(created.prefilled).toBeGreaterThan(0);
    const check = await host.checkReturn();
    expect(check.ret?.period).toBe("2022-23 Q3");
    const referrals = check.ret?.kpis.find((k) => k.kpiId === "referrals");
    expect(referrals?.previous).toMatchObject({ kind: "number", value: 3834 });
    await expect(
      host.createReturn({ templateId: "idva", provider: "West Mercia Women's Aid", period: "2022-23 Q3" }),
    ).rejects.toThrow(/already holds a return/);
  });

  it("builds the quarterly summary from the lists' CSP figures", async () => {
    for (const provider of ["Shropshire CSP", "Herefordshire CSP"]) {
      const host = createExcelHost({
        workbook: workbookPort(seedWorkbook("csp-budget", provider)).port,
        search,
        now: at,
      });
      const first = await host.checkReturn();
      // Herefordshire is 38 points ahead of its profile: a query the CSP explains in the budget line's commentary.
      for (const q of first.findings.filter((f) => f.severity === "query" && f.lineId)) {
        await host.saveCommentary([
          { lineId: q.lineId, commentary: "Projects front-loaded into the first half." },
        ]);
      }
      const c = await host.approve("");
      expect(c.ret?.status).toBe("approved");
      await host.syncReturn(() => undefined);
    }
    const { port, summaries } = workbookPort(newXlsx());
    const host = createExcelHost({ workbook: port, search, now: at });
    const built = await host.buildQuarterlySummary("2022-23 Q2");
    expect(built.charts).toBe(2);
    const csps = summaries[0].blocks.find((b) => b.table === "SummaryCspUtilisation");
    const shropshire = csps?.rows.find((r) => String(r[0]).startsWith("Shropshire"));
    expect(Number(shropshire?.[1])).toBeCloseTo(0.51, 2);
    await expect(host.buildQuarterlySummary("2019-20 Q1")).rejects.toThrow(
      /no approved figures for 2019-20 Q1/,
    );
  });

  it("in tenant mode records nothing for an officer who has not signed in: approve, override, return and sync are refused", async () => {
    const book = seedWorkbook("victim-advice-line");
    const before = JSON.stringify(book.snapshot().metadata);
    const host = createExcelHost({ workbook: workbookPort(book).port, search: "", now: at });
    expect(host.account()).toEqual({ mode: "tenant", signedInAs: null });
    const check = await host.checkReturn();
    const query = check.findings.find((f) => f.severity === "query")!;
    const signInFirst = /^Sign in first: choose Sign in at the top of the pane/;
    await expect(host.approve("")).rejects.toThrow(signInFirst);
    await expect(host.receive()).rejects.toThrow(signInFirst);
    await expect(host.overrideQuery(query, "Agreed on the phone.")).rejects.toThrow(signInFirst);
    await expect(host.withdrawOverride(query)).rejects.toThrow(signInFirst);
    await expect(host.returnToProvider(["Please explain referrals."])).rejects.toThrow(signInFirst);
    await expect(host.reopen()).rejects.toThrow(signInFirst);
    await expect(host.previewSync()).rejects.toThrow(signInFirst);
    await expect(host.syncReturn(() => undefined)).rejects.toThrow(signInFirst);
    // Nothing was stamped into the workbook either.
    expect(JSON.stringify(book.snapshot().metadata)).toBe(before);
  });

  it("refuses an emulator address that is not on this computer", () => {
    expect(() =>
      createExcelHost({
        workbook: workbookPort(newXlsx()).port,
        search: "?emulator=http://203.0.113.9:8080",
      }),
    ).toThrow(/not on this computer/);
  });
});
