/**
 * Reads the files `kpi-returns new` takes to pre-fill a return: targets (--targets) and prior figures (--history),
 * each as JSON or CSV (chosen by the file's extension). Formats in docs/cli.md:
 *   targets  JSON {"<id>": 465, …}                     CSV  id,target
 *   history  JSON {"<id>": {"previous": 4441, "lastYear": 465, "previousSpent": 50200}, …}
 *            CSV  id,previous,lastYear,previousSpent  (blank cells allowed)
 * A KPI id's target is its target; a budget line id's target is its amount awarded.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { parseCell, numberOf } from "../core/values";
import type { KpiTemplate } from "../core/types";
import { ExitCode, CliFailure } from "./exit";

export interface SetupFigures {
  targets: Record<string, number>;
  awarded: Record<string, number>;
  previous: Record<string, number>;
  lastYear: Record<string, number>;
  previousSpent: Record<string, number>;
}

type RawRows = { id: string; fields: Record<string, unknown> }[];

/** "file: what is wrong in it", for a fault inside the file. */
function bad(file: string, message: string): CliFailure {
  return new CliFailure(`${file}: ${message}`, ExitCode.badInput, file);
}

/** '"file" is not …', for a file that is wrong as a whole: the file is the sentence's subject, so no colon. */
function badFile(file: string, predicate: string): CliFailure {
  return new CliFailure(`"${file}" ${predicate}`, ExitCode.badInput, file);
}

async function readRows(file: string, kind: "targets" | "history"): Promise<RawRows> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    throw new CliFailure(
      `The ${kind} file "${file}" does not exist or cannot be read.`,
      ExitCode.badInput,
      file,
    );
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === ".json") return jsonRows(file, text, kind);
  if (ext === ".csv") return csvRows(file, text, kind);
  throw bad(file, `a ${kind} file must be .json or .csv.`);
}

function jsonRows(file: string, text: string, kind: "targets" | "history"): RawRows {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    // Not V8's message: it quotes the file's start and a character position, which helps nobody find the slip.
    throw badFile(
      file,
      `is not valid JSON: check its commas, quotes and braces (it should look like {"id": 450}), or use CSV.`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw badFile(file, `must hold one JSON object keyed by KPI or budget line id.`);
  }
  return Object.entries(parsed as Record<string, unknown>).map(([id, value]) => {
    if (kind === "targets") return { id, fields: { target: value } };
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw bad(file, `"${id}" must be an object such as {"previous": 4441, "lastYear": 465}.`);
    }
    return { id, fields: value as Record<string, unknown> };
  });
}

const CSV_HEADERS = {
  targets: ["id", "target"],
  history: ["id", "previous", "lastYear", "previousSpent"],
} as const;

function csvRows(file: string, text: string, kind: "targets" | "history"): RawRows {
  let records: Record<string, string>[];
  try {
    records = parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    throw badFile(
      file,
      `is not readable CSV (${err instanceof Error ? err.message.split("\n")[0] : "parse error"}).`,
    );
  }
  const allowed: readonly string[] = CSV_HEADERS[kind];
  const headers = records.length > 0 ? Object.keys(records[0]) : [];
  const unknown = headers.filter((h) => !allowed.includes(h));
  if (!headers.includes("id") || unknown.length > 0) {
    throw bad(
      file,
      `the header row must be "${allowed.join(",")}"${unknown.length ? ` (not "${unknown.join('", "')}")` : ""}.`,
    );
  }
  return records.map((r) => {
    const { id, ...fields } = r;
    return { id, fields };
  });
}

/** A figure from a targets/history file: a number, or text a provider might type ("£98,441", "1,883"). */
function figure(file: string, id: string, field: string, value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "number" && typeof value !== "string") {
    throw bad(file, `${field} for "${id}" must be a number.`);
  }
  const n = numberOf(parseCell(value));
  if (n === null) throw bad(file, `${field} for "${id}" is "${String(value)}", which is not a number.`);
  return n;
}

function checkId(file: string, id: string, template: KpiTemplate): "kpi" | "budget" {
  if (template.kpis.some((k) => k.id === id)) return "kpi";
  if (template.budgetLines.some((b) => b.id === id)) return "budget";
  const known = [...template.kpis.map((k) => k.id), ...template.budgetLines.map((b) => b.id)];
  throw bad(
    file,
    `"${id}" is not a KPI or budget line of template "${template.id}" (its ids: ${known.join(", ")}).`,
  );
}

function emptyFigures(): SetupFigures {
  return { targets: {}, awarded: {}, previous: {}, lastYear: {}, previousSpent: {} };
}

export async function readSetupFiles(
  template: KpiTemplate,
  files: { targets?: string; history?: string },
): Promise<SetupFigures> {
  const out = emptyFigures();
  if (files.targets) {
    for (const { id, fields } of await readRows(files.targets, "targets")) {
      const kind = checkId(files.targets, id, template);
      const n = figure(files.targets, id, "target", fields.target);
      if (n === null) continue;
      (kind === "kpi" ? out.targets : out.awarded)[id] = n;
    }
  }
  if (files.history) {
    for (const { id, fields } of await readRows(files.history, "history")) {
      const kind = checkId(files.history, id, template);
      const extra = Object.keys(fields).filter((f) => !["previous", "lastYear", "previousSpent"].includes(f));
      if (extra.length > 0) {
        throw bad(
          files.history,
          `"${id}" has unknown field "${extra[0]}" (expected previous, lastYear, previousSpent).`,
        );
      }
      if (kind === "kpi") {
        const previous = figure(files.history, id, "previous", fields.previous);
        const lastYear = figure(files.history, id, "lastYear", fields.lastYear);
        if (previous !== null) out.previous[id] = previous;
        if (lastYear !== null) out.lastYear[id] = lastYear;
        if (fields.previousSpent !== undefined && fields.previousSpent !== "") {
          throw bad(files.history, `"${id}" is a KPI: previousSpent belongs to budget lines.`);
        }
      } else {
        const spent = figure(files.history, id, "previousSpent", fields.previousSpent);
        if (spent !== null) out.previousSpent[id] = spent;
      }
    }
  }
  return out;
}
