import { promises as fs } from "node:fs";
import path from "node:path";
import { readSetupFiles } from "../../src/cli/setup-files";
import { findTemplate } from "../../src/templates";
import { tempDir } from "./support";

const idva = findTemplate("idva")!;
const csp = findTemplate("csp-budget")!;

async function write(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return file;
}

describe("readSetupFiles", () => {
  const dir = tempDir();

  it("reads targets from JSON: KPI ids give targets, budget line ids give awards", async () => {
    const kpi = idva.kpis[0].id;
    const targets = await write(dir, "t.json", JSON.stringify({ [kpi]: 450 }));
    expect((await readSetupFiles(idva, { targets })).targets).toEqual({ [kpi]: 450 });
    const line = csp.budgetLines[0].id;
    const awards = await write(dir, "a.json", JSON.stringify({ [line]: "£98,441" }));
    expect((await readSetupFiles(csp, { targets: awards })).awarded).toEqual({ [line]: 98441 });
  });

  it("reads history from CSV with blank cells left out", async () => {
    const [a, b] = idva.kpis;
    const line = csp.budgetLines[0].id;
    const history = await write(
      dir,
      "h.csv",
      `id,previous,lastYear,previousSpent\n${a.id},"4,441",465,\n${b.id},,0.95,\n`,
    );
    const figures = await readSetupFiles(idva, { history });
    expect(figures.previous).toEqual({ [a.id]: 4441 });
    expect(figures.lastYear).toEqual({ [a.id]: 465, [b.id]: 0.95 });
    const spent = await write(dir, "s.csv", `id,previousSpent\n${line},"£50,200"\n`);
    expect((await readSetupFiles(csp, { history: spent })).previousSpent).toEqual({ [line]: 50200 });
  });

  it("names the file and the id that is not in the template", async () => {
    const targets = await write(dir, "bad-id.csv", "id,target\nrefferals,450\n");
    await expect(readSetupFiles(idva, { targets })).rejects.toThrow(
      /bad-id\.csv: "refferals" is not a KPI or budget line of template "idva"/,
    );
  });

  it("names the file, id and field holding text that is not a number", async () => {
    const targets = await write(dir, "bad-value.json", JSON.stringify({ [idva.kpis[0].id]: "lots" }));
    await expect(readSetupFiles(idva, { targets })).rejects.toThrow(
      `bad-value.json: target for "${idva.kpis[0].id}" is "lots", which is not a number.`,
    );
  });

  it("refuses a CSV with the wrong header row, and a file of another type", async () => {
    const targets = await write(dir, "bad-header.csv", "kpi,value\nx,1\n");
    await expect(readSetupFiles(idva, { targets })).rejects.toThrow(/header row must be "id,target"/);
    const other = await write(dir, "t.txt", "");
    await expect(readSetupFiles(idva, { targets: other })).rejects.toThrow(/must be \.json or \.csv/);
  });

  it("says when the file is missing or not JSON", async () => {
    await expect(readSetupFiles(idva, { targets: path.join(dir, "none.json") })).rejects.toThrow(
      /The targets file ".*none\.json" does not exist/,
    );
    const broken = await write(dir, "broken.json", "{ not json");
    await expect(readSetupFiles(idva, { history: broken })).rejects.toThrow(
      /^".*broken\.json" is not valid JSON: check its commas, quotes and braces \(it should look like \{"id": 450\}\), or use CSV\.$/,
    );
  });
});
