/**
 * The catalogues and the README's rule tables follow from the rule files: each `catalogue.ts` is what `npm run rules`
 * writes from the files beside it, and each README table is the catalogue the product runs (every id, severity and
 * meaning, and nothing else). Either stale fails here, naming the fix.
 */
import * as fs from "fs";
import * as path from "path";
import { ruleCatalogue } from "../../src/core/rules/catalogue";
import { registerRuleCatalogue } from "../../src/core/register-rules/catalogue";
import { workbookRuleCatalogue } from "../../src/workbook";
import { catalogueSource, CORE, REGISTER, ruleFiles, withTable, WORKBOOK } from "../../scripts/rules";

const root = path.join(__dirname, "../..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

describe.each([CORE, REGISTER, WORKBOOK])("$dir/catalogue.ts", (folder) => {
  it("lists every rule file beside it, as `npm run rules` writes it", () => {
    const written = fs.readFileSync(path.join(root, folder.dir, "catalogue.ts"), "utf8");
    const files = ruleFiles(root, folder);
    expect(files.length).toBeGreaterThan(5);
    expect(written === catalogueSource(folder, files) ? "in step" : "stale: run npm run rules").toBe(
      "in step",
    );
  });
});

describe("the README's rule tables", () => {
  it.each([
    ["rules", ruleCatalogue],
    ["workbook-rules", workbookRuleCatalogue],
    ["register-rules", registerRuleCatalogue],
  ] as const)("%s is the catalogue the product runs", (marker, catalogue) => {
    const table = (text: string): string =>
      text.slice(text.indexOf(`<!-- ${marker}:start -->`), text.indexOf(`<!-- ${marker}:end -->`));
    expect(table(readme)).toContain(`| \`${catalogue[0].id}\` |`);
    expect(table(withTable(readme, marker, catalogue))).toBe(table(readme));
  });
});
