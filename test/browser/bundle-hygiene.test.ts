/**
 * What the build ships must hold no secret and run no string as code: every file under dist/ (the task pane bundle,
 * its source maps, the manifests and the Node build) is scanned, and the source maps carry no source text. Also checks that a build older than any of its
 * sources is noticed, so no test inspects a bundle older than the code it claims to test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  freshBuild,
  freshProductionBuild,
  newestFile,
  nodeBuild,
  repoRoot,
  staleBecause,
} from "../support/builds";

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => {
    return fs.statSync(path.join(dir, f)).isFile();
  });
}

/**
 * Shapes a secret takes. Names alone are not secrets: MSAL carries `client_secret` and `clientSecret` as parameter
 * names (empty in a browser build), so only a name with a value written beside it counts.
 */
const SECRET_SHAPES: readonly { what: string; pattern: RegExp }[] = [
  { what: "an Entra ID client secret", pattern: /[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/ },
  {
    what: "a client secret written as a value",
    pattern: /client_?secret["']?\s*[:=]\s*["'`][^"'`\s]{8,}["'`]/i,
  },
  { what: "a bearer token", pattern: /Bearer\s+ey[A-Za-z0-9_-]{8,}/ },
  { what: "a JSON web token", pattern: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/ },
  { what: "a private key", pattern: /-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----/ },
];

/** Runs a string as code; a template or a cell must never reach one of these. */
const EVAL = /(?<![\w$.])eval\s*\(|new\s+Function\s*\(/;
/**
 * webpack's runtime finds the global object with `new Function("return this")()` when globalThis is missing (the
 * `__webpack_require__.g` helper). It runs a fixed string, never data, so it is the one allowed.
 */
const WEBPACK_GLOBAL = /new Function\(\s*["']return this["']\s*\)/g;

interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
}

/** A map's source name (`webpack://kpi-returns/./src/core/a.ts`) as a file in this repository. */
function sourceFile(source: string): string {
  return path.join(repoRoot, source.replace(/^webpack:\/\/[^/]*\//, "").replace(/\?.*$/, ""));
}

function isOurSource(source: string): boolean {
  return !source.includes("node_modules") && !source.startsWith("webpack/") && /\bsrc\//.test(source);
}

describe("what dist/ ships", () => {
  const dist = freshProductionBuild();
  freshBuild(nodeBuild); // the Node build under dist/node is scanned too: it must be of these sources
  const files = filesUnder(dist);
  const read = (f: string) => fs.readFileSync(path.join(dist, f), "latin1");

  it("holds the task pane build and its source maps", () => {
    expect(files).toContain("taskpane.html");
    expect(files.some((f) => f.endsWith(".js.map"))).toBe(true);
  });

  it("holds no secret: no client secret, bearer token, JWT, private key or GRAPH_TOKEN value in any file", () => {
    const token = process.env.GRAPH_TOKEN?.trim();
    const found: string[] = [];
    for (const f of files) {
      const text = read(f);
      for (const { what, pattern } of SECRET_SHAPES)
        if (pattern.test(text)) found.push(`${f}: ${what} (${pattern.exec(text)?.[0].slice(0, 12)}…)`);
      if (token && token.length >= 8 && text.includes(token)) found.push(`${f}: the GRAPH_TOKEN value`);
    }
    expect(found).toEqual([]);
  });

  it("the secret shapes catch what they are meant to catch", () => {
    // Built at run time so this file itself holds no secret-shaped string for scanners to trip on.
    const jwt = ["eyJhbGciOiJSUzI1NiJ9", "eyJzdWIiOiJvZmZpY2VyIn0", "c2lnbmF0dXJl"].join(".");
    const samples = [
      `abc1Q~${"x".repeat(34)}`,
      `{clientSecret:"${"s3cr3t".repeat(3)}"}`,
      `Authorization: "Bearer ${jwt}"`,
      jwt,
      ["-----BEGIN", "PRIVATE KEY-----"].join(" "),
    ];
    samples.forEach((sample, i) => expect(SECRET_SHAPES[i].pattern.test(sample)).toBe(true));
    // MSAL's own parameter names, as minified into the build, are not secrets.
    const msal = 'Mn={clientSecret:n.EMPTY_STRING};function Ki(e,t){e.set("client_secret",t)}';
    expect(SECRET_SHAPES.some(({ pattern }) => pattern.test(msal))).toBe(false);
  });

  it("runs no string as code: no eval( or new Function( in the shipped JavaScript but webpack's global lookup", () => {
    const found: string[] = [];
    for (const f of files.filter((f) => f.endsWith(".js"))) {
      const text = read(f).replace(WEBPACK_GLOBAL, "");
      const hit = EVAL.exec(text);
      if (hit) found.push(`${f}: …${text.slice(Math.max(0, hit.index - 40), hit.index + 40)}…`);
    }
    expect(found).toEqual([]);
  });

  it("ships source maps that name files and lines but hold no source text", () => {
    const maps = files.filter((f) => f.endsWith(".js.map"));
    const withText = maps.filter((f) => {
      const map = JSON.parse(read(f)) as SourceMap;
      return (map.sourcesContent ?? []).some((c) => c !== null && c !== "");
    });
    expect(withText).toEqual([]);
    const named = maps.flatMap((f) => (JSON.parse(read(f)) as SourceMap).sources);
    expect(named.some((s) => s.includes("src/taskpane/"))).toBe(true);
  });

  it("our own sources named in the bundle's source maps use no eval or new Function at all", () => {
    const ours: string[] = [];
    const found: string[] = [];
    for (const f of files.filter((f) => f.endsWith(".js.map"))) {
      const map = JSON.parse(read(f)) as SourceMap;
      for (const source of map.sources) {
        if (!isOurSource(source)) continue;
        // The maps carry no text (see above): read each source they name from the repository.
        const file = sourceFile(source);
        ours.push(source);
        expect({ source, exists: fs.existsSync(file) }).toEqual({ source, exists: true });
        if (EVAL.test(fs.readFileSync(file, "utf8"))) found.push(`${f}: ${source}`);
      }
    }
    expect(ours.some((s) => s.includes("src/taskpane/"))).toBe(true);
    expect(found).toEqual([]);
  });

  it("the eval check catches a call and leaves names that merely contain it alone", () => {
    expect(EVAL.test("x=eval(t)")).toBe(true);
    expect(EVAL.test('f=new Function("a","return a")')).toBe(true);
    expect(EVAL.test('g=new Function("return this")()'.replace(WEBPACK_GLOBAL, ""))).toBe(false);
    expect(EVAL.test("retrieval(x); obj.eval(x); reeval(y)")).toBe(false);
  });
});

describe("a stale build is noticed", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kpi-stale-"));
    fs.mkdirSync(path.join(dir, "src", "core"), { recursive: true });
    fs.writeFileSync(path.join(dir, "src", "core", "a.ts"), "export const a = 1;\n");
    fs.writeFileSync(path.join(dir, "built.html"), "<html></html>");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const at = (file: string, seconds: number) => fs.utimesSync(file, seconds, seconds);

  it("is fresh when the build is newer than every source", () => {
    at(path.join(dir, "src", "core", "a.ts"), 1_000);
    at(path.join(dir, "built.html"), 2_000);
    expect(staleBecause([path.join(dir, "src")], path.join(dir, "built.html"))).toBeNull();
  });

  it("is stale when any source, however deep, is newer than the build, and names it", () => {
    at(path.join(dir, "src", "core", "a.ts"), 3_000);
    at(path.join(dir, "built.html"), 2_000);
    expect(staleBecause([path.join(dir, "src")], path.join(dir, "built.html"))).toMatch(
      /src\/core\/a\.ts changed after .*built\.html was built/,
    );
    expect(newestFile([path.join(dir, "src")])?.file).toBe(path.join(dir, "src", "core", "a.ts"));
  });

  it("fails a test that asks for it loudly, saying why and how to build, rather than testing the old build", () => {
    at(path.join(dir, "src", "core", "a.ts"), 3_000);
    at(path.join(dir, "built.html"), 2_000);
    const build = { ...nodeBuild, inputs: [path.join(dir, "src")], marker: path.join(dir, "built.html") };
    expect(() => freshBuild(build)).toThrow(/^Stale build: .*a\.ts changed after .*`npm run build:node`/);
    at(path.join(dir, "built.html"), 4_000);
    expect(() => freshBuild(build)).not.toThrow();
  });

  it("is stale when there is no build", () => {
    expect(staleBecause([path.join(dir, "src")], path.join(dir, "missing.html"))).toMatch(
      /there is no build \(.*missing\.html is missing\)/,
    );
  });
});
