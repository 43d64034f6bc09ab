/** The `require` SiYuan's loader hands to index.js: `siyuan`, and Node's modules on desktop. */
export type RequireFunction = (id: string) => unknown;

/**
 * Runs CommonJS text that `npm run build` embedded in index.js (scripts/vite-embed-module.ts),
 * the way SiYuan's own loader runs index.js: an indirect `eval` of a function taking `require`,
 * `module` and `exports`, named for the developer tools by `sourceURL`. Returns its
 * `module.exports`.
 */
export function evaluateEmbedded(
  source: string,
  sourceURL: string,
  require: RequireFunction,
): unknown {
  const module = { exports: {} as unknown };
  const factory = (0, eval)(
    `(function (require, module, exports) {${source}\n})\n//# sourceURL=${sourceURL}\n`,
  ) as (require: RequireFunction, module: { exports: unknown }, exports: unknown) => void;
  factory(require, module, module.exports);
  return module.exports;
}
