/**
 * The report's two charts drawn as PNG images for the Word document, with no browser: budget utilisation by
 * Community Safety Partnership and each service's referrals over three quarters, the same figures and colours as the
 * HTML page's SVG charts. A small raster, a 5×7 bitmap font (capitals, digits and the signs the labels use) and a
 * PNG encoder over Node's zlib: the command line stays quick and needs nothing installed.
 */
import { deflateSync } from "node:zlib";
import { formatCount } from "../core/format";
import type { FundingLine, ReferralsTrend } from "./model";
import { RAG_COLOURS, trendBars } from "./charts";
import { money, share } from "./text";

type Rgb = readonly [number, number, number];

function rgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const INK = rgb("#1b1f24");
const MUTED = rgb("#5b6572");
const GRID = rgb("#d9dee5");
const NEUTRAL = rgb("#1f3864");

/** 5×7 glyphs, one number per row (bit 4 is the leftmost pixel), after the HD44780 character set. */
const GLYPHS: Record<string, readonly number[]> = {
  "0": [0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e],
  "1": [0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e],
  "2": [0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f],
  "3": [0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e],
  "4": [0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02],
  "5": [0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e],
  "6": [0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e],
  "7": [0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
  "8": [0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e],
  "9": [0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c],
  A: [0x0e, 0x11, 0x11, 0x11, 0x1f, 0x11, 0x11],
  B: [0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e],
  C: [0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e],
  D: [0x1c, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1c],
  E: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x1f],
  F: [0x1f, 0x10, 0x10, 0x1e, 0x10, 0x10, 0x10],
  G: [0x0e, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0f],
  H: [0x11, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
  I: [0x0e, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0e],
  J: [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0c],
  K: [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11],
  L: [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f],
  M: [0x11, 0x1b, 0x15, 0x15, 0x11, 0x11, 0x11],
  N: [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
  O: [0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
  P: [0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10],
  Q: [0x0e, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0d],
  R: [0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11],
  S: [0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e],
  T: [0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
  U: [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
  V: [0x11, 0x11, 0x11, 0x11, 0x11, 0x0a, 0x04],
  W: [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0a],
  X: [0x11, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x11],
  Y: [0x11, 0x11, 0x11, 0x0a, 0x04, 0x04, 0x04],
  Z: [0x1f, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f],
  " ": [0, 0, 0, 0, 0, 0, 0],
  "%": [0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03],
  "£": [0x06, 0x09, 0x08, 0x1c, 0x08, 0x08, 0x1f],
  ".": [0, 0, 0, 0, 0, 0x0c, 0x0c],
  ",": [0, 0, 0, 0, 0x0c, 0x04, 0x08],
  "/": [0, 0x01, 0x02, 0x04, 0x08, 0x10, 0],
  "&": [0x0c, 0x12, 0x14, 0x08, 0x15, 0x12, 0x0d],
  "-": [0, 0, 0, 0x1f, 0, 0, 0],
  "(": [0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02],
  ")": [0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08],
  ":": [0, 0x0c, 0x0c, 0, 0x0c, 0x0c, 0],
  "'": [0x0c, 0x04, 0x08, 0, 0, 0, 0],
  "?": [0x0e, 0x11, 0x01, 0x02, 0x04, 0, 0x04],
};

function glyph(c: string): readonly number[] {
  const upper = c.toUpperCase();
  if (GLYPHS[upper]) return GLYPHS[upper];
  if (c === "–" || c === "−" || c === "—") return GLYPHS["-"];
  if (c === "’" || c === "‘") return GLYPHS["'"];
  return GLYPHS["?"];
}

/** An RGB raster with rectangles and bitmap text; `png()` encodes it. */
export class Raster {
  private readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3).fill(255);
  }

  rect(x: number, y: number, w: number, h: number, colour: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    const [r, g, b] = colour;
    for (let yy = y0; yy < y1; yy++) {
      for (let i = (yy * this.width + x0) * 3, end = (yy * this.width + x1) * 3; i < end; i += 3) {
        this.pixels[i] = r;
        this.pixels[i + 1] = g;
        this.pixels[i + 2] = b;
      }
    }
  }

  /** Pixels `text` takes at `scale` (each glyph 5 wide and one column of space). */
  static textWidth(text: string, scale: number): number {
    return Math.max(0, text.length * 6 * scale - scale);
  }

  /** Text with its top at `y`, starting at `x`, centred on it, or ending at it. */
  text(
    x: number,
    y: number,
    text: string,
    colour: Rgb,
    scale = 2,
    align: "start" | "middle" | "end" = "start",
  ): void {
    const w = Raster.textWidth(text, scale);
    let left = align === "start" ? x : align === "middle" ? x - w / 2 : x - w;
    for (const c of text) {
      glyph(c).forEach((bits, row) => {
        for (let col = 0; col < 5; col++) {
          if (bits & (0x10 >> col)) this.rect(left + col * scale, y + row * scale, scale, scale, colour);
        }
      });
      left += 6 * scale;
    }
  }

  png(): Buffer {
    const rowBytes = this.width * 3 + 1;
    const raw = Buffer.alloc(rowBytes * this.height);
    for (let y = 0; y < this.height; y++) {
      raw[y * rowBytes] = 0; // filter: none
      raw.set(this.pixels.subarray(y * this.width * 3, (y + 1) * this.width * 3), y * rowBytes + 1);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter set, no interlace
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", header),
      chunk("IDAT", deflateSync(raw)),
      chunk("IEND", Buffer.alloc(0)),
    ]);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([length, body, crc]);
}

/** A chart as a PNG and its size in pixels. */
export interface PngChart {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

/** Horizontal bars of spent ÷ awarded per CSP, coloured by RAG, with the profile's expected share dashed. */
export function utilisationPng(lines: readonly FundingLine[], expected: number | null): PngChart {
  const scale = 2;
  const labelWidth = Math.max(...lines.map((l) => Raster.textWidth(l.area, scale)), 60) + 20;
  const barArea = 420;
  const valueWidth = 360;
  const rowHeight = 40;
  const top = 40;
  const width = labelWidth + barArea + valueWidth;
  const height = top + lines.length * rowHeight + 40;
  const max = Math.max(1, ...lines.map((l) => l.utilisation ?? 0));
  const x = (f: number): number => labelWidth + (Math.min(f, max) / max) * barArea;
  const r = new Raster(width, height);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    r.rect(x(tick), top - 6, 1, lines.length * rowHeight + 6, GRID);
    r.text(x(tick), height - 26, `${tick * 100}%`, MUTED, scale, "middle");
  }
  lines.forEach((l, i) => {
    const y = top + i * rowHeight;
    r.text(labelWidth - 12, y + 13, l.area, INK, scale, "end");
    if (l.utilisation === null) {
      r.text(labelWidth + 8, y + 13, "not reported", MUTED, scale);
      return;
    }
    const w = Math.max(1, x(l.utilisation) - labelWidth);
    r.rect(labelWidth, y + 6, w, rowHeight - 14, l.rag ? rgb(RAG_COLOURS[l.rag]) : NEUTRAL);
    r.text(
      labelWidth + w + 8,
      y + 13,
      `${share(l.utilisation)} ${money(l.spent)} of ${money(l.awarded)}`,
      INK,
      scale,
    );
  });
  if (expected !== null) {
    for (let y = top - 10; y < top + lines.length * rowHeight; y += 10) r.rect(x(expected) - 1, y, 2, 6, INK);
    r.text(x(expected), 8, `expected ${share(expected)}`, INK, scale, "middle");
  }
  return { png: r.png(), width, height };
}

/** Three bars for one service: the same quarter last year, the previous quarter, this quarter. */
export function referralsPng(
  trend: ReferralsTrend,
  periods: { readonly lastYear: string; readonly previous: string; readonly actual: string },
): PngChart {
  const scale = 2;
  const width = 440;
  const height = 240;
  const base = 190;
  const barWidth = 100;
  const r = new Raster(width, height);
  r.rect(8, base, width - 16, 1, GRID);
  trendBars(trend, periods, { width, barWidth, gap: 36, room: base - 40 }).forEach(({ x, cx, h, ...b }) => {
    if (b.value === null) r.text(cx, base - 24, "n/a", MUTED, scale, "middle");
    else {
      r.rect(x, base - h, barWidth, h, rgb(b.colour));
      r.text(cx, base - h - 20, formatCount(b.value), INK, scale, "middle");
    }
    r.text(cx, base + 14, b.label, MUTED, scale, "middle");
  });
  return { png: r.png(), width, height };
}
