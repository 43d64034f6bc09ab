// @ts-check
/** Node side: gzip sizes of a plugin folder's index.js and index.css. */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** How the embedded panel's code starts (`wrapCommonJs` in scripts/vite-embed-module.ts). */
const EMBEDDED_CODE_START = "(function (require, module, exports) {";
/** The property of the generated `load()` that holds the embedded panel's CSS. */
const EMBEDDED_CSS_KEY = "css:";

/**
 * gzip size at zlib's default level (the `gzip` command's -6).
 * @param {string | Buffer} content
 */
const gzipLength = (content) => zlib.gzipSync(content).length;

/**
 * The index just past the string or template literal whose opening quote is at `start`, in
 * minified code (no `${` substitutions: the build writes the embedded texts as plain strings).
 * @param {string} code @param {number} start
 */
function literalEnd(code, start) {
  const quote = code[start];
  for (let index = start + 1; index < code.length; index += 1) {
    if (code[index] === "\\") index += 1;
    else if (code[index] === quote) return index + 1;
  }
  throw new Error("bench: unterminated string literal in index.js");
}

/**
 * The spans [start, end) of the string literals that hold the embedded panel, its code and its
 * CSS (docs/embedded-panel.md); none for a plugin without one.
 * @param {string} code
 * @returns {Array<[number, number]>}
 */
function embeddedLiterals(code) {
  const codeAt = code.indexOf(EMBEDDED_CODE_START) - 1;
  if (codeAt < 0) return [];
  const spans = /** @type {Array<[number, number]>} */ ([[codeAt, literalEnd(code, codeAt)]]);
  const cssKey = code.indexOf(EMBEDDED_CSS_KEY, spans[0]?.[1]);
  const cssAt = cssKey + EMBEDDED_CSS_KEY.length;
  if (cssKey >= 0 && "'\"`".includes(code[cssAt] ?? ""))
    spans.push([cssAt, literalEnd(code, cssAt)]);
  return spans;
}

/**
 * Sizes of a plugin folder. `jsStartupGzip` is index.js without the embedded panel's literals
 * (each left as an empty string): what SiYuan parses and runs at every start.
 * @param {string} pluginDir
 */
export function pluginSizes(pluginDir) {
  const code = fs.readFileSync(path.join(pluginDir, "index.js"), "utf8");
  const spans = embeddedLiterals(code);
  let startup = code;
  for (const [start, end] of [...spans].reverse())
    startup = `${startup.slice(0, start)}""${startup.slice(end)}`;
  const css = path.join(pluginDir, "index.css");
  return {
    jsGzip: gzipLength(code),
    jsStartupGzip: gzipLength(startup),
    embedsPanel: spans.length > 0,
    cssGzip: fs.existsSync(css) ? gzipLength(fs.readFileSync(css)) : 0,
    jsRaw: Buffer.byteLength(code),
  };
}
