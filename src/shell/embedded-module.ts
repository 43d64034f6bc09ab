/**
 * Evaluates the panel that `npm run build` embeds in index.js as text (docs/embedded-panel.md).
 */

/** The `require` SiYuan's loader hands to index.js: `siyuan`, and Node's modules on desktop. */
export type RequireFunction = (id: string) => unknown;

type CommonJsFactory = (
  require: RequireFunction,
  module: { exports: unknown },
  exports: unknown,
) => void;

/**
 * Runs the CommonJS text that `npm run build` embedded in index.js, already wrapped as SiYuan's
 * own loader wraps index.js (`wrapCommonJs` in scripts/vite-embed-module.ts): an indirect `eval`
 * of a function expression taking `require`, `module` and `exports`. Returns `module.exports`.
 */
export function evaluateEmbedded(wrappedSource: string, require: RequireFunction): unknown {
  const module = { exports: {} as unknown };
  const factory = (0, eval)(wrappedSource) as CommonJsFactory;
  factory(require, module, module.exports);
  return module.exports;
}
