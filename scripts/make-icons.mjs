#!/usr/bin/env node
/**
 * Draws the app icon (a paper plane on a blue rounded square) and the tray icons (one per state)
 * into PNG files with nothing but Node's zlib, so the icons can be remade from source anywhere:
 *   node scripts/make-icons.mjs
 * Writes build/icon.png (1024 px, for electron-builder's .icns and .ico), build/icons/<n>x<n>.png
 * (the Linux icon set) and build/tray/<state>.png + <state>@2x.png (16 and 32 px).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const buildDir = fileURLToPath(new URL('../build/', import.meta.url));

// ------------------------------------------------------------------ PNG encoding

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG from `size * size * 4` straight-alpha bytes. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ------------------------------------------------------------------ drawing

const hex = (value, alpha = 1) => [parseInt(value.slice(1, 3), 16), parseInt(value.slice(3, 5), 16), parseInt(value.slice(5, 7), 16), alpha];

/** Shapes work in unit coordinates (0..1 across the icon); `fill` is a colour or a function of (x, y). */
const roundedSquare = (inset, radius) => (x, y) => {
  const lo = inset + radius;
  const hi = 1 - inset - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return x >= inset && x <= 1 - inset && y >= inset && y <= 1 - inset && dx * dx + dy * dy <= radius * radius;
};

const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** A convex polygon, points in either winding order. */
const polygon = (points) => (x, y) => {
  let sign = 0;
  for (let i = 0; i < points.length; i++) {
    const [ax, ay] = points[i];
    const [bx, by] = points[(i + 1) % points.length];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross !== 0) {
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) return false;
    }
  }
  return true;
};

const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** Renders layers (painted in order, source-over) with `samples`² supersampling for smooth edges. */
function render(size, layers, samples) {
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          // Premultiplied source-over per sample.
          let sr = 0;
          let sg = 0;
          let sb = 0;
          let sa = 0;
          for (const layer of layers) {
            if (!layer.shape(x, y)) continue;
            const [lr, lg, lb, la] = typeof layer.fill === 'function' ? layer.fill(x, y) : layer.fill;
            sr = lr * la + sr * (1 - la);
            sg = lg * la + sg * (1 - la);
            sb = lb * la + sb * (1 - la);
            sa = la + sa * (1 - la);
          }
          r += sr;
          g += sg;
          b += sb;
          a += sa;
        }
      }
      const n = samples * samples;
      const alpha = a / n;
      const offset = (py * size + px) * 4;
      out[offset] = alpha ? Math.round(r / n / alpha) : 0;
      out[offset + 1] = alpha ? Math.round(g / n / alpha) : 0;
      out[offset + 2] = alpha ? Math.round(b / n / alpha) : 0;
      out[offset + 3] = Math.round(alpha * 255);
    }
  }
  return out;
}

// ------------------------------------------------------------------ the artwork

const TOP = hex('#37BBFE');
const BOTTOM = hex('#1E96D9');
const blueGradient = (x, y) => {
  const t = Math.min(1, Math.max(0, (x + y) / 2));
  return [0, 1, 2].map((i) => TOP[i] + (BOTTOM[i] - TOP[i]) * t).concat(1);
};

/** The paper plane, scaled by `k` around the icon's centre and moved by (dx, dy). */
function plane(k = 1, dx = 0, dy = 0) {
  const at = ([x, y]) => [0.5 + (x - 0.5) * k + dx, 0.5 + (y - 0.5) * k + dy];
  const tail = at([0.2, 0.5]);
  const nose = at([0.8, 0.26]);
  const fold = at([0.47, 0.585]);
  const belly = at([0.655, 0.765]);
  const keel = at([0.455, 0.735]);
  const hinge = at([0.545, 0.64]);
  return [
    { shape: polygon([tail, nose, fold]), fill: hex('#FFFFFF') },
    { shape: polygon([fold, nose, belly]), fill: hex('#E3F3FD') },
    { shape: polygon([fold, hinge, keel]), fill: hex('#B7DDF5') },
  ];
}

const appIcon = [{ shape: roundedSquare(0.04, 0.2), fill: blueGradient }, ...plane(0.9, -0.01, 0.01)];

const STATE_COLOURS = { ok: '#2EB872', warning: '#F5A623', error: '#E5484D', paused: '#646C75' };

/** A blue disc with the plane (grey while paused) and a state dot with a white ring, bottom right. */
function trayIcon(state) {
  const disc = state === 'paused' ? hex('#9AA3AD') : hex('#229ED9');
  const dot = hex(STATE_COLOURS[state]);
  const layers = [{ shape: circle(0.47, 0.47, 0.45), fill: disc }, ...plane(0.95, -0.05, -0.02)];
  layers.push({ shape: circle(0.77, 0.77, 0.23), fill: hex('#FFFFFF') }, { shape: circle(0.77, 0.77, 0.17), fill: dot });
  if (state === 'paused') {
    layers.push({ shape: rect(0.7, 0.68, 0.74, 0.86), fill: hex('#FFFFFF') }, { shape: rect(0.8, 0.68, 0.84, 0.86), fill: hex('#FFFFFF') });
  }
  return layers;
}

function write(file, size, layers, samples) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, encodePng(size, render(size, layers, samples)));
  console.log(`${path.relative(process.cwd(), file)} ${size}x${size}`);
}

write(path.join(buildDir, 'icon.png'), 1024, appIcon, 3);
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  write(path.join(buildDir, 'icons', `${size}x${size}.png`), size, appIcon, size <= 64 ? 8 : 4);
}
for (const state of Object.keys(STATE_COLOURS)) {
  write(path.join(buildDir, 'tray', `${state}.png`), 16, trayIcon(state), 8);
  write(path.join(buildDir, 'tray', `${state}@2x.png`), 32, trayIcon(state), 8);
}
