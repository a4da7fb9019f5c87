/**
 * Writing a file so it is never left half-written: the bytes go to a temporary file beside it, which is flushed to
 * disk and then renamed over the original in one step. Killed mid-write, on a full disk or at a file-size limit, the
 * original stays exactly as it was (a stray temporary file may be left beside it, never a truncated return).
 * Node-side only: the .xlsx executor and every command-line write.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

/** The temporary file's name: hidden, beside the target (a rename is atomic only within one file system). */
function temporaryBeside(file: string): string {
  const unique = `${process.pid}-${randomBytes(4).toString("hex")}`;
  return path.join(path.dirname(file), `.${path.basename(file)}.${unique}.tmp`);
}

/** Replaces `file` with `contents` atomically; on any failure the file is untouched and the temporary file removed. */
export async function writeFileAtomic(file: string, contents: string | Uint8Array): Promise<void> {
  const temporary = temporaryBeside(file);
  try {
    // "wx": never follow or reuse a file someone else put at the temporary name.
    await fs.writeFile(temporary, contents, { flag: "wx" });
    await flush(temporary);
    await keepMode(file, temporary);
    await fs.rename(temporary, file);
  } catch (err) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Forces the new bytes to disk before the rename, so a power cut cannot leave the renamed file empty. */
async function flush(file: string): Promise<void> {
  const handle = await fs.open(file, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The replacement keeps the original's permissions (a read-only-for-others return stays so). */
async function keepMode(original: string, replacement: string): Promise<void> {
  const stat = await fs.stat(original).catch(() => null);
  if (stat) await fs.chmod(replacement, stat.mode & 0o777);
}
