/**
 * The command line's files: what users type where a command takes returns (names, folders, globs) as a sorted list of
 * real .xlsx paths, and every write a command makes, guarded so a failure is one plain line (exit 2), never Node's text.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import type { KpiTemplate } from "../core/types";
import { builtInEntry } from "../core/template-library";
import { builtInTemplates } from "../templates";
import { writeFileAtomic } from "../workbook/atomic-write";
import { describeFsError } from "../core/file-errors";
import { ExitCode, CliFailure } from "./exit";
import { templateToUse } from "./template-library";

/**
 * Spreadsheet files a folder or glob yields: .xlsx returns, and the kinds providers send instead (.xlsm, .xls, .xlsb,
 * .ods, .csv), which are listed too so each is named plainly ("save it as .xlsx") rather than skipped without a word.
 */
const SPREADSHEET_EXTENSIONS = ["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"] as const;
const SPREADSHEET_GLOB = `**/*.{${SPREADSHEET_EXTENSIONS.join(",")}}`;

/** Excel's own lock files ("~$Return.xlsx") are never returns. */
function isReturnFileName(file: string): boolean {
  const name = path.basename(file);
  const extension = path.extname(name).slice(1).toLowerCase();
  return (SPREADSHEET_EXTENSIONS as readonly string[]).includes(extension) && !name.startsWith("~$");
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
      const inFolder = await fg(SPREADSHEET_GLOB, {
        cwd: absolute,
        absolute: true,
        caseSensitiveMatch: false,
      });
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

/** The built-in template named by id (optionally "id@version"), or a failure listing the ids there are. */
export function templateById(id: string): KpiTemplate {
  return templateToUse({ entries: builtInTemplates.map(builtInEntry), library: "none" }, id);
}

/** A failed file-system step on `shown` (the path as the user typed it) as one plain line, exit 2. */
export function fileFailure(doing: string, shown: string, err: unknown): CliFailure {
  return new CliFailure(`Could not ${doing} "${shown}": ${describeFsError(err)}.`, ExitCode.badInput, shown);
}

/** Makes the folder a file will be written into (and any above it). */
export async function makeFolderFor(file: string, shown: string): Promise<void> {
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
  } catch (err) {
    throw fileFailure("create the folder for", shown, err);
  }
}

/**
 * Checks an output path before any work is done: it must end in one of `extensions`, must not be a folder, and an
 * existing file is only replaced with --force. Makes the folder it goes in. Returns the absolute path.
 */
export async function checkOutput(
  output: string,
  force: boolean | undefined,
  cwd: string,
  extensions: readonly string[] = [".xlsx"],
): Promise<string> {
  const absolute = path.resolve(cwd, output);
  if (!extensions.includes(path.extname(absolute).toLowerCase())) {
    const kinds = extensions.map((e) => `an ${e}`).join(" or ");
    throw new CliFailure(`The output "${output}" must be ${kinds} file.`, ExitCode.badInput, output);
  }
  const existing = await statOrNull(absolute);
  if (existing?.isDirectory()) {
    throw new CliFailure(
      `"${output}" is a folder, not a file: give a file name to write.`,
      ExitCode.badInput,
      output,
    );
  }
  if (existing && !force) {
    throw new CliFailure(`"${output}" already exists. Use --force to replace it.`, ExitCode.badInput, output);
  }
  await makeFolderFor(absolute, output);
  return absolute;
}

/** Writes a whole file atomically (see atomic-write.ts); a failure names the file and says why in plain words. */
export async function writeOutputFile(
  file: string,
  shown: string,
  contents: string | Uint8Array,
): Promise<void> {
  try {
    await writeFileAtomic(file, contents);
  } catch (err) {
    throw fileFailure("write", shown, err);
  }
}

/** Empties `dir` (or makes it) for a command that writes a folder afresh, like `demo --out`. */
export async function freshFolder(dir: string, shown: string): Promise<void> {
  try {
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true });
  } catch (err) {
    throw fileFailure("make the folder", shown, err);
  }
}
