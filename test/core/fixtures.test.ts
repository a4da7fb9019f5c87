/**
 * The sample Q2 2022/23 returns kept in test/fixtures/q2-2022-23 (one JSON Return per seed entry, as the workbook
 * layer reads them) must match what the seed builds. Regenerate with UPDATE_FIXTURES=1 npx jest test/core/fixtures.
 */
import * as fs from "fs";
import * as path from "path";
import { seedReturn, seedReturns } from "../../src/seed/q2-2022-23";
import type { Return } from "../../src/core/types";

const dir = path.join(__dirname, "../fixtures/q2-2022-23");

function fileName(entry: (typeof seedReturns)[number]): string {
  const slug = entry.provider
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${entry.templateId}--${slug}.json`;
}

describe("Q2 2022/23 fixtures", () => {
  if (process.env.UPDATE_FIXTURES === "1") {
    fs.mkdirSync(dir, { recursive: true });
    for (const entry of seedReturns) {
      fs.writeFileSync(path.join(dir, fileName(entry)), JSON.stringify(seedReturn(entry), null, 2) + "\n");
    }
  }

  it("has one fixture per seed return, and no strays", () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.sort()).toEqual(seedReturns.map(fileName).sort());
  });

  it.each(seedReturns.map((e) => [fileName(e), e] as const))("%s matches the seed", (name, entry) => {
    const stored = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as Return;
    expect(stored).toEqual(JSON.parse(JSON.stringify(seedReturn(entry))));
  });
});
