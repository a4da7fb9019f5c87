/**
 * jest.config.js splits the suite into unit, integration and built projects: every test file must run in exactly one
 * of them, or `npm test` would skip it or run it twice.
 */
import fs from "node:fs";
import path from "node:path";

interface Project {
  displayName: string;
  testRegex: string;
  testPathIgnorePatterns?: string[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../jest.config.js") as { projects: Project[] };

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f));
}

it("puts every test file in exactly one project, and the unit project holds no build, HTTP or file suite", () => {
  const files = testFiles(__dirname).filter((f) => /\.test\.tsx?$/.test(f));
  expect(files.length).toBeGreaterThan(40);
  const projectsOf = (file: string) =>
    config.projects
      .filter((p) => new RegExp(p.testRegex).test(file))
      .filter((p) => !(p.testPathIgnorePatterns ?? []).some((ignore) => new RegExp(ignore).test(file)))
      .map((p) => p.displayName);
  const wrong = files
    .map((f) => [path.relative(__dirname, f), projectsOf(f)] as const)
    .filter(([, p]) => p.length !== 1);
  expect(wrong).toEqual([]);
  expect(projectsOf(path.join(__dirname, "core", "rules.test.ts"))).toEqual(["unit"]);
  expect(projectsOf(path.join(__dirname, "workbook", "libreoffice.test.ts"))).toEqual(["integration"]);
  expect(projectsOf(path.join(__dirname, "report", "docx-libreoffice.test.ts"))).toEqual(["integration"]);
  expect(projectsOf(path.join(__dirname, "taskpane", "sync-throttled.test.tsx"))).toEqual(["integration"]);
  expect(projectsOf(path.join(__dirname, "browser", "officer-flow.test.ts"))).toEqual(["built"]);
  expect(projectsOf(path.join(__dirname, "cli", "bin.test.ts"))).toEqual(["built"]);
});
