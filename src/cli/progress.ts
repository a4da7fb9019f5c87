/**
 * Progress on long runs: a bar when a person is watching a terminal, plain lines when the output goes to a log or CI,
 * always on stderr so `--json` output on stdout stays clean.
 */
import { SingleBar, Presets } from "cli-progress";
import type { CliIo } from "./io";

export interface Progress {
  /** One more item done; `label` names it (a file, a list item). */
  tick(label: string): void;
  /** Set the count directly (for work that reports "done of total" itself, such as a sync). */
  update(done: number, label?: string): void;
  stop(): void;
}

const silent: Progress = { tick: () => undefined, update: () => undefined, stop: () => undefined };

/** Runs shorter than this finish before a bar would help; they show nothing. */
export const PROGRESS_THRESHOLD = 4;

export function startProgress(io: CliIo, title: string, total: number): Progress {
  if (total < PROGRESS_THRESHOLD) return silent;
  let done = 0;
  if (io.isTTY) {
    const bar = new SingleBar(
      { format: `${title} [{bar}] {value}/{total} {label}`, hideCursor: true, clearOnComplete: true },
      Presets.shades_classic,
    );
    bar.start(total, 0, { label: "" });
    return {
      tick: (label) => bar.update(++done, { label }),
      update: (value, label = "") => bar.update((done = value), { label }),
      stop: () => bar.stop(),
    };
  }
  // Plain lines: one per step would flood a log on a big run, so report about every tenth.
  const every = Math.max(1, Math.ceil(total / 10));
  const report = (label: string): void => {
    if (done === total || done % every === 0)
      io.err(`${title}: ${done}/${total}${label ? ` ${label}` : ""}\n`);
  };
  return {
    tick: (label) => {
      done += 1;
      report(label);
    },
    update: (value, label = "") => {
      if (value === done) return;
      done = value;
      report(label);
    },
    stop: () => undefined,
  };
}
