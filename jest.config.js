/** Jest: TypeScript through ts-jest (type-checking is `npm run typecheck`'s job, so tests transpile only). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    // ts-jest reads tsconfig.json (found from rootDir) with isolatedModules on top: each file transpiled on its own,
    // as its deprecated `isolatedModules` transform option did, without the deprecation warning (ts-jest 29.4).
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { isolatedModules: true } }],
  },
  moduleNameMapper: {
    "\\.(css|svg|png)$": "<rootDir>/test/support/asset-stub.js",
  },
  testTimeout: 30000,
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
