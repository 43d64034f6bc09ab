// @ts-check
/**
 * The library settings of every SiYuan plugin built here: the plugin itself, the panel it embeds
 * (scripts/vite-embed-module.ts) and the benchmark's baselines, so that they are measured alike.
 * One CommonJS file, as SiYuan's loader evaluates it, with `siyuan` left to the loader's
 * `require` (docs/siyuan-plugin-platform.md §2.4).
 * @param {{entry: string, fileName: string, cssFileName: string, exports: "default" | "named"}} options
 *   `exports: "default"` for a plugin (the loader takes `module.exports.default`)
 * @returns {Pick<import("vite").BuildOptions, "target" | "lib" | "rollupOptions">}
 */
export function pluginLibraryBuild({ entry, fileName, cssFileName, exports }) {
  return {
    target: "es2022",
    lib: { entry, formats: ["cjs"], fileName: () => fileName, cssFileName },
    rollupOptions: { external: ["siyuan"], output: { exports } },
  };
}
