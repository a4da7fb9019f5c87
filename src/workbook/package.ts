/**
 * The .xlsx package looked at before ExcelJS is given it (Node side): a file that is not a workbook at all (empty, an
 * old .xls, an encrypted workbook, an OpenDocument sheet, a CSV, a zip of something else) is named plainly; the
 * package's size, parts, rows, cells and text lengths are held to stated limits while it is unpacked, so a hostile
 * file is refused in bounded time and memory; part names written absolute (openpyxl) are made relative, which ExcelJS
 * needs; and whatever the .xlsx executor could not write back (charts, pivot tables, macros…) is listed, so a rewrite
 * refuses rather than drops it. Each limit is in docs/workbook.md.
 */
import JSZip from "jszip";
import { UserError } from "../core/errors";

/** What a return package may hold. A real return is under 100 KB with a few hundred cells; these leave wide room. */
export interface PackageLimits {
  /** The file itself, compressed. */
  readonly fileBytes: number;
  /** Any one part, unpacked. */
  readonly partBytes: number;
  /** All parts together, unpacked. */
  readonly totalBytes: number;
  /** Parts in the package. */
  readonly parts: number;
  /** Rows stored on any one sheet. */
  readonly rowsPerSheet: number;
  /** Cells stored in the whole workbook. */
  readonly cells: number;
  /** Characters of one text run in the XML (a cell's text, a formula): Excel's own cell limit, escaped. */
  readonly textChars: number;
}

export const PACKAGE_LIMITS: PackageLimits = {
  fileBytes: 10 * 1024 * 1024,
  partBytes: 20 * 1024 * 1024,
  totalBytes: 40 * 1024 * 1024,
  parts: 1000,
  rowsPerSheet: 20_000,
  cells: 100_000,
  // 32,767 characters, each at most six once escaped ("&quot;").
  textChars: 32_767 * 6,
};

/** Something in the package the .xlsx executor cannot write back, or that reaches outside the workbook. */
export interface PackageContent {
  /** "a chart", "macros", "a link to another workbook". */
  readonly what: string;
  readonly part: string;
  /** True when it fetches or runs something outside the workbook (macros, external links, data connections). */
  readonly reachesOut: boolean;
}

export interface InspectedPackage {
  /** The bytes to give ExcelJS: the file's own, or with absolute part names made relative. */
  readonly bytes: Uint8Array;
  /** What a rewrite by the .xlsx executor would lose, in package order. */
  readonly notKept: readonly PackageContent[];
  /** The workbook asks to be computed when opened (ExcelJS forgets this on load, so a rewrite restores it). */
  readonly fullCalcOnLoad: boolean;
}

