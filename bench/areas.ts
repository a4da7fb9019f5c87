/** The bench's areas, in the order they run. Add an area by writing `bench/<area>.ts` and listing it here. */
import type { Figures } from "./run";
import { area as bundle } from "./bundle";
import { area as engine } from "./engine";
import { area as excel } from "./excel";
import { area as graph } from "./graph";
import { area as report } from "./report";
import { area as robustness } from "./robustness";
import { area as taskpane } from "./taskpane";

export interface BenchArea {
  readonly name: string;
  measure(): Promise<Figures>;
}

// Robustness runs first: its robustness.maxRssMb is the process's resident memory while the fuzz suite and the
// hostile files run, which must not carry the heaps the other areas leave behind.
export const benchAreas: BenchArea[] = [robustness, engine, excel, graph, report, bundle, taskpane];
