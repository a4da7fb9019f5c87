/**
 * The add-in manifest: its structure (host, permission, requirement set, ribbon), that every URL it names is emitted
 * by the production build, that its icons are PNGs of the stated size, and that the declared ExcelApi version is the
 * lowest one covering the office-js features the source really uses. The emulator's copy (dist/manifest.emulator.xml)
 * differs only where it must: its id and name, and a task pane URL that selects the emulator behind the dev server.
 */
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { freshProductionBuild, repoRoot } from "./support/builds";
import { excelApiOf, excelFeatures, lowestExcelApi } from "./support/excel-requirements";
import { resolveGraphTarget } from "../src/auth/config";
import { DEFAULT_EMULATOR_PORT } from "../src/sharepoint/target";

// The build's own transform and proxy settings, so the test checks what the build does (CommonJS config file).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../webpack.config.js") as {
  emulatorManifest(xml: string): string;
  EMULATOR_PROXY_PATH: string;
  EMULATOR_DEFAULT_URL: string;
};

type Node = Record<string, unknown>;

const DEV_ORIGIN = "https://localhost:3000/";
const xml = fs.readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  isArray: (name) =>
    ["Control", "Image", "Url", "String", "Set", "Host", "Group", "AppDomain"].includes(name),
});
const app = (parser.parse(xml) as Node).OfficeApp as Node;
const parse = (text: string) => (parser.parse(text) as Node).OfficeApp as Node;

function child(node: unknown, ...names: string[]): Node {
  let at = node as Node;
  for (const name of names) {
    const next = (Array.isArray(at) ? at[0] : at)?.[name];
    if (next === undefined) throw new Error(`manifest.xml: no <${name}> under ${names.join(" > ")}`);
    at = next as Node;
  }
  return at;
}

const overrides = child(app, "VersionOverrides");
const resources = child(overrides, "Resources");
const resourceUrls = new Map<string, string>();
for (const group of ["Images", "Urls"]) {
  const kind = group === "Images" ? "Image" : "Url";
  for (const r of child(resources, group, kind) as unknown as Node[])
    resourceUrls.set(String(r["@id"]), String(r["@DefaultValue"]));
}
const strings = new Map<string, string>();
for (const group of ["ShortStrings", "LongStrings"])
  for (const s of child(resources, group, "String") as unknown as Node[])
    strings.set(String(s["@id"]), String(s["@DefaultValue"]));

/** Every URL anywhere in the manifest, found by walking the parsed tree. */
function allUrls(node: unknown, found: string[] = []): string[] {
  if (typeof node === "string" && /^https?:\/\//.test(node)) found.push(node);
  else if (node && typeof node === "object") for (const v of Object.values(node)) allUrls(v, found);
  return found;
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("manifest.xml", () => {
  it("is an Excel task pane add-in that may read and write the workbook", () => {
    expect(app["@type"]).toBe("TaskPaneApp");
    expect(child(app, "Permissions")).toBe("ReadWriteDocument");
    expect((child(app, "Hosts", "Host") as unknown as Node[]).map((h) => h["@Name"])).toEqual(["Workbook"]);
    expect(String(child(app, "Id"))).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(child(app, "DefaultLocale")).toBe("en-GB");
    expect(child(app, "DefaultSettings", "SourceLocation")["@DefaultValue"]).toBe(
      `${DEV_ORIGIN}taskpane.html`,
    );
  });

  it("declares the lowest ExcelApi version that covers every office-js feature the source uses", () => {
    const sets = child(app, "Requirements", "Sets", "Set") as unknown as Node[];
    const excel = sets.filter((s) => s["@Name"] === "ExcelApi");
    expect(excel).toHaveLength(1);

    // The office-js modules: every source file that runs Excel code.
    const officeSources: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name)) {
          const text = fs.readFileSync(full, "utf8");
          // office-js code: what runs Excel.run, or works on Excel's objects (a room split off the executor).
          if (/Excel\.run\(|Excel\.RequestContext|\bExcel\.[A-Z]\w+/.test(text)) officeSources.push(text);
        }
      }
    };
    walk(path.join(repoRoot, "src"));
    expect(officeSources.length).toBeGreaterThan(0);
    const used = excelFeatures.filter((f) => officeSources.some((text) => f.pattern.test(text)));
    // The table lists only what the code uses: a feature nothing uses is a stale entry.
    expect(excelFeatures.filter((f) => !used.includes(f)).map((f) => f.feature)).toEqual([]);
    // An optional feature must really be guarded: the file using it asks Excel for its requirement set first.
    for (const f of used.filter((u) => u.optional)) {
      for (const text of officeSources.filter((t) => f.pattern.test(t))) {
        // Directly, or through office-excel.ts's supports(version), which is isSetSupported("ExcelApi", version).
        expect(text).toMatch(/isSetSupported\(|\bsupports\("1\.\d+"\)/);
        expect(text).toContain(`"1.${excelApiOf(f)}"`);
      }
    }
    expect(excel[0]["@MinVersion"]).toBe(lowestExcelApi(used));
  });

  it("puts a group on the Home tab with the Check return function command and the Returns task pane button", () => {
    const form = child(overrides, "Hosts", "Host", "DesktopFormFactor");
    const surface = child(form, "ExtensionPoint");
    expect(surface["@type"]).toBe("PrimaryCommandSurface");
    const tab = child(surface, "OfficeTab");
    expect(tab["@id"]).toBe("TabHome");
    const groups = child(tab, "Group") as unknown as Node[];
    expect(groups).toHaveLength(1);
    const controls = child(groups, "Control") as unknown as Node[];
    const byLabel = new Map(controls.map((c) => [strings.get(String(child(c, "Label")["@resid"])), c]));
    expect([...byLabel.keys()].sort()).toEqual(["Check return", "Returns"]);

    const check = child(byLabel.get("Check return"), "Action");
    expect(check["@type"]).toBe("ExecuteFunction");
    const functionName = String(child(check, "FunctionName"));
    // The function file must register that very name, or the button does nothing.
    const commands = fs.readFileSync(path.join(repoRoot, "src/commands/commands.ts"), "utf8");
    expect(commands).toContain(`Office.actions.associate("${functionName}"`);
    expect(resourceUrls.get(String(child(form, "FunctionFile")["@resid"]))).toBe(
      `${DEV_ORIGIN}commands.html`,
    );

    const show = child(byLabel.get("Returns"), "Action");
    expect(show["@type"]).toBe("ShowTaskpane");
    expect(resourceUrls.get(String(child(show, "SourceLocation")["@resid"]))).toBe(
      `${DEV_ORIGIN}taskpane.html`,
    );

    for (const control of [...controls, ...groups]) {
      const images = child(control, "Icon", "Image") as unknown as Node[];
      expect(images.map((i) => i["@size"]).sort()).toEqual(["16", "32", "80"]);
      for (const image of images) {
        const url = resourceUrls.get(String(image["@resid"]));
        expect(url).toBeDefined();
        const file = path.join(repoRoot, new URL(url as string).pathname);
        expect(pngSize(file)).toEqual({ width: Number(image["@size"]), height: Number(image["@size"]) });
      }
    }
  });

  it("refers only to resources it defines", () => {
    const resids = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    expect(resids.length).toBeGreaterThan(10);
    for (const id of resids) expect(resourceUrls.has(id) || strings.has(id)).toBe(true);
  });

  it("names only URLs that the production build emits", () => {
    const dist = freshProductionBuild();
    const urls = [...new Set(allUrls(app))];
    const local = urls.filter((u) => u.startsWith(DEV_ORIGIN));
    // Schema namespaces aside, the only non-local URL allowed is the sign-in domain.
    const foreign = urls.filter(
      (u) => !u.startsWith(DEV_ORIGIN) && u !== "https://login.microsoftonline.com",
    );
    expect(foreign).toEqual([]);
    expect(local.length).toBeGreaterThanOrEqual(8);
    const missing = local.filter((u) => !fs.existsSync(path.join(dist, new URL(u).pathname)));
    expect(missing).toEqual([]);
    // The build ships the manifest too, for deployments that serve it from dist/.
    expect(fs.existsSync(path.join(dist, "manifest.xml"))).toBe(true);
  });
});