/** Parts ExcelJS does not carry through a load and save, by where they live in the package. */
const NOT_KEPT: readonly { pattern: RegExp; what: string; reachesOut?: boolean }[] = [
  { pattern: /^xl\/vbaProject\.bin$/i, what: "macros", reachesOut: true },
  { pattern: /^xl\/externalLinks\/[^/]+\.xml$/i, what: "a link to another workbook", reachesOut: true },
  {
    pattern: /^xl\/connections\.xml$/i,
    what: "data connections (a web query, DDE or database link)",
    reachesOut: true,
  },
  { pattern: /^xl\/queryTables\/[^/]+\.xml$/i, what: "a query table", reachesOut: true },
  { pattern: /^xl\/activeX\/[^/]+\.xml$/i, what: "an ActiveX control", reachesOut: true },
  { pattern: /^xl\/embeddings\//i, what: "an embedded object", reachesOut: true },
  { pattern: /^xl\/charts\/chart[^/]*\.xml$/i, what: "a chart" },
  { pattern: /^xl\/chartsheets\/[^/]+\.xml$/i, what: "a chart sheet" },
  { pattern: /^xl\/pivotTables\/[^/]+\.xml$/i, what: "a pivot table" },
  { pattern: /^xl\/slicers\/[^/]+\.xml$/i, what: "a slicer" },
  { pattern: /^xl\/timelines\/[^/]+\.xml$/i, what: "a timeline" },
  { pattern: /^xl\/threadedComments\/[^/]+\.xml$/i, what: "threaded comments" },
  { pattern: /^xl\/ctrlProps\/[^/]+\.xml$/i, what: "a form control" },
  { pattern: /^xl\/model\//i, what: "a data model" },
];

/** A drawing ExcelJS keeps holds pictures only; shapes, text boxes, charts' frames and groups are lost. */
const DRAWING = /^xl\/drawings\/drawing[^/]*\.xml$/i;
const DRAWING_NOT_PICTURE = /<(?:\w+:)?(?:sp|grpSp|cxnSp|graphicFrame)[\s>]/;

/** Words for a byte count in messages. */
function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function refuse(name: string, why: string): never {
  throw new UserError(`"${name}" ${why}`, name);
}

const SAVE_AS_XLSX = "Please open it in Excel and save it as an Excel Workbook (.xlsx).";

/** Why bytes that are not a zip archive are not a workbook, in words for the user. */
function notAZip(bytes: Uint8Array, name: string): never {
  if (bytes.length === 0)
    refuse(name, "is empty (0 bytes): it holds no workbook. Please ask for the file again.");
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (bytes.length >= 8 && ole.every((b, i) => bytes[i] === b)) {
    // An encrypted .xlsx is stored inside an old-style compound file, as a stream named "EncryptedPackage".
    const marker = Buffer.from("EncryptedPackage", "utf16le");
    if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker)) {
      refuse(
        name,
        "is protected with a password (encrypted), so it cannot be read. Please remove the password " +
          "(File > Info > Protect Workbook > Encrypt with Password, then clear it), save it and send it again.",
      );
    }
    refuse(name, `is an old Excel 97–2003 workbook (.xls), not an .xlsx workbook. ${SAVE_AS_XLSX}`);
  }
  refuse(name, `is not an Excel .xlsx workbook (it looks like text, such as a CSV file). ${SAVE_AS_XLSX}`);
}

/** JSZip keeps each entry's declared unpacked size on an internal field; it is read only to refuse early. */
function declaredSize(file: JSZip.JSZipObject): number {
  const size = (file as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  return typeof size === "number" ? size : 0;
}

/** Counts of what a sheet stores, gathered while its XML streams past. */
class XmlScan {
  rows = 0;
  cells = 0;
  longestText = 0;
  private run = 0;
  private carry = "";
  constructor(private readonly countCells: boolean) {}

  add(text: string): void {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 60 /* < */) {
        this.run = 0;
      } else if (++this.run > this.longestText) {
        this.longestText = this.run;
      }
    }
    if (!this.countCells) return;
    // A tag may straddle two chunks: the last few characters are carried over, and a match is counted only once
    // it starts before them.
    const all = this.carry + text;
    const keep = Math.min(all.length, 16);
    this.count(all, all.length - keep);
    this.carry = all.slice(all.length - keep);
  }

  end(): void {
    if (this.countCells) this.count(this.carry, this.carry.length);
    this.carry = "";
  }

  private count(text: string, before: number): void {
    for (const m of text.matchAll(/<(?:\w+:)?(row|c)[\s>/]/g)) {
      if ((m.index ?? 0) >= before) continue;
      if (m[1] === "row") this.rows++;
      else this.cells++;
    }
  }
}

interface PartStream {
  on(event: "data", listener: (chunk: Uint8Array) => void): PartStream;
  on(event: "error", listener: (err: Error) => void): PartStream;
  on(event: "end", listener: () => void): PartStream;
  pause(): PartStream;
  resume(): PartStream;
}

/** Unpacks one part, stopping as soon as it passes `budget` bytes; returns its size and, when asked, its text. */
function unpack(
  file: JSZip.JSZipObject,
  budget: number,
  scan: XmlScan | null,
  keepText: boolean,
): Promise<{ bytes: number; text: string; over: boolean }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let text = "";
    let done = false;
    const decoder = new TextDecoder("utf-8");
    // JSZip's own chunked stream (untyped in its .d.ts): pausing it stops the unpacking where it stands.
    const stream = (file as unknown as { internalStream(type: "uint8array"): PartStream }).internalStream(
      "uint8array",
    );
    stream.on("data", (chunk: Uint8Array) => {
      if (done) return;
      bytes += chunk.length;
      if (bytes > budget) {
        done = true;
        stream.pause();
        resolve({ bytes, text: "", over: true });
        return;
      }
      if (scan || keepText) {
        const decoded = decoder.decode(chunk, { stream: true });
        scan?.add(decoded);
        if (keepText) text += decoded;
      }
    });
    stream.on("error", (err: Error) => {
      if (done) return;
      done = true;
      reject(err);
    });
    stream.on("end", () => {
      if (done) return;
      done = true;
      const rest = decoder.decode();
      scan?.add(rest);
      scan?.end();
      resolve({ bytes, text: keepText ? text + rest : "", over: false });
    });
    stream.resume();
  });
}

