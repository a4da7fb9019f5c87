/**
 * One exported name, one thing: no two files of src/ export the same name, so a reader (or an editor's import
 * completion) never has to guess which `Verdict` or `money` is meant. A name defined twice is either one logic to
 * share from its right room, or two things that deserve names saying what each is.
 */
import * as fs from "fs";
import * as path from "path";

const src = path.join(__dirname, "../../src");

/**
 * The names two files export on purpose, with the files and why. A port implemented by two adapters keeps one name
 * so the callers of either read alike.
 */
const DELIBERATE: Readonly<Record<string, { readonly files: readonly string[]; readonly why: string }>> = {
  applyPlan: {
    files: ["workbook/office-apply.ts", "workbook/xlsx-apply.ts"],
    why: "one port, a WorkbookPlan applied, implemented by two adapters: Excel through office-js and a file through ExcelJS",
  },
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? sources(full) : /\.tsx?$/.test(d.name) ? [full] : [];
  });
}

/** A declaration exported where it is written; re-exports (`export { x } from`) name the same thing, so don't count. */
const DECLARED =
  /^export (?:declare )?(?:default )?(?:async |abstract )?(?:function\*?|const|let|var|class|interface|type|enum) (\w+)/gm;

/** Each exported name with the files (relative to src/, "/"-separated) that declare it. */
function exportedNames(): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const file of sources(src)) {
    const rel = path.relative(src, file).split(path.sep).join("/");
    const names = new Set([...fs.readFileSync(file, "utf8").matchAll(DECLARED)].map((m) => m[1]));
    for (const name of names) byName.set(name, [...(byName.get(name) ?? []), rel]);
  }
  return byName;
}

describe("exported names in src/", () => {
  const names = exportedNames();

  it("are read from every source file (the scan sees what it should)", () => {
    expect(names.get("formatVariance")).toEqual(["core/format.ts"]);
    expect(names.get("OfficerVerdict")).toEqual(["taskpane/verdict.ts"]);
    expect(names.get("Verdict")).toEqual(["taskpane/components/Verdict.tsx"]);
    expect(names.size).toBeGreaterThan(500);
  });

  it("are each declared in one file, but for the deliberate exceptions", () => {
    const collisions = Object.fromEntries(
      [...names].filter(([, files]) => files.length > 1).map(([name, files]) => [name, [...files].sort()]),
    );
    const allowed = Object.fromEntries(
      Object.entries(DELIBERATE).map(([name, d]) => [name, [...d.files].sort()]),
    );
    expect(collisions).toEqual(allowed);
  });
});
