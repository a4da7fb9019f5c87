/**
 * Where the command line reads and writes: stdout for results (so `--json` can be piped), stderr for progress and
 * errors. Tests pass their own `CliIo` to capture both; the real one wraps the process.
 */
export interface CliIo {
  /** Results: tables, summaries, JSON. */
  out(text: string): void;
  /** Progress lines, warnings and errors. */
  err(text: string): void;
  /** True when stderr is a terminal: progress is then a bar, otherwise plain lines. */
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  now(): Date;
  /** Resolves when the user asks a long-running command (the emulator) to stop: Ctrl+C or SIGTERM. */
  untilInterrupted(): Promise<void>;
}

/**
 * A reader that stops early (`validate FOLDER | head -1`) closes the pipe: the next write fails with EPIPE, which
 * Node raises as an unhandled 'error' event with a stack. The command finishes its work; what no one reads anymore
 * is dropped quietly, as Unix tools do.
 */
function quietWhenClosed(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  // EPIPE, or any other failure of the stream itself: nothing more can be written to it, and no stack is shown.
  stream.on("error", () => {
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

export function processIo(): CliIo {
  const out = quietWhenClosed(process.stdout);
  const err = quietWhenClosed(process.stderr);
  return {
    out,
    err,
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    untilInterrupted: () =>
      new Promise((resolve) => {
        const stop = (): void => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      }),
  };
}

/** Writes a line to stdout. */
export function say(io: CliIo, line = ""): void {
  io.out(line + "\n");
}

/** Writes a line to stderr. */
export function warn(io: CliIo, line: string): void {
  io.err(line + "\n");
}
