// @ts-check
// Zips dist/ into package.zip, the asset the bazaar downloads (docs/siyuan-plugin-platform.md
// §3.2): files at the root, "/" separators, nothing but what the build produced. There is no
// index.css: the panel's stylesheet travels inside index.js and is attached when a panel first
// opens.
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { zipSync } from "fflate";
import { PACKAGE_FILES } from "./package-files.mjs";

const DIST = "dist";

/** @param {string} directory @returns {string[]} */
function listFiles(directory) {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const files = listFiles(DIST).map((path) => relative(DIST, path).split(sep).join("/"));
const missing = PACKAGE_FILES.filter((file) => !files.includes(file));
if (missing.length > 0) {
  console.error(`package: dist/ lacks ${missing.join(", ")}; run the Vite build first.`);
  process.exit(1);
}
const unexpected = files.filter((file) => !PACKAGE_FILES.includes(file));
if (unexpected.length > 0) {
  console.error(`package: unexpected files in dist/: ${unexpected.join(", ")}`);
  process.exit(1);
}

// A fixed date keeps the archive byte-for-byte reproducible.
const mtime = new Date("2026-01-01T00:00:00Z");
const entries = Object.fromEntries(
  files
    .sort()
    .map((file) => [
      file,
      /** @type {[Uint8Array, {mtime: Date}]} */ ([readFileSync(join(DIST, file)), { mtime }]),
    ]),
);
writeFileSync("package.zip", zipSync(entries, { level: 9 }));
console.log(`package.zip: ${files.length} files, ${statSync("package.zip").size} bytes`);
