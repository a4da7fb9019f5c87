/** Return workbooks for CLI tests, written from the seed's Q2 2022/23 figures exactly as the demo writes them. */
import path from "node:path";
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import { findSeedReturn, seedInput, seedSetup, type SeedReturn } from "../../src/seed/q2-2022-23";
import { seedCspReturns } from "../support/seed-totals";
import { createRegisterEntries, provisionLists } from "../../src/sharepoint";
import { emulatorGraph } from "../support/emulator-graph";
import { seedEntry } from "../support/register";
import { main } from "../../src/cli/main";
import { planNewReturn, planProviderInput } from "../../src/workbook";
import { newXlsx } from "../../src/workbook/xlsx";
import { tempDir, testIo } from "./support";

export async function writeSeedReturn(
  dir: string,
  templateId: string,
  name: string,
  provider?: string,
): Promise<string> {
  const entry = findSeedReturn(templateId, provider);
  if (!entry) throw new Error(`no seed return for ${templateId}`);
  const workbook = newXlsx();
  workbook.apply(planNewReturn(seedSetup(entry)));
  workbook.apply(planProviderInput(workbook.snapshot(), seedInput(entry)));
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await workbook.save(file);
  return file;
}

/** A fresh folder holding the named seed returns, each given as [template id, file name, provider when several]. */
export async function seedReturnsFolder(
  ...returns: readonly (readonly [templateId: string, name: string, provider?: string])[]
): Promise<string> {
  const dir = tempDir();
  for (const [templateId, name, provider] of returns) await writeSeedReturn(dir, templateId, name, provider);
  return dir;
}

/** A perfectly good spreadsheet that is not a KPI return. */
export async function writeNotAReturn(dir: string, name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Budget 2022").addRow(["Line", "Amount"]).commit();
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  return file;
}

/** Bytes that claim to be .xlsx and are not. */
export async function writeCorrupt(dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, "PK\u0003\u0004 this is not really a zip file");
  return file;
}

/**
 * The five CSPs' seed returns under returns/, approved by the command line as an officer would: their spend is ahead
 * of profile (a query each), which the officer accepts with a reason before approving.
 */
export async function writeApprovedCspReturns(dir: string, graph: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  await registerSeedReturns(graph, seedCspReturns);
  for (const entry of seedCspReturns) {
    const file = `returns/${entry.provider.replace(/\W+/g, "-")}.xlsx`;
    await writeSeedReturn(dir, "csp-budget", file, entry.provider);
    const override = ["override", file, "--rule", "BUDGET-PROFILE-Q", "--subject", "csp-grant"];
    await main(
      [...override, "--reason", "Projects front-loaded", "--by", "A. Officer", ...graph],
      testIo(dir),
    );
    if ((await main(["approve", file, "--by", "A. Officer", ...graph], testIo(dir))) !== 0)
      throw new Error(`${file} did not approve`);
    files.push(file);
  }
  return files;
}

/**
 * The lists provisioned on the site `graph` names (["--site", SITE, "--graph-url", URL]) and these seed returns
 * registered in its Return Register as issued, as `issue` would have done.
 */
export async function registerSeedReturns(
  graph: readonly string[],
  entries: readonly SeedReturn[],
): Promise<void> {
  const { client, target } = emulatorGraph(graph);
  await provisionLists(client, target);
  await createRegisterEntries(
    client,
    target,
    entries.map((e) => seedEntry(e)),
  );
}
