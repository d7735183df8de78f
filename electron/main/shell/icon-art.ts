/**
 * Tray and app icon art, drawn in code. One source for the PNGs committed under
 * build/icons (written by build/make-icons.mjs) and for the count badge the tray draws at
 * run time on Windows and Linux, where a tray has no title to put the number in.
 * Electron-free: node:zlib only.
 */
import { deflateSync, inflateSync } from 'node:zlib';

export type TrayIconKind = 'normal' | 'due' | 'offline' | 'paused';
export const TRAY_ICON_KINDS: readonly TrayIconKind[] = ['normal', 'due', 'offline', 'paused'];

/** colour: filled badges, legible on dark and light panels alike (dark monochrome icons vanish on dark Linux panels). template: macOS menu-bar template images (black + alpha; the OS tints them). */
export type IconStyle = 'colour' | 'template';

export interface Rgba {
  width: number;
  height: number;
  /** Straight (non-premultiplied) RGBA, row-major. */
  data: Uint8Array;
}

type Colour = readonly [number, number, number];
const WHITE: Colour = [255, 255, 255];
const BLACK: Colour = [0, 0, 0];
export const STATE_COLOURS: Record<TrayIconKind, Colour> = {
  normal: [37, 99, 235],
  due: [220, 38, 38],
  offline: [107, 114, 128],
  paused: [109, 91, 208],
};

// ---------------------------------------------------------------------------------------
// Raster helpers. Shapes are tested in unit coordinates (0..1 of the icon), sampled 4×4
// per pixel, so one description renders cleanly at 16, 22, 32, 44 and 512 px.

type Shape = (x: number, y: number) => boolean;
const SS = 4;

function blank(size: number): Rgba {
  return { width: size, height: size, data: new Uint8Array(size * size * 4) };
}

function fill(img: Rgba, shape: Shape, colour: Colour, alpha = 1): void {
  const n = img.width;
  for (let py = 0; py < n; py++) {
    for (let px = 0; px < n; px++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          if (shape((px + (sx + 0.5) / SS) / n, (py + (sy + 0.5) / SS) / n)) hits++;
        }
      }
      if (hits) blendPixel(img, px, py, colour, (alpha * hits) / (SS * SS));
    }
  }
}

/** Source-over, and "erase" when `erase` is set (knocks a shape out of what is below). */
function blendPixel(img: Rgba, px: number, py: number, c: Colour, a: number, erase = false): void {
  const i = (py * img.width + px) * 4;
  const d = img.data;
  const da = d[i + 3]! / 255;
  if (erase) {
    d[i + 3] = Math.round(da * (1 - a) * 255);
    return;
  }
  const oa = a + da * (1 - a);
  if (oa <= 0) return;
  for (let k = 0; k < 3; k++) d[i + k] = Math.round((c[k]! * a + d[i + k]! * da * (1 - a)) / oa);
  d[i + 3] = Math.round(oa * 255);
}

function erase(img: Rgba, shape: Shape): void {
  const n = img.width;
  for (let py = 0; py < n; py++) {
    for (let px = 0; px < n; px++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          if (shape((px + (sx + 0.5) / SS) / n, (py + (sy + 0.5) / SS) / n)) hits++;
        }
      }
      if (hits) blendPixel(img, px, py, BLACK, hits / (SS * SS), true);
    }
  }
}

const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

function segDist(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const polyline =
  (pts: ReadonlyArray<readonly [number, number]>, width: number): Shape =>
  (x, y) => {
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1]!;
      const b = pts[i]!;
      if (segDist(x, y, a[0], a[1], b[0], b[1]) <= width / 2) return true;
    }
    return false;
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

// Glyphs, in unit coordinates of the icon.
const BADGE = roundedRect(0.06, 0.06, 0.94, 0.94, 0.22);
const BADGE_INNER = roundedRect(0.16, 0.16, 0.84, 0.84, 0.13);
const CHECK = polyline(
  [
    [0.27, 0.52],
    [0.44, 0.68],
    [0.74, 0.35],
  ],
  0.13,
);
const BELL = union(
  (x, y) => y <= 0.47 && circle(0.5, 0.47, 0.22)(x, y),
  (x, y) => {
    if (y < 0.47 || y > 0.66) return false;
    const half = 0.22 + ((y - 0.47) / 0.19) * 0.08;
    return Math.abs(x - 0.5) <= half;
  },
  roundedRect(0.16, 0.64, 0.84, 0.72, 0.03),
  circle(0.5, 0.79, 0.075),
  circle(0.5, 0.23, 0.05),
);
const BANG = union(roundedRect(0.43, 0.2, 0.57, 0.6, 0.06), circle(0.5, 0.74, 0.08));
const PAUSE = union(roundedRect(0.31, 0.27, 0.44, 0.73, 0.03), roundedRect(0.56, 0.27, 0.69, 0.73, 0.03));

const GLYPH: Record<TrayIconKind, Shape> = { normal: CHECK, due: BELL, offline: BANG, paused: PAUSE };

/** A state icon at `size` px: a filled badge with a white glyph, or its template form. */
export function drawStateIcon(kind: TrayIconKind, size: number, style: IconStyle): Rgba {
  const img = blank(size);
  if (style === 'colour') {
    fill(img, BADGE, STATE_COLOURS[kind]);
    fill(img, GLYPH[kind], WHITE);
    return img;
  }
  // Template: an outlined badge, solid for "due" so it reads at a glance in a monochrome bar.
  if (kind === 'due') {
    fill(img, BADGE, BLACK);
    erase(img, GLYPH.due);
  } else {
    fill(img, minus(BADGE, BADGE_INNER), BLACK);
    fill(img, kind === 'normal' ? polyline([[0.33, 0.52], [0.45, 0.63], [0.68, 0.38]], 0.11) : scaleAbout(GLYPH[kind], 0.72), BLACK);
  }
  return img;
}

