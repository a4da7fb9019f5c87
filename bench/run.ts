/**
 * `npm run bench`: measures the figures each capability promises (speed, Excel round trips, Graph requests, bundle size).
 * `npm run bench -- --json` prints one JSON object of named figures; without it, a readable table.
 * Each capability keeps its measurements in its own `bench/<area>.ts`, exporting `measure()`.
 */
import { benchAreas } from "./areas";

export type Figures = Record<string, unknown>;

async function run(): Promise<void> {
  const json = process.argv.includes("--json");
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const figures: Figures = {};
  for (const area of benchAreas) {
    if (only && area.name !== only) continue;
    if (!json) process.stderr.write(`measuring ${area.name}…\n`);
    Object.assign(figures, await area.measure());
  }
  if (json) {
    process.stdout.write(JSON.stringify(figures) + "\n");
    return;
  }
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [key, value] of Object.entries(figures)) {
    const shown = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
    process.stdout.write(`${key.padEnd(width)}  ${shown}\n`);
  }
}

run().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
