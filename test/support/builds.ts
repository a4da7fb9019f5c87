/**
 * The two builds some suites inspect or run: the task pane's webpack production build (dist/) and the Node build of
 * the command line (dist/node, `tsc -p tsconfig.node.json`). Jest's `built` project makes both once, before its tests,
 * in `globalSetup` (test/support/build-once.ts) and only when a source is newer than the build; the tests themselves
 * never build: they ask for a fresh build and fail loudly, naming the changed file, when it is not.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The repository root: the nearest folder up holding this project's package.json. Found, not assumed, because the
 * bench runs this module compiled under dist/node/test/support as well as from test/support.
 */
function findRepoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (
      fs.existsSync(pkg) &&
      (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "kpi-returns"
    )
      return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`cannot find the kpi-returns package.json above ${__dirname}`);
  }
}

export const repoRoot = findRepoRoot();
export const distDir = path.join(repoRoot, "dist");

export interface Build {
  /** What `npm run` script makes it, for the error a stale build gives. */
  readonly script: string;
  /** The file whose modification time is the build's: written on every build. */
  readonly marker: string;
  /** What the build is made from: a change to any of these makes it stale. */
  readonly inputs: readonly string[];
  /** The command that makes it: node and its arguments. */
  readonly command: readonly string[];
}

const inRepo = (...paths: string[]) => paths.map((p) => path.join(repoRoot, p));

/** The task pane's production bundle, manifests and assets. */
export const webBuild: Build = {
  script: "build",
  marker: path.join(distDir, "taskpane.html"),
  inputs: inRepo("src", "assets", "manifest.xml", "webpack.config.js", "tsconfig.json"),
  command: [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production"],
};

/** The command line (and bench) compiled for Node: what `bin/kpi-returns.js` loads. */
export const nodeBuild: Build = {
  script: "build:node",
  marker: path.join(distDir, "node", "src", "cli", "main.js"),
  inputs: inRepo("src", "bench", "tsconfig.json", "tsconfig.node.json"),
  command: [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.node.json"],
};

/** The newest file under `paths` (recursively): its path and modification time, or null when there is none. */
export function newestFile(paths: readonly string[]): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  const visit = (p: string): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return; // gone (a temporary file), or never there
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

/** Why a build must be made again (it is missing, or a source is newer than it), or null when it is fresh. */
export function staleBecause(inputs: readonly string[], marker: string): string | null {
  const shown = path.relative(repoRoot, marker);
  if (!fs.existsSync(marker)) return `there is no build (${shown} is missing)`;
  const builtAt = fs.statSync(marker).mtimeMs;
  const newest = newestFile(inputs);
  if (newest && newest.mtimeMs > builtAt)
    return `${path.relative(repoRoot, newest.file)} changed after ${shown} was built`;
  return null;
}

/**
 * The build's folder when it is fresh; otherwise throws, saying why and how to make it. A test calls this instead
 * of building, so a stale build fails the test instead of being tested, or rebuilt in the middle of a suite.
 */
export function freshBuild(build: Build): string {
  const why = staleBecause(build.inputs, build.marker);
  if (why !== null)
    throw new Error(
      `Stale build: ${why}. Jest's "built" project makes it before its tests (\`npm test\`, or \`npx jest\` ` +
        `naming this file); or run \`npm run ${build.script}\`.`,
    );
  return build === nodeBuild ? path.join(distDir, "node") : distDir;
}

/** The task pane's production build (dist/), fresh, or an error saying why not. */
export const freshProductionBuild = (): string => freshBuild(webBuild);

/** Makes the build when it is stale; prints what it did and how long it took. Throws with the tool's own output. */
export function buildIfStale(build: Build, log: (line: string) => void): void {
  const why = staleBecause(build.inputs, build.marker);
  if (why === null) return;
  const started = Date.now();
  log(`${why}: running \`npm run ${build.script}\` once for the suites that need it…`);
  execFileSync(process.execPath, build.command, { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
  if (!fs.existsSync(build.marker))
    throw new Error(
      `\`npm run ${build.script}\` finished without writing ${path.relative(repoRoot, build.marker)}.`,
    );
  // The marker dates the build: touched so a tool that left an unchanged file alone still counts as having run now.
  const now = new Date();
  fs.utimesSync(build.marker, now, now);
  log(`  built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
