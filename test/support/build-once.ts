/**
 * Jest globalSetup of the "built" project (jest.config.js): makes the production bundle and the Node build once, when
 * stale, before any suite that inspects or runs them. Jest runs it only when a test of that project is selected, so
 * `npx jest test/core` never builds.
 */
import { buildIfStale, nodeBuild, webBuild } from "./builds";

export default function buildOnce(): void {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  buildIfStale(webBuild, log);
  buildIfStale(nodeBuild, log);
}
