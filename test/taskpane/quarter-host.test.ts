/**
 * The task pane host's quarter comes from the Return Register (over HTTP, from the emulator) and is row for row what
 * `kpi-returns status --json` prints for the same period: both build their rows with core's quarterRows.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { statusJson } from "../../src/cli/commands/register";
import { main } from "../../src/cli/main";
import { startEmulator, type RunningEmulator } from "../../src/emulator";
import { EMULATOR_SITE } from "../../src/sharepoint/target";
import { createExcelHost } from "../../src/taskpane/excel-host";
import { officeWorkbook } from "../../src/taskpane/office-workbook";
import { testIo, tempDir } from "../cli/support";

const PERIOD = "2022-23 Q2";
const TODAY = new Date("2022-10-20T09:00:00Z");
let emulator: RunningEmulator;
let graph: string[];
const dir = tempDir("kpi-pane-quarter-");

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  graph = ["--site", EMULATOR_SITE, "--graph-url", emulator.url];
  await fs.writeFile(
    path.join(dir, "plan.csv"),
    [
      "provider,email,template",
      "Victim Advice Line,val@example.org,victim-advice-line",
      "West Mercia Women's Aid,wmwa@example.org,idva",
    ].join("\n"),
  );
  expect(await main(["provision", ...graph], testIo(dir))).toBe(0);
  const issue = ["issue", "--plan", "plan.csv", "--period", PERIOD, "--due", "2022-10-14", "-o", "issued"];
  expect(await main([...issue, "--by", "A. Officer", ...graph], testIo(dir))).toBe(0);
});
afterAll(async () => emulator.stop());

describe("the task pane host's quarter", () => {
  it("reads the register's returns for a period, the same rows as kpi-returns status", async () => {
    const host = createExcelHost({
      workbook: officeWorkbook,
      search: `?emulator=${encodeURIComponent(emulator.url)}`,
      now: () => TODAY,
    });
    // Written loosely, read as the register writes it.
    const quarter = await host.quarterReturns!(" 2022-23 q2 ");
    expect(quarter.period).toBe(PERIOD);

    const io = testIo(dir, {}, TODAY);
    expect(await main(["status", "--period", PERIOD, "--json", ...graph], io)).toBe(0);
    const cli = JSON.parse(io.stdout()) as Record<string, unknown>[];
    expect(cli).toHaveLength(2);
    // The pane's rows, put as status --json puts them, are the command's rows.
    expect(statusJson(quarter.rows)).toEqual(cli);
    expect(quarter.rows[0]).toMatchObject({ service: "Victim Advice Line (VAL)", daysOverdue: 6 });
  });

  it("names a period that is not one in plain words", async () => {
    const host = createExcelHost({
      workbook: officeWorkbook,
      search: `?emulator=${encodeURIComponent(emulator.url)}`,
    });
    await expect(host.quarterReturns!("next quarter")).rejects.toThrow(
      'Period "next quarter" is not in the form "2022-23 Q2"',
    );
  });
});
