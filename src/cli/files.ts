/**
 * Turns what users type where a command takes files (names, folders, globs) into a sorted list of real .xlsx paths,
 * so `validate returns/`, `validate "returns/**\/*.xlsx"` and `validate a.xlsx b.xlsx` all work.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { ExitCode, CliFailure } from "./exit";

/** Excel's own lock files ("~$Return.xlsx") are never returns. */
function isReturnFileName(file: string): boolean {
  const name = path.basename(file);
  return name.toLowerCase().endsWith(".xlsx") && !name.startsWith("~$");
}

async function statOrNull(file: string): Promise<import("node:fs").Stats | null> {
  try {
    return await fs.stat(file);
  } catch {
    return null;
  }
}

export async function expandReturnFiles(patterns: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    const stat = await statOrNull(absolute);
    if (stat?.isDirectory()) {
      const inFolder = await fg("**/*.xlsx", { cwd: absolute, absolute: true, caseSensitiveMatch: false });
      const returns = inFolder.filter(isReturnFileName);
      if (returns.length === 0) {
        throw new CliFailure(`Folder "${pattern}" holds no .xlsx files.`, ExitCode.badInput, pattern);
      }
      returns.forEach((f) => found.add(path.normalize(f)));
    } else if (stat?.isFile()) {
      found.add(absolute);
    } else if (fg.isDynamicPattern(pattern)) {
      // fast-glob wants forward slashes, even on Windows.
      const matches = await fg(pattern.replace(/\\/g, "/"), {
        cwd,
        absolute: true,
        caseSensitiveMatch: false,
      });
      const returns = matches.filter(isReturnFileName);
      if (returns.length === 0) {
        throw new CliFailure(`No .xlsx files match "${pattern}".`, ExitCode.badInput, pattern);
      }
      returns.forEach((f) => found.add(path.normalize(f)));
    } else {
      throw new CliFailure(`File "${pattern}" does not exist.`, ExitCode.badInput, pattern);
    }
  }
  return [...found].sort((a, b) => a.localeCompare(b, "en-GB"));
}

/** The path as the user would recognise it: relative to where they ran the command when that is shorter. */
export function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}
