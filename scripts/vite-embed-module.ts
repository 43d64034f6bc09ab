/**
 * Vite plugin: ships a module graph inside `index.js` as text, evaluated on first use (why:
 * docs/embedded-panel.md). In `vite build`, the *boundary* module is replaced by generated code
 * holding the *entry*'s own build (CommonJS, `siyuan` external, its CSS beside it) as two strings,
 * and a `load()` that evaluates them the first time it is called. The output is kept to ASCII,
 * other characters written as `\uXXXX` escapes (docs/embedded-panel.md, "Two details").
 *
 * Outside `vite build` (Vitest, svelte-check) the boundary's real content is used: it imports
 * the entry directly, so tests run the same code without the text step.
 */
import { resolve } from "node:path";
import { build, type Plugin, type Rolldown } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { pluginLibraryBuild } from "./plugin-library-build.mjs";

export interface EmbedModuleOptions {
  /** The module whose content the build replaces, e.g. `src/shell/panel-module.ts`. */
  readonly boundary: string;
  /** The entry of the graph to embed, e.g. `src/shell/panel-host.ts`. */
  readonly entry: string;
  /**
   * A module exporting `evaluateEmbedded(source, require)`, which runs the wrapped CommonJS text
   * with the `require` SiYuan's loader gave index.js.
   */
  readonly evaluator: string;
  /** Names the evaluated code in the browser's developer tools (`//# sourceURL=`). */
  readonly sourceURL: string;
  readonly minify: boolean;
  readonly sourcemap: boolean;
}

type OutputItem = Rolldown.OutputChunk | Rolldown.OutputAsset;

/**
 * Writes every non-ASCII UTF-16 unit of minified code as a `\uXXXX` escape. Minified code has
 * such characters only in string, template and regular-expression literals, where the escape
 * means the same character (a surrogate pair written as two escapes included).
 */
export function toAscii(code: string): string {
  return code.replace(
    /[\u0080-\uffff]/g,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * CommonJS code as the function expression SiYuan's loader makes of index.js, named for the
 * developer tools; `evaluateEmbedded` evaluates exactly this text, so that no second copy of it
 * is built at run time.
 */
export function wrapCommonJs(code: string, sourceURL: string): string {
  return `(function (require, module, exports) {${code}\n})\n//# sourceURL=${sourceURL}\n`;
}

async function buildEmbedded(options: EmbedModuleOptions): Promise<OutputItem[]> {
  const result = await build({
    configFile: false,
    logLevel: "warn",
    publicDir: false,
    plugins: [svelte({ configFile: false, compilerOptions: { discloseVersion: false } })],
    build: {
      write: false,
      minify: options.minify,
      sourcemap: options.sourcemap ? "inline" : false,
      ...pluginLibraryBuild({
        entry: resolve(options.entry),
        fileName: "embedded.js",
        cssFileName: "embedded",
        exports: "named",
      }),
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  return outputs.flatMap((output) => ("output" in output ? output.output : []));
}

export function embedModule(options: EmbedModuleOptions): Plugin {
  const boundary = resolve(options.boundary);
  return {
    name: "embed-module",
    apply: "build",
    enforce: "pre",
    async load(id) {
      if (resolve(id.split("?")[0] ?? id) !== boundary) return null;
      const items = await buildEmbedded(options);
      const chunk = items.find((item): item is Rolldown.OutputChunk => item.type === "chunk");
      if (!chunk) throw new Error(`embed-module: building ${options.entry} produced no code`);
      // `npm run dev` rebuilds when any file of the embedded graph changes.
      for (const moduleId of chunk.moduleIds)
        if (!moduleId.startsWith("\0")) this.addWatchFile(moduleId);
      const css = items
        .filter((item): item is Rolldown.OutputAsset => item.type === "asset")
        .filter((asset) => asset.fileName.endsWith(".css"))
        .map((asset) => String(asset.source))
        .join("\n");
      return [
        `import { evaluateEmbedded } from ${JSON.stringify(resolve(options.evaluator))};`,
        `const source = ${JSON.stringify(wrapCommonJs(toAscii(chunk.code), options.sourceURL))};`,
        `let loaded;`,
        `export function load() {`,
        // index.js is itself CommonJS run by SiYuan's loader: `require` is the loader's.
        `  loaded ??= { exports: evaluateEmbedded(source, require),`,
        `    css: ${JSON.stringify(css)} };`,
        `  return loaded;`,
        `}`,
      ].join("\n");
    },
    generateBundle(_options, bundle) {
      for (const item of Object.values(bundle))
        if (item.type === "chunk") item.code = toAscii(item.code);
    },
  };
}
