/**
 * A provider's attacks on its own workbook, made as an outside provider would make them (a spreadsheet library and
 * the public hash), run through the command line against the emulator: a forged approval, an approval copied under
 * another provider's name, issued figures edited or deleted, forged overrides, an edited approval hash. Each is
 * refused, and the emulator's lists — every list on the site, the Return Register included — are exactly as they
 * were, with no write request received at all.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { figuresHash } from "../../src/core/approval";
import type { Return } from "../../src/core/types";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { findSeedReturn } from "../../src/seed/q2-2022-23";
import { seedCspReturns } from "../support/seed-totals";
import { builtInTemplates } from "../../src/templates";
import {
  cellOf,
  emptyPlan,
  planProviderInput,
  planReturnState,
  readReturn,
  tableOf,
  type WorkbookPlan,
} from "../../src/workbook";
import { openXlsx } from "../../src/workbook/xlsx";
import { registerSeedReturns, writeApprovedCspReturns, writeSeedReturn } from "./seed-files";
import { tempDir, testIo } from "./support";

let emulator: RunningEmulator;
let dir: string;
let graph: string[];
let sitePath: string;
let site = 0;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    sites: Array.from({ length: 10 }, (_, i) => `emulator.sharepoint.local:/sites/attack${i + 1}`),
  });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  dir = tempDir();
  sitePath = `emulator.sharepoint.local:/sites/attack${(site += 1)}`;
  graph = ["--site", sitePath, "--graph-url", emulator.url];
});

/** Every list on this test's site, items and all, as the emulator holds them. */
function lists(): unknown {
  const found = emulator.snapshot().sites.find((s) => s.path === sitePath);
  if (!found) throw new Error(`no site ${sitePath}`);
  return found.lists;
}

/** Runs one command, and expects it refused with nothing written anywhere: no write request, every list unchanged. */
async function refusedWithNothingWritten(argv: string[], reason: RegExp): Promise<void> {
  const before = lists();
  const writesBefore = emulator.stats().writes;
  const io = testIo(dir);
  const code = await main([...argv, ...graph], io);
  expect(code).not.toBe(ExitCode.ok);
  expect(`${io.stdout()}\n${io.stderr()}`).toMatch(reason);
  expect(emulator.stats().writes).toBe(writesBefore);
  expect(lists()).toEqual(before);
}

async function readBack(file: string): Promise<Return> {
  const { ret } = readReturn((await openXlsx(path.join(dir, file))).snapshot(), builtInTemplates);
  if (!ret) throw new Error(`${file} is not a return`);
  return ret;
}

/** What the attacker does to a file: a plan made from its snapshot and return, applied and saved in place. */
async function tamper(
  file: string,
  edit: (wb: Awaited<ReturnType<typeof openXlsx>>, ret: Return) => WorkbookPlan,
) {
  const wb = await openXlsx(path.join(dir, file));
  const { ret } = readReturn(wb.snapshot(), builtInTemplates);
  if (!ret) throw new Error(`${file} is not a return`);
  wb.apply(edit(wb, ret));
  await wb.save(path.join(dir, file));
}

/** One issued cell (a target, an award) typed over, found by its row's id and its column's header. */
function typeOver(
  wb: Awaited<ReturnType<typeof openXlsx>>,
  table: "KpiReturn" | "BudgetReturn",
  id: string,
  column: string,
  value: number,
): WorkbookPlan {
  const snapshot = wb.snapshot();
  const t = tableOf(snapshot, table)!;
  const idColumn = t.headers.indexOf(table === "KpiReturn" ? "KPI ID" : "Line ID");
  const row = t.values.findIndex((r) => String(r[idColumn]) === id);
  const at = cellOf(snapshot, { table, row, column })!;
  return { ...emptyPlan(), cells: [{ sheet: at.sheet, address: at.cell, values: [[value]] }] };
}

/** The five CSPs' returns approved through the command line and synced: the lists hold their items. */
async function approvedAndSynced(): Promise<string[]> {
  const files = await writeApprovedCspReturns(dir, graph);
  expect(await main(["sync", ...files, "--by", "A. Officer", ...graph], testIo(dir))).toBe(ExitCode.ok);
  return files;
}

