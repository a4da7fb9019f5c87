/**
 * Jest: TypeScript through ts-jest (type-checking is `npm run typecheck`'s job, so tests transpile only), in three
 * projects. `npm test` runs them all; `npm run test:unit` only the first.
 *
 * - unit: in memory only, no network, child process, file or build: the pure core, rules, templates and seed, the
 *   report model, workbook plans and reading (through the fake Excel), the task pane's components and host.
 * - integration: everything else that needs no build: HTTP to the emulator, .xlsx files, LibreOffice, the CLI in
 *   process.
 * - built: the suites that inspect dist/ or run the built command line. The project's globalSetup makes both builds
 *   once, when stale (test/support/build-once.ts); the tests only check the build is fresh.
 */
const shared = {
  rootDir: __dirname,
  testEnvironment: "node",
  transform: {
    // ts-jest reads tsconfig.json (found from rootDir) with isolatedModules on top: each file transpiled on its own,
    // as its deprecated `isolatedModules` transform option did, without the deprecation warning (ts-jest 29.4).
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { isolatedModules: true } }],
  },
  moduleNameMapper: {
    "\\.(css|svg|png)$": "<rootDir>/test/support/asset-stub.js",
  },
  // waitFor/findBy* in component suites wait 10 s, not 1 s: a loaded machine must not fail a correct test.
  setupFilesAfterEnv: ["<rootDir>/test/support/testing-library.ts"],
};

/** Every test file: `*.test.ts` or `*.test.tsx` under test/. */
const ANY = "/test/.*\\.test\\.tsx?$";
/**
 * The unit project: these folders, but for the files in them that run LibreOffice (any name with "libreoffice" in it),
 * read or write files, or talk HTTP.
 */
const UNIT =
  "/test/(?![^/]+/[^/]*libreoffice[^/]*$" +
  "|workbook/(xlsx|formulas-believed)\\.test\\.ts$" +
  "|report/docx\\.test\\.ts$" +
  "|templates/template-workbook\\.test\\.ts$" +
  "|taskpane/(sync-throttled|template-library-host)\\.test\\.tsx?$)" +
  "(core|templates|report|commands|workbook|taskpane)/.*\\.test\\.tsx?$";
/** The suites that need a build: the browser ones, the built bin, the manifest (checked against dist/). */
const BUILT = "/test/(browser/.*|cli/bin|manifest)\\.test\\.tsx?$";

module.exports = {
  testTimeout: 30000,
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  projects: [
    { ...shared, displayName: "unit", testRegex: UNIT },
    {
      ...shared,
      displayName: "integration",
      testRegex: ANY,
      testPathIgnorePatterns: ["/node_modules/", UNIT, BUILT],
    },
    {
      ...shared,
      displayName: "built",
      testRegex: BUILT,
      globalSetup: "<rootDir>/test/support/build-once.ts",
    },
  ],
};
