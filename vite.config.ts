import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { PACKAGE_ROOT_FILES } from "./scripts/package-files.mjs";
import { pluginLibraryBuild } from "./scripts/plugin-library-build.mjs";
import { embedModule } from "./scripts/vite-embed-module.ts";

const pluginName = (JSON.parse(readFileSync("plugin.json", "utf8")) as { name: string }).name;

/** `SIYUAN_WORKSPACE=/path npm run dev` builds straight into that workspace's plugin folder. */
function outputDirectory(): string {
  const workspace = process.env.SIYUAN_WORKSPACE;
  return workspace ? resolve(workspace, "data", "plugins", pluginName) : "dist";
}

function copyPackageRootFiles(): Plugin {
  return {
    name: "copy-package-root-files",
    apply: "build",
    generateBundle() {
      for (const fileName of PACKAGE_ROOT_FILES) {
        this.emitFile({ type: "asset", fileName, source: readFileSync(fileName) });
      }
    },
  };
}

export default defineConfig(({ mode }) => ({
  plugins: [
    embedModule({
      boundary: "src/shell/panel-module.ts",
      entry: "src/shell/panel-host.ts",
      evaluator: "src/shell/embedded-module.ts",
      sourceURL: `plugin:${pluginName}/panel`,
      minify: mode !== "development",
      sourcemap: mode === "development",
    }),
    svelte(),
    svelteTesting(),
    copyPackageRootFiles(),
  ],
  publicDir: "public",
  build: {
    outDir: outputDirectory(),
    emptyOutDir: true,
    minify: mode !== "development",
    sourcemap: mode === "development" ? "inline" : false,
    ...pluginLibraryBuild({
      entry: "src/index.ts",
      fileName: "index.js",
      cssFileName: "index",
      exports: "default",
    }),
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: [
            "tests/unit/**/*.test.ts",
            "tests/conformance/**/*.test.ts",
            "tests/sandbox/**/*.test.ts",
          ],
        },
      },
      {
        extends: true,
        resolve: { alias: { siyuan: resolve("tests/mocks/siyuan.ts") } },
        test: {
          name: "component",
          environment: "jsdom",
          include: ["tests/component/**/*.test.ts"],
          setupFiles: ["tests/component/setup.ts"],
          // A few tests drive dozens of round trips (settings read, then list) through jsdom; on a
          // shared two-core machine the default 5 s is not enough for them.
          testTimeout: 15_000,
        },
      },
    ],
  },
}));
