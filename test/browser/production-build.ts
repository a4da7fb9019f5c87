/**
 * The production build (dist/) that the manifest test, the browser test and the bundle bench inspect.
 * `.ci/run` builds before testing; run locally without a build, or with sources edited since the last one, the first
 * caller runs webpack once (others wait), so no test inspects a bundle older than the code it claims to test.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(__dirname, "../..");
export const distDir = path.join(repoRoot, "dist");
const marker = path.join(distDir, "taskpane.html");

/** What the browser build is made from: a change to any of these makes dist/ stale. */
export const BUILD_INPUTS = ["src", "assets", "manifest.xml", "webpack.config.js"].map((p) =>
  path.join(repoRoot, p),
);

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The newest file under `paths` (recursively): its path and modification time, or null when there is none. */
export function newestFile(paths: readonly string[]): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  const visit = (p: string): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return; // gone (another helper's temporary file), or never there
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else if (!newest || stat.mtimeMs > newest.mtimeMs) {
      newest = { file: p, mtimeMs: stat.mtimeMs };
    }
  };
  paths.forEach(visit);
  return newest;
}

/** Why dist/ must be rebuilt (no build, or a source newer than it), or null when it is up to date. */
export function staleBecause(inputs: readonly string[] = BUILD_INPUTS, built = marker): string | null {
  if (!fs.existsSync(built)) return `dist/ has no production build (${path.basename(built)} is missing)`;
  const builtAt = fs.statSync(built).mtimeMs;
  const newest = newestFile(inputs);
  if (newest && newest.mtimeMs > builtAt)
    return `${path.relative(repoRoot, newest.file)} changed after dist/ was built`;
  return null;
}

/** Returns dist/, building it first when it is missing or stale. Throws with the build's own output on failure. */
export function ensureProductionBuild(): string {
  if (staleBecause() === null) return distDir;
  const lock = path.join(repoRoot, ".kpi-returns", "webpack-build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock); // atomic: only one test worker builds
      break;
    } catch {
      // Another worker is building: wait for it to finish, then look again (it may have built what we need).
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for another webpack build (lock ${lock}).`);
      sleep(500);
    }
  }
  try {
    const why = staleBecause();
    if (why !== null) {
      process.stderr.write(`${why}: running \`webpack --mode production\` once…\n`);
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