describe("attacks on a return through the command line: refused, nothing written to any list", () => {
  it("a forged approval: errors typed in, status approved, the hash recomputed from the public figures", async () => {
    const val = findSeedReturn("victim-advice-line")!;
    await registerSeedReturns(graph, [val]);
    await writeSeedReturn(dir, "victim-advice-line", "val.xlsx");
    await tamper("val.xlsx", (wb, ret) => {
      const kpiId = ret.kpis[0].kpiId;
      const typed = planProviderInput(wb.snapshot(), { kpis: { [kpiId]: { actual: -50 } } });
      return typed;
    });
    const withErrors = await readBack("val.xlsx");
    const forged: Return = {
      ...withErrors,
      status: "approved",
      approval: { by: "Provider typed this", at: "2022-10-20T10:00:00Z", hash: figuresHash(withErrors) },
    };
    await tamper("val.xlsx", () => planReturnState(forged));
    expect((await readBack("val.xlsx")).approval?.hash).toBe(figuresHash(withErrors));

    await refusedWithNothingWritten(
      ["sync", "val.xlsx", "--by", "A. Officer"],
      /not approved in the Return\s+Register/,
    );
    await refusedWithNothingWritten(["approve", "val.xlsx", "--by", "A. Officer"], /cannot be approved/);
  });

  it("an approved return copied under another provider's name, its approval carried over", async () => {
    const files = await approvedAndSynced();
    const victim = seedCspReturns[1].provider;
    await fs.copyFile(path.join(dir, files[0]), path.join(dir, "spoof.xlsx"));
    await tamper("spoof.xlsx", (_wb, ret) => planReturnState({ ...ret, provider: victim }));
    expect((await readBack("spoof.xlsx")).provider).toBe(victim);

    await refusedWithNothingWritten(
      ["sync", "spoof.xlsx", "--by", "A. Officer"],
      new RegExp(`${victim}[\\s\\S]*figures are not the ones A\\.\\s+Officer\\s+approved`),
    );
  });

  it("an issued award raised in the cells, with the metadata's copy edited to match, or deleted", async () => {
    const files = await approvedAndSynced();
    const raise = (wb: Awaited<ReturnType<typeof openXlsx>>) =>
      typeOver(wb, "BudgetReturn", "csp-grant", "Awarded", 600000);
    await fs.copyFile(path.join(dir, files[0]), path.join(dir, "edited.xlsx"));
    await tamper("edited.xlsx", (wb) => raise(wb));
    const raised = JSON.stringify({ kpis: {}, budget: { "csp-grant": { awarded: 600000 } } });
    await tamper("edited.xlsx", () => ({ ...emptyPlan(), metadata: { issued: raised } }));
    expect((await readBack("edited.xlsx")).budget[0].awarded).toMatchObject({ value: 600000 });

    await fs.copyFile(path.join(dir, files[0]), path.join(dir, "deleted.xlsx"));
    await tamper("deleted.xlsx", (wb) => ({ ...raise(wb), metadata: { issued: null } }));

    for (const file of ["edited.xlsx", "deleted.xlsx"]) {
      const check = testIo(dir);
      await main(["validate", file, "--json", ...graph], check);
      const [verdict] = JSON.parse(check.stdout()) as { findings: { ruleId: string; severity: string }[] }[];
      expect(verdict.findings).toContainEqual(
        expect.objectContaining({ ruleId: "REGISTER-ISSUED-CHANGED", severity: "error" }),
      );
      await refusedWithNothingWritten(
        ["sync", file, "--by", "A. Officer"],
        /figures are not the ones A\.\s+Officer\s+approved/,
      );
      // The register says synced: approving again is refused before anything is read from the workbook's claims.
      await refusedWithNothingWritten(["approve", file, "--by", "A. Officer"], /already synced/);
    }
  });

  it("a target lowered before approval, with the metadata's copy edited to match, is not approved", async () => {
    const idva = findSeedReturn("idva")!;
    await registerSeedReturns(graph, [idva]);
    await writeSeedReturn(dir, "idva", "idva.xlsx");
    const kpiId = (await readBack("idva.xlsx")).kpis.find((k) => k.target.kind === "number")!.kpiId;
    await tamper("idva.xlsx", (wb) => {
      const issued = JSON.parse(wb.snapshot().metadata?.issued ?? "{}") as {
        kpis: Record<string, { target: number | null }>;
      };
      issued.kpis[kpiId] = { ...issued.kpis[kpiId], target: 1 };
      return {
        ...typeOver(wb, "KpiReturn", kpiId, "Target", 1),
        metadata: { issued: JSON.stringify(issued) },
      };
    });

    await refusedWithNothingWritten(
      ["approve", "idva.xlsx", "--by", "A. Officer"],
      /REGISTER-ISSUED-CHANGED/,
    );
    await refusedWithNothingWritten(
      ["sync", "idva.xlsx", "--by", "A. Officer"],
      /not approved in the Return\s+Register/,
    );
  });

  it("overrides written into the workbook do not explain its queries", async () => {
    const val = findSeedReturn("victim-advice-line")!;
    await registerSeedReturns(graph, [val]);
    await writeSeedReturn(dir, "victim-advice-line", "val.xlsx");
    const plain = testIo(dir);
    await main(["validate", "val.xlsx", "--json", ...graph], plain);
    const [verdict] = JSON.parse(plain.stdout()) as {
      findings: { ruleId: string; severity: string; kpiId?: string; lineId?: string }[];
    }[];
    const queries = verdict.findings.filter((f) => f.severity === "query");
    expect(queries.length).toBeGreaterThan(0);
    const forged = queries.map((f) => ({
      ruleId: f.ruleId,
      subject: f.kpiId ?? f.lineId ?? "",
      reason: "Explained, says the provider",
      by: "A. Officer",
      at: "2022-10-20T10:00:00Z",
    }));
    await tamper("val.xlsx", (_wb, ret) => planReturnState({ ...ret, overrides: forged }));
    expect((await readBack("val.xlsx")).overrides).toHaveLength(forged.length);

    await refusedWithNothingWritten(["approve", "val.xlsx", "--by", "A. Officer"], /unexplained quer/);
    await refusedWithNothingWritten(
      ["sync", "val.xlsx", "--by", "A. Officer"],
      /not approved in the Return\s+Register/,
    );
  });

  it("an approved return's figures changed and its approval hash edited to match them", async () => {
    const files = await approvedAndSynced();
    await fs.copyFile(path.join(dir, files[0]), path.join(dir, "rehashed.xlsx"));
    await tamper("rehashed.xlsx", (wb) =>
      planProviderInput(wb.snapshot(), { budget: { "csp-grant": { spentToDate: 1000 } } }),
    );
    const changed = await readBack("rehashed.xlsx");
    expect(changed.approval).toBeDefined();
    await tamper("rehashed.xlsx", () =>
      planReturnState({ ...changed, approval: { ...changed.approval!, hash: figuresHash(changed) } }),
    );
    expect((await readBack("rehashed.xlsx")).approval?.hash).toBe(figuresHash(changed));

    await refusedWithNothingWritten(
      ["sync", "rehashed.xlsx", "--by", "A. Officer"],
      /figures are not the ones A\.\s+Officer\s+approved/,
    );
  });
});
