// @ts-check
/** Node side: gzip sizes of a plugin folder's index.js and index.css. */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/**
 * gzip size at zlib's default level (the `gzip` command's -6), 0 for a missing file.
 * @param {string} file
 */
export function gzipSize(file) {
  return fs.existsSync(file) ? zlib.gzipSync(fs.readFileSync(file)).length : 0;
}

/** @param {string} pluginDir */
export function pluginSizes(pluginDir) {
  return {
    jsGzip: gzipSize(path.join(pluginDir, "index.js")),
    cssGzip: gzipSize(path.join(pluginDir, "index.css")),
    jsRaw: fs.statSync(path.join(pluginDir, "index.js")).size,
  };
}
