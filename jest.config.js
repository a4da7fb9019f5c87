/** Jest: TypeScript through ts-jest (type-checking is `npm run typecheck`'s job, so tests transpile only). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { isolatedModules: true, tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    "\\.(css|svg|png)$": "<rootDir>/test/support/asset-stub.js",
  },
  testTimeout: 30000,
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