function scaleAbout(shape: Shape, k: number): Shape {
  return (x, y) => shape(0.5 + (x - 0.5) / k, 0.5 + (y - 0.5) / k);
}

// ---------------------------------------------------------------------------------------
// Count badge: precomputed bitmap digits, pixel-aligned, because anti-aliased digits smear
// into grey at 16 px.

const FONT_5x7: Record<string, readonly string[]> = {
  '0': ['01110', '10001', '10001', '10001', '10001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  '+': ['00000', '00100', '00100', '11111', '00100', '00100', '00000'],
};
const FONT_3x5: Record<string, readonly string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};

/** "1".."99", then "99+". */
export function countLabel(count: number): string {
  return count > 99 ? '99+' : String(Math.max(0, Math.floor(count)));
}

interface TextLayout {
  font: Record<string, readonly string[]>;
  scale: number;
  width: number;
  height: number;
}

/** The largest font and integer scale whose text fits the badge's inner area. */
export function layoutText(text: string, size: number): TextLayout | null {
  let best: TextLayout | null = null;
  for (const font of [FONT_5x7, FONT_3x5]) {
    const gw = font['0']![0]!.length;
    const gh = font['0']!.length;
    for (let scale = 1; scale <= 16; scale++) {
      const width = (text.length * gw + (text.length - 1)) * scale;
      const height = gh * scale;
      if (width > size * 0.8 || height > size * 0.64) break;
      if (!best || height > best.height) best = { font, scale, width, height };
    }
  }
  return best;
}

/** The "due" badge with the count in place of the bell. */
export function drawCountIcon(count: number, size: number): Rgba {
  const img = blank(size);
  fill(img, BADGE, STATE_COLOURS.due);
  const text = countLabel(count);
  const layout = layoutText(text, size);
  if (!layout) {
    fill(img, BELL, WHITE);
    return img;
  }
  const { font, scale, width, height } = layout;
  const gw = font['0']![0]!.length;
  let x0 = Math.round((size - width) / 2);
  const y0 = Math.round((size - height) / 2);
  for (const ch of text) {
    const rows = font[ch]!;
    rows.forEach((row, gy) => {
      for (let gx = 0; gx < row.length; gx++) {
        if (row[gx] !== '1') continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) blendPixel(img, x0 + gx * scale + dx, y0 + gy * scale + dy, WHITE, 1);
        }
      }
    });
    x0 += (gw + 1) * scale;
  }
  return img;
}

/** The application icon (installers, window, notifications). */
export function drawAppIcon(size: number): Rgba {
  const img = blank(size);
  fill(img, roundedRect(0.04, 0.04, 0.96, 0.96, 0.2), STATE_COLOURS.normal);
  fill(img, polyline([[0.27, 0.52], [0.44, 0.68], [0.74, 0.35]], 0.11), WHITE);
  fill(img, circle(0.76, 0.24, 0.12), STATE_COLOURS.due);
  return img;
}

// ---------------------------------------------------------------------------------------
// PNG: IHDR (RGBA, 8 bit), one IDAT with filter 0 per row, IEND.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function encodePng(img: Rgba): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(img.width, 0);
  ihdr.writeUInt32BE(img.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const stride = img.width * 4;
  const raw = Buffer.alloc((stride + 1) * img.height);
  for (let y = 0; y < img.height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(img.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

/**
 * Reads back what encodePng writes (RGBA, 8 bit, filter 0): enough to compare the committed
 * icons with freshly drawn pixels, whatever zlib version compressed them.
 */
export function decodePng(buf: Buffer): Rgba {
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let off = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const body = buf.subarray(off + 8, off + 8 + len);
    if (buf.readUInt32BE(off + 8 + len) !== crc32(buf.subarray(off + 4, off + 8 + len))) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[9] !== 6) throw new Error('only 8-bit RGBA is supported');
    } else if (type === 'IDAT') idat.push(body);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * (stride + 1)] !== 0) throw new Error('only filter 0 is supported');
    data.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, data };
}

// ---------------------------------------------------------------------------------------
// The icon set on disk (relative to build/icons), as packaged into resources/tray.

export type TrayPlatform = 'win32' | 'darwin' | 'linux';

/** Base size (1x) of a tray icon per platform: Windows notification area 16, macOS menu bar 16 pt, Linux panels 22. */
export const TRAY_BASE_SIZE: Record<TrayPlatform, number> = { win32: 16, darwin: 16, linux: 22 };

/** File name of a state icon; Electron picks "@2x" next to it by itself, and "Template" marks macOS template images. */
export function trayIconFile(platform: TrayPlatform, kind: TrayIconKind, scale: 1 | 2): string {
  const suffix = scale === 2 ? '@2x' : '';
  if (platform === 'darwin') return `mac/${kind}Template${suffix}.png`;
  return `${platform === 'win32' ? 'win' : 'linux'}/${kind}${suffix}.png`;
}

export interface IconFile {
  /** Relative to build/icons. */
  file: string;
  draw: () => Rgba;
}

export function allIconFiles(): IconFile[] {
  const out: IconFile[] = [];
  for (const platform of ['win32', 'darwin', 'linux'] as const) {
    for (const kind of TRAY_ICON_KINDS) {
      for (const scale of [1, 2] as const) {
        const size = TRAY_BASE_SIZE[platform] * scale;
        out.push({
          file: `tray/${trayIconFile(platform, kind, scale)}`,
          draw: () => drawStateIcon(kind, size, platform === 'darwin' ? 'template' : 'colour'),
        });
      }
    }
  }
  out.push({ file: 'icon.png', draw: () => drawAppIcon(512) });
  return out;
}
