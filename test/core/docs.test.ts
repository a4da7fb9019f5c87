import * as fs from "fs";
import * as path from "path";
import { ruleCatalogue } from "../../src/core/rules/catalogue";
import { registerRuleCatalogue } from "../../src/core/register-checks";
import { workbookRuleCatalogue } from "../../src/workbook/read";

/** The README's rule catalogue must be the one the product runs: every id, severity and meaning, and nothing else. */
describe("the README's rule catalogue", () => {
  const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
  // Spacing inside the table's cells is free (a Markdown formatter may pad them); the words are not.
  const squash = (text: string): string => text.replace(/[ \t]+/g, " ");
  const tableBetween = (start: string, end: string): string => {
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md has no table between ${start} and ${end}`);
    return squash(readme.slice(from, to));
  };

  const catalogues = [
    {
      name: "core rules",
      rules: ruleCatalogue,
      table: tableBetween("<!-- rules:start -->", "<!-- rules:end -->"),
    },
    {
      name: "workbook checks",
      rules: workbookRuleCatalogue,
      table: tableBetween("<!-- workbook-rules:start -->", "<!-- workbook-rules:end -->"),
    },
    {
      name: "register checks",
      rules: registerRuleCatalogue,
      table: tableBetween("<!-- register-rules:start -->", "<!-- register-rules:end -->"),
    },
  ];

  describe.each(catalogues)("$name", ({ rules, table }) => {
    it("lists every rule with its severity and meaning", () => {
      for (const r of rules) {
        expect(table).toContain(
          squash(`| \`${r.id}\` | ${r.severity} | ${r.description.replace(/\|/g, "\\|")} |`),
        );
      }
    });

    it("lists no rule the catalogue does not have", () => {
      const ids = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
      expect(ids.sort()).toEqual(rules.map((r) => r.id).sort());
    });
  });
});
