// Draws the add-in's icons (a contact card on Fluent blue) as PNGs without an image library.
// Run once with `npm run icons`; the PNGs are committed under assets/.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

// outline: the unified manifest's 32x32 outline icon, white strokes on transparent (Teams/Microsoft 365 rule).
function icon(size, outline = false) {
  const white = [255, 255, 255, 255], clear = [0, 0, 0, 0], blue = outline ? clear : [15, 108, 189, 255];
  const r = size * 0.18, pad = size * 0.16;
  const pixel = (x, y) => {
    // rounded square background
    const cx = Math.min(Math.max(x, r), size - r), cy = Math.min(Math.max(y, r), size - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return clear;
    // the outline keeps the square's edge as a 1-pixel white line
    if (outline && (x < 1.5 || y < 1.5 || x > size - 1.5 || y > size - 1.5 || (x - cx) ** 2 + (y - cy) ** 2 > (r - 1.2) ** 2)) return white;
    // a card: a head (circle) and two text lines
    const head = [pad + size * 0.14, size * 0.42], hr = size * 0.11;
    if ((x - head[0]) ** 2 + (y - head[1]) ** 2 <= hr * hr) return white;
    if (y > size * 0.6 && y < size * 0.68 && x > pad && x < pad + size * 0.28) return white;
    const lx = size * 0.5;
    if (x > lx && x < size - pad && ((y > size * 0.34 && y < size * 0.42) || (y > size * 0.52 && y < size * 0.6))) return white;
    return blue;
  };
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x + 0.5, y + 0.5), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

// Desktop ribbon 16/32/80 (+20/24/40/48/64 for high DPI), mobile 25/32/48, store 64/128, unified manifest colour 192.
for (const size of [16, 20, 24, 25, 32, 40, 48, 64, 80, 128, 192]) writeFileSync(new URL(`../assets/icon-${size}.png`, import.meta.url), icon(size));
writeFileSync(new URL("../assets/icon-outline-32.png", import.meta.url), icon(32, true));
