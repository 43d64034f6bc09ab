// @ts-check
/**
 * Builds the two baseline plugins with the repository's own Vite and Svelte plugin, using the
 * same library settings as the plugin (scripts/plugin-library-build.mjs), minified, into
 * `bench/.build/<name>/` laid out like a plugin folder (index.js, index.css, plugin.json, i18n/).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { build } from "vite";
import { pluginLibraryBuild } from "../../scripts/plugin-library-build.mjs";

const baselinesDir = fileURLToPath(new URL(".", import.meta.url));
/** Baseline folders under bench/baselines/. */
export const BASELINES = /** @type {const} */ (["hello", "svelte-minimal"]);

/**
 * @param {string} name folder under bench/baselines/
 * @param {string} outDir
 */
async function buildBaseline(name, outDir) {
  const root = path.join(baselinesDir, name);
  await build({
    configFile: false,
    root,
    logLevel: "warn",
    publicDir: false,
    plugins: [svelte({ configFile: false })],
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      sourcemap: false,
      ...pluginLibraryBuild({
        entry: path.join(root, "src/index.ts"),
        fileName: "index.js",
        cssFileName: "index",
        exports: "default",
      }),
    },
  });
  fs.copyFileSync(path.join(root, "plugin.json"), path.join(outDir, "plugin.json"));
  fs.cpSync(path.join(root, "i18n"), path.join(outDir, "i18n"), { recursive: true });
}

/**
 * Builds every baseline; returns their plugin folders by baseline name.
 * @param {string} buildRoot e.g. bench/.build
 * @returns {Promise<Record<(typeof BASELINES)[number], string>>}
 */
export async function buildBaselines(buildRoot) {
  /** @type {Record<string, string>} */
  const dirs = {};
  for (const name of BASELINES) {
    const outDir = path.join(buildRoot, name);
    await buildBaseline(name, outDir);
    dirs[name] = outDir;
  }
  return /** @type {Record<(typeof BASELINES)[number], string>} */ (dirs);
}
