/** Return workbooks for CLI tests, written from the seed's Q2 2022/23 figures exactly as the demo writes them. */
import path from "node:path";
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import { findSeedReturn, seedInput, seedSetup } from "../../src/seed/q2-2022-23";
import { planNewReturn, planProviderInput } from "../../src/workbook";
import { newXlsx } from "../../src/workbook/xlsx";
import { tempDir } from "./support";

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
