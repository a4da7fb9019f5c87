/**
 * Bundle size of the add-in's production build (dist/): `bundle.initialGzipBytes` is the gzipped JavaScript the task
 * pane page loads before anything happens (its entry scripts); `bundle.totalGzipBytes` is every emitted script,
 * including the chunks loaded on demand (MSAL, the Graph client). Builds dist/ first when it is missing.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { BenchArea } from "./areas";

/** The repository root: the nearest folder up with this project's package.json (works from bench/ and dist/node/bench/). */
function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (
      fs.existsSync(pkg) &&
      (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "kpi-returns"
    )
      return dir;
    const up = path.dirname(dir);
    if (up === dir)
      throw new Error("bench/bundle: cannot find the kpi-returns package.json above " + __dirname);
    dir = up;
  }
}

function gzipBytes(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/** The local scripts an HTML page loads (office.js comes from Microsoft's CDN and is not ours). */
export function pageScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)]
    .map((m) => m[1])
    .filter((src) => !/^(https?:)?\/\//i.test(src));
}

export function measureBundle(dist: string): { initial: number; total: number; initialFiles: string[] } {
  const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
  const initialFiles = pageScripts(html);
  if (initialFiles.length === 0)
    throw new Error("dist/taskpane.html loads no local script: is the build broken?");
  const initial = initialFiles.reduce((n, f) => n + gzipBytes(path.join(dist, f)), 0);
  const total = fs
    .readdirSync(dist)
    .filter((f) => f.endsWith(".js"))
    .reduce((n, f) => n + gzipBytes(path.join(dist, f)), 0);
  return { initial, total, initialFiles };
}

export const area: BenchArea = {
  name: "bundle",
  measure: async () => {
    const root = repoRoot();
    const dist = path.join(root, "dist");
    if (!fs.existsSync(path.join(dist, "taskpane.html"))) {
      process.stderr.write("bundle: no production build in dist/, running `webpack --mode production`…\n");
      execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"], {
        cwd: root,
        stdio: ["ignore", "ignore", "inherit"],
      });
    }
    const { initial, total } = measureBundle(dist);
    return { "bundle.initialGzipBytes": initial, "bundle.totalGzipBytes": total };
  },
};