/** A part name as written in a relationship, made relative to the folder of the part that points at it. */
function relativeTarget(relsPart: string, target: string): string {
  // "xl/worksheets/_rels/sheet1.xml.rels" describes "xl/worksheets/sheet1.xml": targets are relative to "xl/worksheets/".
  const from = relsPart
    .replace(/_rels\/[^/]*$/, "")
    .split("/")
    .filter(Boolean);
  const to = target.replace(/^\/+/, "").split("/").filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

/** Rewrites absolute internal targets ("/xl/worksheets/sheet1.xml") as relative ones; null when there are none. */
function relativeRelationships(relsPart: string, xml: string): string | null {
  let changed = false;
  const fixed = xml.replace(/<(?:\w+:)?Relationship\b[^>]*>/g, (tag) => {
    if (/TargetMode\s*=\s*["']External["']/i.test(tag)) return tag;
    return tag.replace(/\bTarget\s*=\s*(["'])\/([^"']*)\1/, (_whole, quote: string, target: string) => {
      changed = true;
      return `Target=${quote}${relativeTarget(relsPart, target)}${quote}`;
    });
  });
  return changed ? fixed : null;
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
}

/**
 * Looks inside a workbook file before it is read: a UserError naming the file says plainly what it is when it is not
 * an .xlsx workbook, or which limit it passes.
 */
export async function inspectPackage(
  input: Uint8Array,
  name: string,
  limits: PackageLimits = PACKAGE_LIMITS,
): Promise<InspectedPackage> {
  if (input.length > limits.fileBytes) {
    refuse(
      name,
      `is ${size(input.length)}, more than the ${size(limits.fileBytes)} a return may be, so it was not read. ` +
        "Please remove what the return does not need (pictures, other sheets) and send it again.",
    );
  }
  if (input.length < 4 || input[0] !== 0x50 || input[1] !== 0x4b) notAZip(input, name);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(input);
  } catch {
    refuse(name, "could not be read as an Excel workbook: the file is damaged or incomplete.");
  }
  const files = Object.values(zip.files).filter((f) => !f.dir);
  if (files.length > limits.parts) {
    refuse(
      name,
      `holds ${plural(files.length, "part", "parts")}, more than the ${limits.parts.toLocaleString("en-GB")} a return may hold, so it was not read.`,
    );
  }
  const partNames = new Set(files.map((f) => f.name));
  if (!partNames.has("[Content_Types].xml")) {
    if (partNames.has("mimetype") || partNames.has("content.xml")) {
      refuse(name, `is an OpenDocument spreadsheet (.ods), not an .xlsx workbook. ${SAVE_AS_XLSX}`);
    }
    const shown = [...partNames].slice(0, 3).join(", ");
    refuse(
      name,
      `is a zip archive of other files (${shown}${partNames.size > 3 ? ", …" : ""}), not an .xlsx workbook. ` +
        "Please send the return workbook itself.",
    );
  }
  const tooBig = (what: string, limit: number): never =>
    refuse(
      name,
      `${what}, more than the ${size(limit)} a return may hold unpacked, so it was not read (is it damaged, or not a return?).`,
    );
  // Declared sizes first (cheap); then every part is unpacked against the limits, since a zip can lie about sizes.
  let declared = 0;
  for (const file of files) {
    const one = declaredSize(file);
    declared += one;
    if (one > limits.partBytes) tooBig(`has a part (${file.name}) of ${size(one)}`, limits.partBytes);
  }
  if (declared > limits.totalBytes) tooBig(`unpacks to ${size(declared)}`, limits.totalBytes);

  let total = 0;
  let cells = 0;
  const rewritten = new Map<string, string>();
  const notKept: PackageContent[] = [];
  let contentTypes = "";
  let fullCalcOnLoad = false;
  for (const file of files) {
    const isXml = /\.(xml|rels|vml)$/i.test(file.name);
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(file.name);
    const isDrawing = DRAWING.test(file.name);
    const keepText =
      file.name.endsWith(".rels") ||
      isDrawing ||
      file.name === "[Content_Types].xml" ||
      file.name === "xl/workbook.xml";
    const scan = isXml ? new XmlScan(isSheet) : null;
    let part: { bytes: number; text: string; over: boolean };
    try {
      part = await unpack(file, Math.min(limits.partBytes, limits.totalBytes - total), scan, keepText);
    } catch {
      refuse(name, "could not be read as an Excel workbook: the file is damaged or incomplete.");
    }
    if (part.over) {
      tooBig(
        total + part.bytes > limits.totalBytes
          ? `unpacks to more than ${size(limits.totalBytes)}`
          : `has a part (${file.name}) of more than ${size(limits.partBytes)}`,
        total + part.bytes > limits.totalBytes ? limits.totalBytes : limits.partBytes,
      );
    }
    total += part.bytes;
    if (scan) {
      if (scan.longestText > limits.textChars) {
        refuse(
          name,
          `holds a text of more than ${Math.floor(limits.textChars / 6).toLocaleString("en-GB")} characters (in ${file.name}), ` +
            "longer than an Excel cell can hold, so it was not read.",
        );
      }
      if (scan.rows > limits.rowsPerSheet) {
        refuse(
          name,
          `has a sheet (${file.name}) of ${plural(scan.rows, "row", "rows")}, more than the ` +
            `${limits.rowsPerSheet.toLocaleString("en-GB")} rows a return's sheet may have, so it was not read.`,
        );
      }
      cells += scan.cells;
      if (cells > limits.cells) {
        refuse(
          name,
          `holds more than ${limits.cells.toLocaleString("en-GB")} cells, more than a return may have, so it was not read.`,
        );
      }
    }
    if (file.name.endsWith(".rels")) {
      const fixed = relativeRelationships(file.name, part.text);
      if (fixed !== null) rewritten.set(file.name, fixed);
    }
    if (file.name === "[Content_Types].xml") contentTypes = part.text;
    if (file.name === "xl/workbook.xml") {
      fullCalcOnLoad = /<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad\s*=\s*["'](?:1|true)["']/.test(part.text);
    }
    const kind = NOT_KEPT.find((k) => k.pattern.test(file.name));
    if (kind) notKept.push({ what: kind.what, part: file.name, reachesOut: kind.reachesOut ?? false });
    else if (isDrawing && DRAWING_NOT_PICTURE.test(part.text)) {
      notKept.push({ what: "a drawing (shapes or text boxes)", part: file.name, reachesOut: false });
    }
  }
  if (/macroEnabled|vnd\.ms-excel\.(sheet\.binary|template)/i.test(contentTypes)) {
    refuse(
      name,
      /binary/i.test(contentTypes)
        ? `is an Excel binary workbook (.xlsb), not an .xlsx workbook. ${SAVE_AS_XLSX}`
        : `is a macro-enabled workbook (.xlsm) or a template, not an .xlsx workbook. ${SAVE_AS_XLSX}`,
    );
  }
  if (rewritten.size === 0) return { bytes: input, notKept, fullCalcOnLoad };
  for (const [part, xml] of rewritten) zip.file(part, xml);
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  return { bytes, notKept, fullCalcOnLoad };
}

/** "a chart (xl/charts/chart1.xml) and macros (xl/vbaProject.bin)": what a list of contents holds, for messages. */
export function describeContents(contents: readonly PackageContent[]): string {
  const byWhat = new Map<string, string[]>();
  for (const c of contents) byWhat.set(c.what, [...(byWhat.get(c.what) ?? []), c.part]);
  const phrases = [...byWhat].map(([what, parts]) => {
    const shown = parts.length > 2 ? `${parts.slice(0, 2).join(", ")}, …` : parts.join(", ");
    const counted = parts.length > 1 && what.startsWith("a ") ? `${parts.length} × ${what.slice(2)}` : what;
    return `${counted} (${shown})`;
  });
  return phrases.length <= 1 ? phrases.join("") : `${phrases.slice(0, -1).join(", ")} and ${phrases.at(-1)}`;
}
