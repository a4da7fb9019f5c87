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
import { declaredSize, relativeRelationships, unpack, XmlScan } from "./package-parts";

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

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
}

/** A part past its share of the limits, refused with the limit named. */
function tooBig(name: string, what: string, limit: number): never {
  refuse(
    name,
    `${what}, more than the ${size(limit)} a return may hold unpacked, so it was not read (is it damaged, or not a return?).`,
  );
}

/** The file opened as a zip of an .xlsx's parts, or refused: too large, not a zip, too many parts, or another kind. */
async function openPackage(input: Uint8Array, name: string, limits: PackageLimits): Promise<JSZip> {
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
  // Declared sizes first (cheap); then every part is unpacked against the limits, since a zip can lie about sizes.
  let declared = 0;
  for (const file of files) {
    const one = declaredSize(file);
    declared += one;
    if (one > limits.partBytes) tooBig(name, `has a part (${file.name}) of ${size(one)}`, limits.partBytes);
  }
  if (declared > limits.totalBytes) tooBig(name, `unpacks to ${size(declared)}`, limits.totalBytes);
  return zip;
}

/** A sheet's text, rows and (with the sheets before it) cells held to the limits; returns the cells so far. */
function checkScan(
  scan: XmlScan,
  part: string,
  cellsBefore: number,
  name: string,
  limits: PackageLimits,
): number {
  if (scan.longestText > limits.textChars) {
    refuse(
      name,
      `holds a text of more than ${Math.floor(limits.textChars / 6).toLocaleString("en-GB")} characters (in ${part}), ` +
        "longer than an Excel cell can hold, so it was not read.",
    );
  }
  if (scan.rows > limits.rowsPerSheet) {
    refuse(
      name,
      `has a sheet (${part}) of ${plural(scan.rows, "row", "rows")}, more than the ` +
        `${limits.rowsPerSheet.toLocaleString("en-GB")} rows a return's sheet may have, so it was not read.`,
    );
  }
  const cells = cellsBefore + scan.cells;
  if (cells > limits.cells) {
    refuse(
      name,
      `holds more than ${limits.cells.toLocaleString("en-GB")} cells, more than a return may have, so it was not read.`,
    );
  }
  return cells;
}

/** What unpacking every part found: relationships to rewrite, contents not kept, the content types, calc on load. */
interface PartsRead {
  readonly rewritten: Map<string, string>;
  readonly notKept: PackageContent[];
  contentTypes: string;
  fullCalcOnLoad: boolean;
}

/** One part unpacked within what is left of the limits, or the package refused. */
async function unpackWithin(
  file: JSZip.JSZipObject,
  total: number,
  scan: XmlScan | null,
  keepText: boolean,
  name: string,
  limits: PackageLimits,
): Promise<{ bytes: number; text: string }> {
  let part: { bytes: number; text: string; over: boolean };
  try {
    part = await unpack(file, Math.min(limits.partBytes, limits.totalBytes - total), scan, keepText);
  } catch {
    refuse(name, "could not be read as an Excel workbook: the file is damaged or incomplete.");
  }
  if (part.over) {
    const whole = total + part.bytes > limits.totalBytes;
    tooBig(
      name,
      whole
        ? `unpacks to more than ${size(limits.totalBytes)}`
        : `has a part (${file.name}) of more than ${size(limits.partBytes)}`,
      whole ? limits.totalBytes : limits.partBytes,
    );
  }
  return part;
}

/** Every part unpacked against the limits, noting what the rewrite needs and what it could not keep. */
async function readParts(zip: JSZip, name: string, limits: PackageLimits): Promise<PartsRead> {
  const read: PartsRead = { rewritten: new Map(), notKept: [], contentTypes: "", fullCalcOnLoad: false };
  let total = 0;
  let cells = 0;
  for (const file of Object.values(zip.files).filter((f) => !f.dir)) {
    const isXml = /\.(xml|rels|vml)$/i.test(file.name);
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(file.name);
    const isDrawing = DRAWING.test(file.name);
    const keepText =
      file.name.endsWith(".rels") ||
      isDrawing ||
      file.name === "[Content_Types].xml" ||
      file.name === "xl/workbook.xml";
    const scan = isXml ? new XmlScan(isSheet) : null;
    const part = await unpackWithin(file, total, scan, keepText, name, limits);
    total += part.bytes;
    if (scan) cells = checkScan(scan, file.name, cells, name, limits);
    if (file.name.endsWith(".rels")) {
      const fixed = relativeRelationships(file.name, part.text);
      if (fixed !== null) read.rewritten.set(file.name, fixed);
    }
    if (file.name === "[Content_Types].xml") read.contentTypes = part.text;
    if (file.name === "xl/workbook.xml") {
      read.fullCalcOnLoad = /<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad\s*=\s*["'](?:1|true)["']/.test(
        part.text,
      );
    }
    const kind = NOT_KEPT.find((k) => k.pattern.test(file.name));
    if (kind) read.notKept.push({ what: kind.what, part: file.name, reachesOut: kind.reachesOut ?? false });
    else if (isDrawing && DRAWING_NOT_PICTURE.test(part.text)) {
      read.notKept.push({ what: "a drawing (shapes or text boxes)", part: file.name, reachesOut: false });
    }
  }
  return read;
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
  const zip = await openPackage(input, name, limits);
  const { rewritten, notKept, contentTypes, fullCalcOnLoad } = await readParts(zip, name, limits);
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
