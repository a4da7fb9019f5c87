/**
 * Generated workbooks for the fuzz suite and the robustness bench: a good seed return's package with random edits
 * (cell values and formulas of every kind, table references, parts dropped, bytes cut or flipped), made in memory with
 * fast-check from a seed, so any failing case can be replayed. Each case runs the whole read-and-check pipeline the
 * command line runs, and reports what a user would see.
 */
import fc from "fast-check";
import JSZip from "jszip";
import { UserError } from "../../src/core/errors";
import { validateReturn } from "../../src/core/validate";
import { builtInTemplates } from "../../src/templates";
import { cellOf, readReturn } from "../../src/workbook";
import { xlsxFromBuffer } from "../../src/workbook/xlsx";

/** One edit to a package, as plain data (so fast-check can print and shrink it). */
export type FuzzEdit =
  | { kind: "cell"; part: "kpi" | "meta" | "budget"; cell: string; xml: CellXml }
  | { kind: "tableRef"; ref: string }
  | { kind: "dropPart"; index: number }
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; byte: number };

const COLUMNS = "ABCDEFGHIJKLM".split("");

function xmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A cell as spreadsheets store it: its type attribute (none for a number) and its content. */
export interface CellXml {
  readonly type: string;
  readonly body: string;
}

const text = (s: string): CellXml => ({ type: "inlineStr", body: `<is><t>${xmlText(s)}</t></is>` });

/** Numbers (1e308 too), text as people type it, booleans, errors, formulas with or without a stored result. */
const cellXml: fc.Arbitrary<CellXml> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ({ type: "", body: `<v>${n}</v>` })),
  fc
    .constantFrom("1e308", "-1e308", "1E+300", "4.9e-324", "1587.6", "0.4125", "-0")
    .map((v) => ({ type: "", body: `<v>${v}</v>` })),
  fc.integer().map((n) => ({ type: "", body: `<v>${n}</v>` })),
  fc.string({ maxLength: 40 }).map(text),
  fc.constantFrom("TRUE", "1,883", "£135, 640", "95.83%", "(1,200)", "N/A", "−12", "=9999", "").map(text),
  fc.boolean().map((b) => ({ type: "b", body: `<v>${b ? 1 : 0}</v>` })),
  fc.constantFrom("#DIV/0!", "#VALUE!", "#REF!", "#N/A").map((e) => ({ type: "e", body: `<v>${e}</v>` })),
  fc
    .tuple(
      fc.constantFrom(
        "9999",
        '"Green"',
        "[1]Sheet1!A1",
        'WEBSERVICE("http://x")',
        "cmd|' /C calc'!A0",
        "1/0",
        "A1",
      ),
      fc.option(fc.integer(), { nil: undefined }),
    )
    .map(([f, v]) => ({ type: "", body: `<f>${xmlText(f)}</f>${v === undefined ? "" : `<v>${v}</v>`}` })),
);

const edit: fc.Arbitrary<FuzzEdit> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("cell" as const),
      part: fc.constantFrom("kpi" as const, "meta" as const, "budget" as const),
      cell: fc
        .tuple(fc.constantFrom(...COLUMNS), fc.integer({ min: 1, max: 14 }))
        .map(([c, r]) => `${c}${r}`),
      xml: cellXml,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("tableRef" as const),
      ref: fc.constantFrom(
        "A5:XFD1048576",
        "A5:A5",
        "A5:M6",
        "M5:A11",
        "A5:M20000",
        "B5:N11",
        "A1:M11",
        "junk",
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("dropPart" as const), index: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat(20_000) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("flip" as const), at: fc.nat(20_000), byte: fc.nat(255) }),
  },
);

/** One to four edits: what one generated workbook is. */
export const fuzzCase: fc.Arbitrary<FuzzEdit[]> = fc.array(edit, { minLength: 1, maxLength: 4 });

/** The base package, unpacked once: part name → text (XML) or bytes. */
export interface BasePackage {
  readonly parts: ReadonlyMap<string, string | Uint8Array>;
  readonly sheets: { kpi: string; meta: string; budget: string };
  readonly kpiTable: string;
}

export async function unpackBase(bytes: Uint8Array): Promise<BasePackage> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string | Uint8Array>();
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    parts.set(
      file.name,
      /\.(xml|rels)$/.test(file.name) ? await file.async("string") : await file.async("uint8array"),
    );
  }
  const workbook = parts.get("xl/workbook.xml") as string;
  const rels = parts.get("xl/_rels/workbook.xml.rels") as string;
  const sheetOf = (name: string): string => {
    const id = workbook.match(new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`))?.[1];
    const target = rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`));
    return `xl/${target?.[1] ?? target?.[2] ?? ""}`;
  };
  const kpiTable = [...parts.keys()].find(
    (n) => /^xl\/tables\//.test(n) && String(parts.get(n)).includes('name="KpiReturn"'),
  );
  return {
    parts,
    sheets: { kpi: sheetOf("KPIs"), meta: sheetOf("KpiReturnsMetadata"), budget: sheetOf("Budget") },
    kpiTable: kpiTable ?? "",
  };
}

