/**
 * The add-in manifest validated offline against Microsoft's manifest schemas (vendored in
 * test/support/manifest-schemas with their licences and sources), with xmllint compiled to WebAssembly, so no test
 * needs the internet; `npm run validate` keeps Microsoft's online check for those who have it. The emulator's copy,
 * which the build derives from it, is held to the same schemas. Beside it, the fake Excel's requirement sets: the
 * table generated from @types/office-js is current, and the set the fake holds code to is the manifest's.
 */
import fs from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";
import { EXCEL_API_SETS } from "./support/excel-api-sets";
import { FakeWorkbook } from "./support/fake-excel";

// The generator is CommonJS so it runs with plain node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require("../scripts/excel-api-sets.js") as {
  apiSetsFromTypes(text: string): Record<string, number>;
  typesText(): string;
};

// The build's own transform (CommonJS config file), so the emulator manifest checked is the one the build writes.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../webpack.config.js") as { emulatorManifest(xml: string): string };

const root = path.join(__dirname, "..");
const schemaDir = path.join(__dirname, "support", "manifest-schemas");
const MAIN = "OfficeAppManifestV1_1.xsd";

/**
 * The schemas as xmllint can compile them: Microsoft's version pattern ends in a lazy quantifier ("{0,3}?") that XML
 * Schema regular expressions lack and libxml2 refuses; without the "?" it matches the same whole values (README).
 */
function schemaFiles(): { fileName: string; contents: string }[] {
  return fs
    .readdirSync(schemaDir)
    .filter((f) => f.endsWith(".xsd"))
    .map((fileName) => ({
      fileName,
      contents: fs.readFileSync(path.join(schemaDir, fileName), "utf8").replace(/\{0,3\}\?/g, "{0,3}"),
    }));
}

async function validate(xml: string, fileName = "manifest.xml") {
  const files = schemaFiles();
  const main = files.find((f) => f.fileName === MAIN);
  if (!main) throw new Error(`test setup: no ${MAIN} in ${schemaDir}`);
  return validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [main],
    preload: files.filter((f) => f !== main),
  });
}

const manifest = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");

describe("manifest.xml against the add-in manifest schemas", () => {
  test("is valid", async () => {
    const result = await validate(manifest);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test("the emulator's manifest, as the build writes it, is valid too", async () => {
    const result = await validate(webpackConfig.emulatorManifest(manifest), "manifest.emulator.xml");
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test("a manifest the schemas forbid is refused, naming the problem", async () => {
    const broken = manifest
      .replace(/<Permissions>[^<]*<\/Permissions>/, "<Permissions>EverythingPlease</Permissions>")
      .replace(/<Id>[^<]*<\/Id>/, "<Id>not-a-guid</Id>");
    const result = await validate(broken);
    expect(result.valid).toBe(false);
    const messages = result.errors.map((e) => e.message).join("\n");
    expect(messages).toMatch(/Permissions/);
    expect(messages).toMatch(/Id/);
  });
});

describe("the fake Excel's requirement sets", () => {
  test("the table of sets is generated from @types/office-js and is up to date", () => {
    const fresh = generator.apiSetsFromTypes(generator.typesText());
    expect(EXCEL_API_SETS).toEqual(fresh);
    // Spot checks against the reference pages: notes 1.18, table events 1.7, setting a sheet's visibility 1.2.
    expect(fresh["Workbook.notes"]).toBe(18);
    expect(fresh["Table.onChanged"]).toBe(7);
    expect(fresh["Worksheet.visibility="]).toBe(2);
    expect(fresh["Worksheet.visibility"]).toBeUndefined();
  });

  test("the fake's declared set is the manifest's", () => {
    const declared = /<Set Name="ExcelApi" MinVersion="1\.(\d+)"\s*\/>/.exec(manifest);
    expect(Number(declared?.[1])).toBe(new FakeWorkbook().declaredApiVersion);
  });
});
