#!/usr/bin/env node
// The kpi-returns command line: a thin launcher for the compiled CLI (built by `npm ci` via `prepare`).
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "dist", "node", "src", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("kpi-returns: the command line is not built yet. Run `npm run build:node` first.\n");
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