/** The bytes of the base package after `edits`, stored uncompressed (fast to make, same to read). */
export async function buildCase(base: BasePackage, edits: readonly FuzzEdit[]): Promise<Uint8Array> {
  const parts = new Map(base.parts);
  const names = [...parts.keys()];
  for (const e of edits) {
    if (e.kind === "cell") {
      const part = base.sheets[e.part];
      const xml = parts.get(part);
      if (typeof xml !== "string") continue;
      const replacement = `<c r="${e.cell}"${e.xml.type ? ` t="${e.xml.type}"` : ""}>${e.xml.body}</c>`;
      const pattern = new RegExp(`<c r="${e.cell}"(?:[^>]*?/>|[^>]*>.*?</c>)`);
      parts.set(part, pattern.test(xml) ? xml.replace(pattern, replacement) : xml);
    } else if (e.kind === "tableRef") {
      const xml = parts.get(base.kpiTable);
      if (typeof xml === "string") parts.set(base.kpiTable, xml.replace(/ref="[^"]*"/g, `ref="${e.ref}"`));
    } else if (e.kind === "dropPart") {
      parts.delete(names[e.index % names.length]);
    }
  }
  const zip = new JSZip();
  for (const [name, body] of parts) zip.file(name, body);
  let bytes = await zip.generateAsync({ type: "uint8array", compression: "STORE" });
  for (const e of edits) {
    if (e.kind === "truncate") bytes = bytes.slice(0, e.at % (bytes.length + 1));
    if (e.kind === "flip" && bytes.length > 0) {
      bytes = bytes.slice();
      bytes[e.at % bytes.length] = e.byte;
    }
  }
  return bytes;
}

/** What checking one file gave: a plain refusal, findings, or a crash (anything else). */
export interface CaseOutcome {
  readonly ms: number;
  /** A failure nobody worded (a bug), or a message a user must never see (a stack, a runtime's words). */
  readonly crash: string | null;
  /** Findings pointing at a row that is not in the table, or with no location. */
  readonly unlocated: readonly string[];
  readonly refusal: string | null;
  readonly findings: number;
  /** The input bytes were changed by reading them. */
  readonly inputChanged: boolean;
}

const RUNTIME_WORDS =
  /\n\s+at |TypeError|ReferenceError|RangeError|undefined|\[object Object\]|Cannot read prop/;

/** Runs the command line's read-and-check pipeline (open, snapshot, read, validate, locate) on one file's bytes. */
export async function checkCase(bytes: Uint8Array, name = "fuzz.xlsx"): Promise<CaseOutcome> {
  const before = Buffer.from(bytes);
  const started = Date.now();
  let crash: string | null = null;
  let refusal: string | null = null;
  const unlocated: string[] = [];
  let findings = 0;
  try {
    const workbook = await xlsxFromBuffer(bytes, name);
    const snapshot = workbook.snapshot();
    const read = readReturn(snapshot, builtInTemplates);
    const all = [...read.findings];
    if (read.ret && read.template) all.push(...validateReturn(read.ret, read.template).findings);
    findings = all.length;
    for (const f of all) {
      if (!f.location || typeof f.message !== "string" || f.message.length === 0) unlocated.push(f.ruleId);
      else if (f.location.row !== undefined && cellOf(snapshot, f.location) === null) {
        // A finding on a table row must point at a cell of that table.
        const table = snapshot.tables.find((t) => t.name === f.location.table);
        if (table) unlocated.push(`${f.ruleId} row ${f.location.row}`);
      }
      if (RUNTIME_WORDS.test(f.message) || /\d{25,}/.test(f.message))
        crash = `finding ${f.ruleId}: ${f.message}`;
    }
  } catch (err) {
    if (err instanceof UserError && !RUNTIME_WORDS.test(err.message) && err.message.includes(`"${name}"`)) {
      refusal = err.message;
    } else {
      crash = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
  }
  return {
    ms: Date.now() - started,
    crash,
    unlocated,
    refusal,
    findings,
    inputChanged: !before.equals(Buffer.from(bytes)),
  };
}

/** The seed the suite and the bench use unless KPI_FUZZ_SEED names another (to replay a reported failure). */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env.KPI_FUZZ_SEED);
  return Number.isInteger(fromEnv) ? fromEnv : 20221001;
}