describe("manifest.emulator.xml", () => {
  const emulatorXml = webpackConfig.emulatorManifest(xml);
  const emulatorApp = parse(emulatorXml);
  const paneUrl = `${DEV_ORIGIN}taskpane.html?emulator=${DEV_ORIGIN}v1.0`;

  it("opens the task pane on the emulator behind the dev server's proxy, under its own id and name", () => {
    expect(String(child(emulatorApp, "Id"))).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(String(child(emulatorApp, "Id"))).not.toBe(String(child(app, "Id")));
    expect(child(emulatorApp, "DisplayName")["@DefaultValue"]).toBe("KPI Returns (emulator)");
    expect(child(emulatorApp, "DefaultSettings", "SourceLocation")["@DefaultValue"]).toBe(paneUrl);
    const urls = child(emulatorApp, "VersionOverrides", "Resources", "Urls", "Url") as unknown as Node[];
    expect(urls.find((u) => u["@id"] === "Taskpane.Url")?.["@DefaultValue"]).toBe(paneUrl);

    // The pane reads that URL as the emulator, at the path the dev server forwards to the emulator's default port.
    const { mode, target } = resolveGraphTarget(new URL(paneUrl).search);
    expect(mode).toBe("emulator");
    expect(target.baseUrl).toBe(`${DEV_ORIGIN}v1.0`);
    expect(new URL(target.baseUrl).pathname).toBe(webpackConfig.EMULATOR_PROXY_PATH);
    expect(new URL(webpackConfig.EMULATOR_DEFAULT_URL).port).toBe(String(DEFAULT_EMULATOR_PORT));
  });

  it("changes nothing else: the ribbon, permissions and requirement set stay the same", () => {
    const before = xml.split("\n");
    const after = emulatorXml.split("\n");
    expect(after).toHaveLength(before.length);
    // Each changed line, named by its element (and resource id).
    const changed = before
      .filter((line, i) => line !== after[i])
      .map((line) => {
        const m = /^<([\w:]+)(?: id="([^"]+)")?/.exec(line.trim());
        return m ? [m[1], m[2]].filter(Boolean).join(" ") : line;
      });
    expect(changed).toEqual([
      "Id",
      "DisplayName",
      "SourceLocation",
      "bt:Url Taskpane.Url",
      "bt:String Group.Label",
    ]);
  });

  it("refuses a manifest it cannot point at the emulator, rather than emit a tenant manifest under that name", () => {
    expect(() =>
      webpackConfig.emulatorManifest(xml.replace('<bt:Url id="Taskpane.Url"', '<bt:Url id="Pane.Url"')),
    ).toThrow(/nothing matches/);
  });

  it("is emitted by the production build", () => {
    const dist = freshProductionBuild();
    const emitted = path.join(dist, "manifest.emulator.xml");
    expect(fs.existsSync(emitted)).toBe(true);
    expect(fs.readFileSync(emitted, "utf8")).toBe(emulatorXml);
  });
});
