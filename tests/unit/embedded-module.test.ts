/**
 * The split between what SiYuan evaluates at start-up and what waits for a panel
 * (scripts/vite-embed-module.ts, src/shell/embedded-module.ts), on a small fixture graph.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build, type Rolldown } from "vite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { embedModule, toAscii, wrapCommonJs } from "../../scripts/vite-embed-module";
import { evaluateEmbedded } from "../../src/shell/embedded-module";

const fixtures = resolve(import.meta.dirname, "fixtures/embedded");
const NON_ASCII = /[\u0080-\uffff]/;

describe("evaluateEmbedded", () => {
  it("runs CommonJS text with the given require and returns its exports", () => {
    const required: string[] = [];
    const exports = evaluateEmbedded(
      wrapCommonJs('exports.answer = require("siyuan").value + 1;', "plugin:test/embedded"),
      (id) => {
        required.push(id);
        return { value: 41 };
      },
    );
    expect(exports).toEqual({ answer: 42 });
    expect(required).toEqual(["siyuan"]);
  });

  it("honours a replaced module.exports", () => {
    expect(
      evaluateEmbedded(wrapCommonJs("module.exports = 'whole';", "plugin:test/x"), () => null),
    ).toBe("whole");
  });

  it("evaluates in the global scope, not the caller's", () => {
    const exports = evaluateEmbedded(
      wrapCommonJs("exports.seen = typeof wrappedSource;", "plugin:test/scope"),
      () => null,
    );
    expect(exports).toEqual({ seen: "undefined" });
  });

  it("names the code for stack traces with the sourceURL", () => {
    let stack = "";
    try {
      evaluateEmbedded(wrapCommonJs("throw new Error('boom');", "plugin:test/named"), () => null);
    } catch (error) {
      stack = String((error as Error).stack);
    }
    expect(stack).toContain("plugin:test/named");
  });
});

describe("toAscii", () => {
  it("escapes every non-ASCII unit, leaving the code's meaning unchanged", () => {
    const code =
      'exports.values = ["只读模式", `— ${1} …`, /[\u3000😀]/u.test("😀"), "\u00a0".length];';
    const escaped = toAscii(code);
    expect(escaped).not.toMatch(NON_ASCII);
    const run = (text: string) => evaluateEmbedded(wrapCommonJs(text, "plugin:test/a"), () => null);
    expect(run(escaped)).toEqual(run(code));
    expect(run(escaped)).toEqual({ values: ["只读模式", "— 1 …", true, 1] });
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

  it("writes index.js in ASCII, the embedded text included", () => {
    expect(code).not.toMatch(NON_ASCII);
    expect(code).toContain("\\\\u2014");
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
