/**
 * One part of an .xlsx package, unpacked as a stream: stopped the moment it passes its byte budget, its XML scanned
 * on the way for rows, cells and the longest text; and relationship targets written absolute (openpyxl) made
 * relative, which ExcelJS needs. The limits themselves are applied in package.ts.
 */
import type JSZip from "jszip";

/** JSZip keeps each entry's declared unpacked size on an internal field; it is read only to refuse early. */
export function declaredSize(file: JSZip.JSZipObject): number {
  const size = (file as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  return typeof size === "number" ? size : 0;
}

/** Counts of what a sheet stores, gathered while its XML streams past. */
export class XmlScan {
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
export function unpack(
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
export function relativeRelationships(relsPart: string, xml: string): string | null {
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
