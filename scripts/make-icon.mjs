// @ts-check
// Draws icon.png (160×160): a white cloud with a folder on a blue rounded square.
// Run `node scripts/make-icon.mjs`; the result is committed, so builds do not depend on it.
import { writeFileSync } from "node:fs";
import { PNG } from "pngjs";

const SIZE = 160;
const BACKGROUND = [53, 117, 240];
const FOREGROUND = 255;

/** @param {number} x @param {number} y @param {number} cx @param {number} cy @param {number} r */
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

/**
 * Signed distance to a rounded rectangle.
 * @param {number} x @param {number} y
 * @param {[number, number, number, number, number]} rect x0, y0, x1, y1, corner radius
 */
function roundedRect(x, y, [x0, y0, x1, y1, r]) {
  const qx = Math.abs(x - (x0 + x1) / 2) - (x1 - x0) / 2 + r;
  const qy = Math.abs(y - (y0 + y1) / 2) - (y1 - y0) / 2 + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** @param {number} x @param {number} y */
function cloud(x, y) {
  return Math.min(
    circle(x, y, 62, 84, 24),
    circle(x, y, 90, 70, 30),
    circle(x, y, 112, 90, 18),
    roundedRect(x, y, [40, 84, 128, 116, 14]),
  );
}

/** The folder is cut out of the cloud, so it shows in the background colour. @param {number} x @param {number} y */
function folder(x, y) {
  return Math.min(roundedRect(x, y, [66, 90, 104, 108, 2]), roundedRect(x, y, [66, 86, 80, 92, 2]));
}

/** Coverage of a pixel by a shape, from its signed distance (one pixel of anti-aliasing). @param {number} distance */
const coverage = (distance) => Math.min(1, Math.max(0, 0.5 - distance));

const png = new PNG({ width: SIZE, height: SIZE });
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const px = x + 0.5;
    const py = y + 0.5;
    const tile = coverage(roundedRect(px, py, [4, 4, 156, 156, 32]));
    const white = coverage(cloud(px, py)) * (1 - coverage(folder(px, py)));
    const offset = (y * SIZE + x) * 4;
    BACKGROUND.forEach((background, channel) => {
      png.data[offset + channel] = Math.round(background * (1 - white) + FOREGROUND * white);
    });
    png.data[offset + 3] = Math.round(tile * 255);
  }
}
writeFileSync("icon.png", PNG.sync.write(png, { colorType: 6 }));
