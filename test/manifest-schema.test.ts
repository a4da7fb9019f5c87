/**
 * The add-in manifest validated offline against Microsoft's manifest schemas (vendored in
 * test/support/manifest-schemas with their licences and sources), with xmllint compiled to WebAssembly, so no test
 * needs the internet; `npm run validate` keeps Microsoft's online check for those who have it. The emulator's copy,
 * which the build derives from it, is held to the same schemas.
 */
import fs from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

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
