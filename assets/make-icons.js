/**
 * Draws the ribbon icons (16, 32, 80 px PNG) with no image tools: a green tile with a rising bar chart.
 * Run `node assets/make-icons.js` after changing the design; the PNGs are committed.
 */
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const TILE = [16, 124, 65]; // Excel's green, so the buttons sit naturally on the Home tab.
const INK = [255, 255, 255];

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const t = Math.max(
    0,
    Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}

/** "Returns": a rounded tile with three rising bars. "Check": the same tile with a tick. Coordinates in a unit square. */
const designs = {
  returns(x, y) {
    if (!insideTile(x, y)) return null;
    const bars = [
      [0.18, 0.32, 0.62],
      [0.4, 0.54, 0.46],
      [0.62, 0.76, 0.3],
    ];
    for (const [left, right, top] of bars) if (x >= left && x <= right && y >= top && y <= 0.84) return INK;
    return TILE;
  },
  check(x, y) {
    if (!insideTile(x, y)) return null;
    const tick = [
      [0.2, 0.52],
      [0.42, 0.74],
      [0.8, 0.28],
    ];
    const d = Math.min(distanceToSegment(x, y, tick[0], tick[1]), distanceToSegment(x, y, tick[1], tick[2]));
    return d <= 0.085 ? INK : TILE;
  },
};

function insideTile(x, y) {
  const r = 0.18;
  const dx = Math.max(0, Math.abs(x - 0.5) - (0.5 - r));
  const dy = Math.max(0, Math.abs(y - 0.5) - (0.5 - r));
  return dx * dx + dy * dy <= r * r;
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, paint) {
  const ss = 4; // 4×4 supersampling for smooth edges
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    rows[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const colour = paint((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      rows[o] = a ? Math.round(r / a) : 0;
      rows[o + 1] = a ? Math.round(g / a) : 0;
      rows[o + 2] = a ? Math.round(b / a) : 0;
      rows[o + 3] = Math.round((255 * a) / (ss * ss));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), png(size, designs.returns));
}
for (const size of [16, 32, 80]) {
  fs.writeFileSync(path.join(__dirname, `check-${size}.png`), png(size, designs.check));
}
