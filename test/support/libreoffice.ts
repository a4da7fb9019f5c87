/**
 * LibreOffice Calc driven over UNO (test/support/libreoffice-edit.py): returns edited as a provider edits them in Calc
 * (a row or column inserted, figures typed) and saved as .xlsx by Calc itself. Needs soffice and python3's uno module;
 * `libreOfficeEditing()` says whether both are there, and the tests that use it warn loudly, or fail under
 * KPI_RETURNS_REQUIRE_TOOLS=1, when they are not.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const SOFFICE = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((p) => existsSync(p));
/** Debian's python3-uno puts uno on python3's path; a LibreOffice unpacked elsewhere keeps it beside soffice. */
const PYTHONPATH = ["/usr/lib/libreoffice/program", "/opt/libreoffice/program"]
  .filter((p) => existsSync(p))
  .join(":");
const PYTHON = ["/usr/bin/python3", "python3"].find((p) => p === "python3" || existsSync(p)) ?? "python3";

export type CalcEdit =
  | { op: "insertRow"; sheet: string; index: number }
  | { op: "insertColumn"; sheet: string; index: number }
  | { op: "set"; sheet: string; cell: string; value: number | string }
  | { op: "formula"; sheet: string; cell: string; formula: string };

export interface CalcJob {
  readonly in: string;
  readonly out: string;
  readonly edits: readonly CalcEdit[];
}

/** True when soffice and python3's uno module are both there. */
export function libreOfficeEditing(): boolean {
  if (!SOFFICE) return false;
  const probe = spawnSync(PYTHON, ["-c", "import uno"], { env: { ...process.env, PYTHONPATH } });
  return probe.status === 0;
}

/** Runs every job in one LibreOffice session. */
export async function editInCalc(jobs: readonly CalcJob[]): Promise<void> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "kpi-calc-"));
  const jobsFile = path.join(work, "jobs.json");
  await fs.writeFile(jobsFile, JSON.stringify(jobs));
  await promisify(execFile)(
    PYTHON,
    [path.join(__dirname, "libreoffice-edit.py"), path.join(work, "profile"), jobsFile],
    { env: { ...process.env, PYTHONPATH }, timeout: 120_000 },
  );
}

/** The loud warning, or the failing test under KPI_RETURNS_REQUIRE_TOOLS=1, when Calc cannot be driven. */
export function requireCalcEditing(what: string): boolean {
  if (libreOfficeEditing()) return true;
  const message =
    `\n!!! LibreOffice (soffice) with python3's uno module is not installed: ${what} DID NOT RUN.\n` +
    "!!! Install them with `apt-get install libreoffice-calc-nogui python3-uno`, or run .ci/run.\n";
  if (process.env.KPI_RETURNS_REQUIRE_TOOLS === "1") {
    test("LibreOffice and python3-uno are installed (KPI_RETURNS_REQUIRE_TOOLS=1)", () => {
      throw new Error(message);
    });
  } else {
    console.warn(message);
  }
  return false;
}
