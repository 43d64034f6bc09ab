/**
 * The split between what SiYuan evaluates at start-up and what waits for a panel
 * (scripts/vite-embed-module.ts, src/shell/embedded-module.ts), on a small fixture graph.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build, type Rolldown } from "vite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { embedModule } from "../../scripts/vite-embed-module";
import { evaluateEmbedded } from "../../src/shell/embedded-module";

const fixtures = resolve(import.meta.dirname, "fixtures/embedded");

describe("evaluateEmbedded", () => {
  it("runs CommonJS text with the given require and returns its exports", () => {
    const required: string[] = [];
    const exports = evaluateEmbedded(
      'exports.answer = require("siyuan").value + 1;',
      "plugin:test/embedded",
      (id) => {
        required.push(id);
        return { value: 41 };
      },
    );
    expect(exports).toEqual({ answer: 42 });
    expect(required).toEqual(["siyuan"]);
  });

  it("honours a replaced module.exports", () => {
    expect(evaluateEmbedded("module.exports = 'whole';", "plugin:test/x", () => null)).toBe(
      "whole",
    );
  });

  it("evaluates in the global scope, not the caller's", () => {
    const exports = evaluateEmbedded(
      "exports.seen = typeof source;",
      "plugin:test/scope",
      () => null,
    );
    expect(exports).toEqual({ seen: "undefined" });
  });

  it("names the code for stack traces with the sourceURL", () => {
    let stack = "";
    try {
      evaluateEmbedded("throw new Error('boom');", "plugin:test/named", () => null);
    } catch (error) {
      stack = String((error as Error).stack);
    }
    expect(stack).toContain("plugin:test/named");
  });
});

describe("the embed-module build", () => {
  let outDir: string;
  let code: string;
  let fileNames: string[];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), "embed-module-"));
    const result = await build({
      configFile: false,
      logLevel: "silent",
      publicDir: false,
      plugins: [
        embedModule({
          boundary: join(fixtures, "boundary.ts"),
          entry: join(fixtures, "entry.ts"),
          evaluator: resolve("src/shell/embedded-module.ts"),
          sourceURL: "plugin:fixture/panel",
          minify: true,
          sourcemap: false,
        }),
      ],
      build: {
        outDir,
        minify: true,
        lib: { entry: join(fixtures, "main.ts"), formats: ["cjs"], fileName: () => "index.js" },
        rollupOptions: { external: ["siyuan"] },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    fileNames = outputs.flatMap((output) => output.output.map((item) => item.fileName));
    code = readFileSync(join(outDir, "index.js"), "utf8");
  }, 30_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  /** Runs index.js as SiYuan's loader does, counting what it requires. */
  function runAsSiyuan() {
    const showMessage = vi.fn();
    const required: string[] = [];
    const module = { exports: {} as Record<string, () => unknown> };
    const factory = (0, eval)(`(function (require, module, exports) {${code}\n})`) as (
      ...args: unknown[]
    ) => void;
    factory(
      (id: string) => {
        required.push(id);
        return { showMessage };
      },
      module,
      module.exports,
    );
    return { exports: module.exports, showMessage, required };
  }

  it("ships one index.js that carries the entry's CSS, and no stylesheet", () => {
    expect(fileNames).toEqual(["index.js"]);
    expect(code).toContain("var(--b3-theme-primary)");
  });

  // The entry requires `siyuan` at its top level: nothing is required until it is evaluated.
  it("evaluates nothing of the entry until load() is called, then once", () => {
    const { exports, showMessage, required } = runAsSiyuan();
    expect(required).toEqual([]);
    const first = exports.panel?.() as { exports: { announce(text: string): void }; css: string };
    expect(required).toEqual(["siyuan"]);
    expect(first.css).toContain(".embedded-fixture");
    first.exports.announce("hi");
    expect(showMessage).toHaveBeenCalledWith("hi");
    expect(exports.panel?.()).toBe(first);
    expect(required).toEqual(["siyuan"]);
  });
});
