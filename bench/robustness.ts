/**
 * Robustness: the fuzz suite's generated workbooks (500, seeded as in test/workbook/fuzz.test.ts) and the named
 * hostile files (a table declared to XFD1048576, a cell at XFD1048576 on the metadata sheet, a zip bomb, a text too
 * long for a cell, a sheet of too many rows, absolute part names, a chart, files that are not workbooks) put through
 * the command line's read-and-check pipeline. Goals: 0 crashes, every case under 5,000 ms and the process under 300 MB.
 */
import fc from "fast-check";
import { PACKAGE_LIMITS } from "../src/workbook/package";
import { buildCase, checkCase, fuzzCase, fuzzSeed, unpackBase } from "../test/support/fuzz-workbooks";
import {
  absolutePartNames,
  chartAdded,
  editPackage,
  farCellOnMetadata,
  foreignFiles,
  longSharedString,
  manyRows,
  seedReturnBytes,
  tableToLastCell,
  zipBomb,
} from "../test/support/hostile";
import type { BenchArea } from "./areas";

const GENERATED = 500;

export const area: BenchArea = {
  name: "robustness",
  measure: async () => {
    const good = await seedReturnBytes();
    const hostile: Uint8Array[] = [
      await editPackage(good, tableToLastCell),
      await editPackage(good, farCellOnMetadata),
      await editPackage(good, zipBomb(PACKAGE_LIMITS.partBytes / 1024 / 1024 + 30)),
      await editPackage(good, longSharedString(PACKAGE_LIMITS.textChars + 10)),
      await editPackage(good, manyRows(PACKAGE_LIMITS.rowsPerSheet + 1)),
      await editPackage(good, absolutePartNames),
      await editPackage(good, chartAdded),
      Buffer.concat([good, Buffer.alloc(PACKAGE_LIMITS.fileBytes)]),
      ...Object.values(await foreignFiles()),
    ];
    const base = await unpackBase(good);
    const generated = fc.sample(fuzzCase, { seed: fuzzSeed(), numRuns: GENERATED });
    let cases = 0;
    let crashes = 0;
    let maxMs = 0;
    let maxRss = process.memoryUsage().rss;
    const run = async (bytes: Uint8Array): Promise<void> => {
      const outcome = await checkCase(bytes);
      cases += 1;
      if (outcome.crash !== null || outcome.unlocated.length > 0 || outcome.inputChanged) crashes += 1;
      maxMs = Math.max(maxMs, outcome.ms);
      maxRss = Math.max(maxRss, process.memoryUsage().rss);
    };
    for (const bytes of hostile) await run(bytes);
    for (const edits of generated) await run(await buildCase(base, edits));
    return {
      "robustness.cases": cases,
      "robustness.crashes": crashes,
      "robustness.maxMs": maxMs,
      "robustness.maxRssMb": Math.round(maxRss / 1024 / 1024),
    };
  },
};
