import * as fs from "fs";
import * as path from "path";
import { ruleCatalogue } from "../../src/core/rules/catalogue";

/** The rule catalogue in docs/core.md must be the one the engine runs: every id, severity and meaning. */
describe("docs/core.md", () => {
  const doc = fs.readFileSync(path.join(__dirname, "../../docs/core.md"), "utf8");
  // Spacing inside the table's cells is free (a Markdown formatter may pad them); the words are not.
  const squash = (text: string): string => text.replace(/[ \t]+/g, " ");
  const table = squash(doc.slice(doc.indexOf("<!-- rules:start -->"), doc.indexOf("<!-- rules:end -->")));

  it("lists every rule in the catalogue with its severity and meaning", () => {
    for (const r of ruleCatalogue) {
      expect(table).toContain(
        squash(`| \`${r.id}\` | ${r.severity} | ${r.description.replace(/\|/g, "\\|")} |`),
      );
    }
  });

  it("lists no rule the catalogue does not have", () => {
    const ids = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(ids.sort()).toEqual(ruleCatalogue.map((r) => r.id).sort());
  });
});
