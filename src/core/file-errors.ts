/**
 * Plain English for what the file system says when a read or write fails (EISDIR, EEXIST, EACCES…), so no face
 * shows Node's raw "EISDIR: illegal operation on a directory" text. Pure (it reads only the error's code), so it sits
 * in core beside UserError for every Node-side caller: the .xlsx readers and writers, the emulator's state file and
 * every command-line write.
 */
/** Why a file operation failed, as a phrase that fits after "Could not write "x": ". */
export function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder, not a file";
    case "EEXIST":
    case "ENOTDIR":
      // mkdir -p through a path where a file sits where a folder should be.
      return "part of the path is a file where a folder should be";
    case "ENOSPC":
      return "the disk is full";
    case "EROFS":
      return "the disk is read-only";
    case "EBUSY":
      return "the file is in use by another program (is it open in Excel?)";
    case "ENAMETOOLONG":
      return "the path is too long";
    default:
      // Never Node's own wording: it is multi-line and names system calls.
      return "the file system refused it";
  }
}
