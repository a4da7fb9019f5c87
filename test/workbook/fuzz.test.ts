/**
 * The fuzz suite: at least 500 generated workbooks per run (test/support/fuzz-workbooks.ts), seeded and replayable
 * (KPI_FUZZ_SEED=<seed> replays a run; fast-check prints the seed and the shrunk case of a failure), each put through
 * the command line's read-and-check pipeline. It proves: no crash, no stack or runtime words in what a user sees, no
 * case over 5 s, the input never changed by reading it, and every finding located. A smaller run does the same for
 * `approve` on disk: a failed command leaves the file byte for byte as it was.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import {
  buildCase,
  checkCase,
  fuzzCase,
  fuzzSeed,
  unpackBase,
  type BasePackage,
} from "../support/fuzz-workbooks";
import { seedReturnBytes } from "../support/hostile";
import { tempDir, testIo } from "../cli/support";

const RUNS = 500;
let base: BasePackage;
beforeAll(async () => {
  base = await unpackBase(await seedReturnBytes());
});

test(`${RUNS} generated workbooks: no crash, no stack, none over 5 s, input unchanged, every finding located`, async () => {
  await fc.assert(
    fc.asyncProperty(fuzzCase, async (edits) => {
      const outcome = await checkCase(await buildCase(base, edits));
      expect(outcome.crash).toBeNull();
      expect(outcome.unlocated).toEqual([]);
      expect(outcome.ms).toBeLessThan(5000);
      expect(outcome.inputChanged).toBe(false);
    }),
    { seed: fuzzSeed(), numRuns: RUNS, endOnFailure: true },
  );
}, 240_000);

test("approve on generated workbooks: a failed command leaves the file as it was, in one plain line", async () => {
  const dir = tempDir("kpi-fuzz-");
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fuzzCase, async (edits) => {
      const name = `case-${n++}.xlsx`;
      const file = path.join(dir, name);
      const bytes = await buildCase(base, edits);
      await fs.writeFile(file, bytes);
      const io = testIo(dir);
      const code = await main(["approve", name, "--by", "A. Officer"], io);
      expect(code).not.toBe(ExitCode.unexpected);
      expect(io.stderr()).not.toMatch(/\n\s+at |TypeError|Cannot read prop/);
      if (code !== ExitCode.ok) expect(Buffer.compare(await fs.readFile(file), Buffer.from(bytes))).toBe(0);
      expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    }),
    { seed: fuzzSeed(), numRuns: 25, endOnFailure: true },
  );
}, 120_000);
