/**
 * The production build (dist/) that the manifest test, the browser test and the bundle bench inspect.
 * `.ci/run` builds before testing; run locally without a build, the first caller runs webpack once (others wait).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(__dirname, "../..");
export const distDir = path.join(repoRoot, "dist");

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Returns dist/, building it first when taskpane.html is absent. Throws with the build's own output on failure. */
export function ensureProductionBuild(): string {
  const marker = path.join(distDir, "taskpane.html");
  if (fs.existsSync(marker)) return distDir;
  const lock = path.join(repoRoot, ".kpi-returns", "webpack-build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock); // atomic: only one test worker builds
      break;
    } catch {
      if (fs.existsSync(marker)) return distDir;
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for another webpack build (lock ${lock}).`);
      sleep(500);
    }
  }
  try {
    if (!fs.existsSync(marker)) {
      process.stderr.write("dist/ has no production build: running `webpack --mode production` once…\n");
      execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"], {
        cwd: repoRoot,
        stdio: ["ignore", "ignore", "inherit"],
      });
    }
  } finally {
    fs.rmdirSync(lock);
  }
  if (!fs.existsSync(marker))
    throw new Error("The production build did not emit dist/taskpane.html: run `npm run build`.");
  return distDir;
}
