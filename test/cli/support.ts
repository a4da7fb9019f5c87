/** A captured `CliIo` for running `main(argv, io)` in-process: what the command printed, and a Ctrl+C to send. */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CliIo } from "../../src/cli/io";

export interface TestIo extends CliIo {
  stdout(): string;
  stderr(): string;
  /** Stops a command waiting for Ctrl+C (the emulator). */
  interrupt(): void;
}

export function testIo(
  cwd: string,
  env: Record<string, string | undefined> = {},
  now = new Date("2022-11-01T09:30:00Z"),
): TestIo {
  let out = "";
  let err = "";
  let interrupted: () => void = () => undefined;
  const interruptedPromise = new Promise<void>((resolve) => (interrupted = resolve));
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTTY: false,
    env,
    cwd,
    now: () => now,
    untilInterrupted: () => interruptedPromise,
    stdout: () => out,
    stderr: () => err,
    interrupt: () => interrupted(),
  };
}

export function tempDir(prefix = "kpi-cli-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every line the command wrote to stderr, to check an error is a single plain line and never a stack. */
export function errorLines(io: TestIo): string[] {
  return io
    .stderr()
    .split("\n")
    .filter((l) => l.trim() !== "");
}

/** The fields of one file's object in `validate --json`, exactly as the contract documents them. */
const VALIDATE_FILE_FIELDS = [
  "budget",
  "figures",
  "file",
  "findings",
  "period",
  "provider",
  "status",
  "templateId",
  "templateVersion",
];

/** Checks a `validate --json` file object has exactly the documented fields: none missing, none extra. */
export function expectValidateFileFields(file: Record<string, unknown>): void {
  expect(Object.keys(file).sort()).toEqual([...VALIDATE_FILE_FIELDS].sort());
}
