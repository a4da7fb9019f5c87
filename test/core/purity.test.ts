/** src/core imports nothing from Office, React, Graph or Node's built-ins, and executes nothing from templates. */
import * as fs from "fs";
import * as path from "path";

const root = path.join(__dirname, "../../src/core");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? files(full) : d.name.endsWith(".ts") ? [full] : [];
  });
}

describe("src/core stays pure", () => {
  const sources = files(root).map((f) => [path.relative(root, f), fs.readFileSync(f, "utf8")] as const);

  it.each(sources)("%s imports only core modules and @noble/hashes", (_name, text) => {
    const statements =
      /^(?:import|export)\b[^;]*?from\s+["']([^"']+)["'];|^import\s+["']([^"']+)["'];|\brequire\(\s*["']([^"']+)["']\s*\)/gm;
    const specifiers = [...text.matchAll(statements)].map((m) => m[1] ?? m[2] ?? m[3]);
    for (const s of specifiers)
      expect(s.startsWith(".") || s.startsWith("@noble/hashes/") ? s : `forbidden: ${s}`).toBe(s);
  });

  it.each(sources)("%s uses no eval or new Function", (_name, text) => {
    expect(text).not.toMatch(/\beval\s*\(|new\s+Function\s*\(/);
  });

  it.each(sources)("%s starts with a comment saying what it is for", (_name, text) => {
    expect(text.trimStart().startsWith("/**")).toBe(true);
  });
});
