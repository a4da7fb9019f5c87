/**
 * A figure changed in an approved, synced workbook voids its approval: `validate --site` reports APPROVAL-VOID and the
 * status "validated", `sync` refuses it (the register names the figures approved); once sent back, the correction is
 * approved and `sync` writes it over the old figures.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { KPI_COLUMNS } from "../../src/core/columns";
import { approvalStillValid } from "../../src/core/approval";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { readReturn } from "../../src/workbook";
import { openXlsx } from "../../src/workbook/xlsx";
import { builtInTemplates } from "../../src/templates";
import { testIo } from "./support";
import { findSeedReturn } from "../../src/seed/q2-2022-23";
import { registerSeedReturns, seedReturnsFolder } from "./seed-files";

const SITE = "emulator.sharepoint.local:/sites/commissioning";

interface ValidateJson {
  status: string;
  findings: {
    ruleId: string;
    severity: string;
    message: string;
    sheet: string | null;
    cell: string | null;
  }[];
  figures: { kpiId: string; actual: number | null }[];
}

async function readBack(file: string) {
  const { ret } = readReturn((await openXlsx(file)).snapshot(), builtInTemplates);
  if (!ret) throw new Error(`${file} is not a return`);
  return ret;
}

/** Types a new Actual for one KPI straight into the .xlsx, as someone editing the file in Excel would. */
async function typeActual(file: string, kpiId: string, value: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  let typed = false;
  wb.eachSheet((ws) => {
    ws.eachRow((header, headerRow) => {
      const cells = header.values as unknown[];
      const idCol = cells.indexOf(KPI_COLUMNS.id);
      const actualCol = cells.indexOf(KPI_COLUMNS.actual);
      if (typed || idCol < 0 || actualCol < 0) return;
      for (let r = headerRow + 1; r <= ws.rowCount; r++) {
        if (ws.getRow(r).getCell(idCol).value === kpiId) {
          ws.getRow(r).getCell(actualCol).value = value;
          typed = true;
        }
      }
    });
  });
  if (!typed) throw new Error(`no Actual cell for ${kpiId} in ${file}`);
  await wb.xlsx.writeFile(file);
}

async function validateJson(dir: string, graph: readonly string[]): Promise<ValidateJson> {
  const io = testIo(dir);
  await main(["validate", "idva.xlsx", "--json", ...graph], io);
  const [verdict] = JSON.parse(io.stdout()) as ValidateJson[];
  return verdict;
}

describe("a figure changed after approval, through the command line", () => {
  let emulator: RunningEmulator;
  let dir: string;
  let graph: string[];
  let file: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    graph = ["--site", SITE, "--graph-url", emulator.url];
    dir = await seedReturnsFolder(["idva", "idva.xlsx"]);
    file = path.join(dir, "idva.xlsx");
    await registerSeedReturns(graph, [findSeedReturn("idva")!]);
    expect(await main(["approve", "idva.xlsx", "--by", "Dana Officer", ...graph], testIo(dir))).toBe(0);
    expect(await main(["sync", "idva.xlsx", "--by", "Finance Bot", ...graph], testIo(dir))).toBe(0);
  });
  afterAll(async () => emulator.stop());

  it("before any change: synced, and no APPROVAL-VOID", async () => {
    const v = await validateJson(dir, graph);
    expect(v.status).toBe("synced");
    expect(v.findings.map((f) => f.ruleId)).not.toContain("APPROVAL-VOID");
  });

  it("after a changed Actual: validate shows APPROVAL-VOID and the status validated, sync refuses", async () => {
    await typeActual(file, "referrals", 500);
    const v = await validateJson(dir, graph);
    expect(v.figures.find((k) => k.kpiId === "referrals")?.actual).toBe(500);
    expect(v.status).toBe("validated");
    const found = v.findings.filter((f) => f.ruleId === "APPROVAL-VOID");
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe("info");
    expect(found[0].message).toMatch(
      /^This return was approved by Dana Officer on \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d, but its figures have changed since, so that approval no longer stands/,
    );
    const human = testIo(dir);
    await main(["validate", "idva.xlsx", ...graph], human);
    expect(human.stdout()).toMatch(/2022-23 Q2, validated\n/);
    expect(human.stdout()).toContain("APPROVAL-VOID");

    emulator.resetStats();
    const sync = testIo(dir);
    const syncArgs = ["sync", "idva.xlsx", "--json", "--by", "Finance Bot", ...graph];
    expect(await main(syncArgs, sync)).toBe(ExitCode.failed);
    const result = JSON.parse(sync.stdout()) as { returns: { refused?: string | null }[] };
    expect(result.returns[0].refused).toMatch(/figures are not the ones Dana Officer approved/);
    expect(emulator.stats().writes).toBe(0);
    expect((await readBack(file)).status).toBe("synced");
  });

  it("approving afresh needs the return sent back first; then the correction is approved and synced over it", async () => {
    const refused = testIo(dir);
    expect(await main(["approve", "idva.xlsx", "--by", "Sam Officer", ...graph], refused)).toBe(
      ExitCode.failed,
    );
    expect(refused.stderr()).toMatch(/already synced .*send it back to the provider first/);
    const r = testIo(dir);
    expect(
      await main(["return", "idva.xlsx", "--by", "Sam Officer", "--reason", "Confirm 500", ...graph], r),
    ).toBe(0);
    let ret = await readBack(file);
    expect(ret.status).toBe("returned");
    expect(ret.approval).toBeUndefined();
    expect(ret.returnedReasons).toEqual(["Confirm 500"]);

    const a = testIo(dir);
    expect(
      await main(["approve", "idva.xlsx", "--by", "Sam Officer", "--comment", "Corrected", ...graph], a),
    ).toBe(0);
    ret = await readBack(file);
    expect(ret.status).toBe("approved");
    expect(ret.approval).toMatchObject({ by: "Sam Officer" });
    expect(approvalStillValid(ret)).toBe(true);
    const v = await validateJson(dir, graph);
    expect(v.status).toBe("approved");
    expect(v.findings.map((f) => f.ruleId)).not.toContain("APPROVAL-VOID");

    emulator.resetStats();
    expect(await main(["sync", "idva.xlsx", "--by", "Finance Bot", ...graph], testIo(dir))).toBe(0);
    expect(emulator.stats().itemsUpdated).toBeGreaterThan(0);
    expect((await readBack(file)).status).toBe("synced");
  });
});
