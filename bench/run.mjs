// @ts-check
/**
 * `npm run bench`: builds the plugin and the two baseline plugins, then measures all three side by
 * side in Debian's Chromium through the sandbox host (one fresh page per run), prints the table,
 * writes bench/results.json and exits 1 when a figure is over its budget.
 *
 * Options: --runs N (default 20; fewer is for trying the bench out only), --cycles N (default 200),
 * --skip-build (reuse dist/), --readme (rewrite the table in README.md's Performance section).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../scripts/chromium.mjs";
import { startSandbox } from "../sandbox/server.mjs";
import { buildBaselines } from "./baselines/build.mjs";
import {
  markdownTable,
  passes,
  README_END,
  README_START,
  tableRows,
  textTable,
  updateReadme,
} from "./lib/report.mjs";
import { summarize } from "./lib/stats.mjs";
import { measureCycles } from "./measure/cycles.mjs";
import {
  DIRECTORY_COUNT,
  FILTER_QUERY,
  measureDirectoryList,
  stageDirectories,
} from "./measure/dir-list.mjs";
import { pluginSizes } from "./measure/sizes.mjs";
import { HOST_REQUESTS, measureStartup } from "./measure/startup.mjs";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const MIN_RUNS = 20;
const KB = 1000;
const MB = 1000 * 1000;
/** The load-time budget, relative to the hello baseline. */
const LOAD_BUDGET_RATIO = 1.5;

const { values: options } = parseArgs({
  options: {
    runs: { type: "string", default: String(MIN_RUNS) },
    cycles: { type: "string", default: "200" },
    "skip-build": { type: "boolean", default: false },
    readme: { type: "boolean", default: false },
  },
});
const runs = Number(options.runs);
const cycles = Number(options.cycles);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(cycles) || cycles < 1) {
  console.error("--runs and --cycles take positive integers");
  process.exit(2);
}

/** @param {string} line */
const progress = (line) => process.stderr.write(`[bench] ${line}\n`);

/** @typedef {import("./measure/targets.mjs").Target} Target */
/** @typedef {import("./measure/targets.mjs").TargetKey} TargetKey */
/** @typedef {import("./lib/report.mjs").Figure} Figure */

function buildPlugin() {
  progress("building the plugin (npm run build)");
  const result = spawnSync("npm", ["run", "build"], { cwd: repoRoot, encoding: "utf8" });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error("npm run build failed");
  }
}

/** @param {string} dir */
function readPluginName(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, "plugin.json"), "utf8")).name;
}

/** @param {import("playwright-core").Browser} browser */
function machineInfo(browser) {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: browser.version(),
    /** 1/5/15-minute load averages when the measuring started: other work skews timings. */
    loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
}

/**
 * Runs `measure` once per run and target, rotating the order of the targets every run so that
 * none is always measured first.
 * @template T
 * @param {Target[]} targets
 * @param {(target: Target, run: number) => Promise<T>} measure
 * @param {string} phase
 * @returns {Promise<Map<TargetKey, T[]>>}
 */
async function interleaved(targets, measure, phase) {
  /** @type {Map<TargetKey, T[]>} */
  const results = new Map(targets.map((target) => [target.key, []]));
  for (let run = 0; run < runs; run += 1) {
    for (let offset = 0; offset < targets.length; offset += 1) {
      const target = /** @type {Target} */ (targets[(run + offset) % targets.length]);
      results.get(target.key)?.push(await measure(target, run));
    }
    progress(`${phase}: run ${run + 1}/${runs}`);
  }
  return results;
}

/**
 * @template T
 * @param {T[] | undefined} list
 * @param {(item: T) => number} pick
 */
const over = (list, pick) => (list && list.length > 0 ? summarize(list.map(pick)) : undefined);

async function main() {
  if (runs < MIN_RUNS)
    progress(`only ${runs} runs: fine for trying the bench, not for a result (use ≥ ${MIN_RUNS})`);
  const started = Date.now();
  if (!options["skip-build"]) buildPlugin();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cloud-sync-dir-bench-"));
  /** @type {Array<() => Promise<void>>} */
  const cleanups = [async () => fs.rmSync(scratch, { recursive: true, force: true })];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    progress("building the baselines");
    const baselineDirs = await buildBaselines(path.join(scratch, "build"));
    const pluginDir = path.join(repoRoot, "dist");
    const pluginName = readPluginName(pluginDir);

    /** @type {Target[]} */
    const targets = [
      {
        key: "plugin",
        label: pluginName,
        name: pluginName,
        dir: pluginDir,
        ready: ["select", 'input[type="text"]', 'button[type="submit"]'],
        command: "commandCreate",
        url: "",
      },
      {
        key: "hello",
        label: "hello",
        name: readPluginName(baselineDirs.hello),
        dir: baselineDirs.hello,
        ready: [],
        command: undefined,
        url: "",
      },
      {
        key: "svelteMinimal",
        label: "svelte-minimal",
        name: readPluginName(baselineDirs["svelte-minimal"]),
        dir: baselineDirs["svelte-minimal"],
        ready: ["input", "button"],
        command: undefined,
        url: "",
      },
    ];
    /** @param {string} key @param {string} dir */
    const sandboxFor = async (key, dir) => {
      const root = path.join(scratch, key);
      const sandbox = await startSandbox({
        port: 0,
        pluginDir: dir,
        extraPluginDirs: [],
        cloudDir: path.join(root, "cloud"),
        storageDir: path.join(root, "workspace"),
      });
      cleanups.push(() => sandbox.close());
      return sandbox;
    };
    for (const target of targets) target.url = (await sandboxFor(target.key, target.dir)).url;
    const listSandbox = await sandboxFor("list", pluginDir);
    const staged = path.join(scratch, "list", "staged");
    stageDirectories(staged);
    const plugin = /** @type {Target} */ (targets[0]);
    const listTarget = { ...plugin, url: listSandbox.url };

    const browser = await chromium.launch(
      chromiumLaunchOptions(["--enable-precise-memory-info", "--js-flags=--expose-gc"]),
    );
    cleanups.push(() => browser.close());
    const machine = machineInfo(browser);

    const startup = await interleaved(
      targets,
      (target, run) => measureStartup(browser, target, run),
      "start-up, dock and create",
    );
    /** @type {Awaited<ReturnType<typeof measureDirectoryList>>[]} */
    const lists = [];
    for (let run = 0; run < runs; run += 1) {
      lists.push(
        await measureDirectoryList(browser, listTarget, { cloudDir: listSandbox.cloudDir, staged }),
      );
      progress(`${DIRECTORY_COUNT} directories: run ${run + 1}/${runs}`);
    }
    const leaks = await interleaved(
      targets,
      (target) => measureCycles(browser, target, cycles),
      `${cycles} open/close cycles`,
    );

    const helloRuns = startup.get("hello") ?? [];
    const hostOwn = helloRuns.flatMap((run) => run.apiBeforeLoaded);
    const unexpectedHost = hostOwn.filter((requestPath) => !HOST_REQUESTS.includes(requestPath));
    if (unexpectedHost.length > 0 || helloRuns.some((run) => run.apiBeforeLoaded.length !== 2))
      throw new Error(
        `the host's own requests changed (hello made ${JSON.stringify(hostOwn)}); update HOST_REQUESTS`,
      );
    const helloNodes = summarize(helloRuns.map((run) => run.domNodes)).median;
    const sizes = {
      plugin: pluginSizes(pluginDir),
      hello: pluginSizes(baselineDirs.hello),
      svelteMinimal: pluginSizes(baselineDirs["svelte-minimal"]),
    };
    const exact = (/** @type {number} */ value) => summarize([value]);
    /**
     * One figure measured on all three targets.
     * @param {Map<TargetKey, any[]>} results
     * @param {(run: any) => number} pick
     */
    const perTarget = (results, pick) => ({
      plugin: over(results.get("plugin"), pick),
      hello: over(results.get("hello"), pick),
      svelteMinimal: over(results.get("svelteMinimal"), pick),
    });
    const load = perTarget(startup, (run) => run.loadMs);
    const helloLoad = load.hello?.median ?? NaN;
    const pluginStartup = startup.get("plugin") ?? [];
    const pluginLeaks = leaks.get("plugin") ?? [];

    /** @type {Figure[]} */
    const figures = [
      {
        id: "jsGzip",
        label: "dist/index.js gzip",
        unit: "B",
        plugin: exact(sizes.plugin.jsGzip),
        hello: exact(sizes.hello.jsGzip),
        svelteMinimal: exact(sizes.svelteMinimal.jsGzip),
        budget: { max: 20 * KB, text: "≤ 20 KB", on: "median" },
        ratios: true,
      },
      {
        id: "cssGzip",
        label: "dist/index.css gzip",
        unit: "B",
        plugin: exact(sizes.plugin.cssGzip),
        hello: exact(sizes.hello.cssGzip),
        svelteMinimal: exact(sizes.svelteMinimal.cssGzip),
        budget: { max: 3 * KB, text: "≤ 3 KB", on: "median" },
        ratios: true,
      },
      {
        id: "kernelRequestsAtLoad",
        label: "kernel requests in onload/onLayoutReady",
        unit: "count",
        ...perTarget(startup, (run) => run.kernelRequests),
        budget: { max: 0, text: "0 (every run)", on: "max" },
      },
      {
        id: "domNodesBeforeOpen",
        label: "DOM nodes before first open, beyond hello",
        unit: "nodes",
        ...perTarget(startup, (run) => run.domNodes - helloNodes),
        budget: { max: 0, text: "0 (every run)", on: "max" },
      },
      {
        id: "loadMs",
        label: "evaluate + construct + onload",
        unit: "ms",
        ...load,
        budget: {
          max: LOAD_BUDGET_RATIO * helloLoad,
          text: `≤ ${LOAD_BUDGET_RATIO}× hello (${(LOAD_BUDGET_RATIO * helloLoad).toFixed(2)} ms)`,
          on: "median",
        },
        ratios: true,
      },
      .../** @type {const} */ ([
        ["evalMs", "  of which: window.eval (parse)"],
        ["moduleMs", "  of which: module top level"],
        ["constructMs", "  of which: construct + css"],
        ["onloadMs", "  of which: onload"],
      ]).map(([step, label]) => ({
        id: `load.${step}`,
        label,
        unit: /** @type {const} */ ("ms"),
        ...perTarget(startup, (run) => run.loadSteps[step]),
        budget: undefined,
        ratios: true,
      })),
      {
        id: "dockOpenMs",
        label: "dock opened → form interactive",
        unit: "ms",
        ...perTarget(startup, (run) => run.dockOpenMs),
        budget: { max: 16, text: "≤ 16 ms", on: "median" },
        ratios: true,
      },
      {
        id: "createOverFetchMs",
        label: "Create → response rendered − bare fetch",
        unit: "ms",
        plugin: over(
          pluginStartup,
          (run) => (run.create?.createMs ?? NaN) - (run.create?.bareFetchMs ?? NaN),
        ),
        budget: { max: 5, text: "≤ 5 ms", on: "median" },
      },
      {
        id: "createMs",
        label: "  Create → response rendered",
        unit: "ms",
        plugin: over(pluginStartup, (run) => run.create?.createMs ?? NaN),
        budget: undefined,
      },
      {
        id: "createBareFetchMs",
        label: "  bare fetch of the same POST",
        unit: "ms",
        plugin: over(pluginStartup, (run) => run.create?.bareFetchMs ?? NaN),
        budget: undefined,
      },
      {
        id: "listRenderMs",
        label: `${DIRECTORY_COUNT} directories: kernel's reply → rows rendered`,
        unit: "ms",
        plugin: over(lists, (run) => run.renderMs),
        budget: { max: 50, text: "≤ 50 ms", on: "median" },
      },
      {
        id: "listTotalMs",
        label: "  refresh clicked → rows rendered, the kernel's listing included",
        unit: "ms",
        plugin: over(lists, (run) => run.totalMs),
        budget: undefined,
      },
      {
        id: "listRowsRendered",
        label: "  rows in the page once rendered (the rest on scroll)",
        unit: "count",
        plugin: over(lists, (run) => run.rowsRendered),
        budget: undefined,
      },
      {
        id: "listBareFetchMs",
        label: "  bare fetch of the same listing",
        unit: "ms",
        plugin: over(lists, (run) => run.bareFetchMs),
        budget: undefined,
      },
      {
        id: "filterKeystrokeMs",
        label: `filter typing "${FILTER_QUERY}", worst key`,
        unit: "ms",
        plugin: over(lists, (run) => run.worstKeystrokeMs),
        budget: { max: 16, text: "< 16 ms", on: "median" },
      },
      {
        id: "filterClearKeystrokeMs",
        label: "  filter cleared by Backspace, worst key",
        unit: "ms",
        plugin: over(lists, (run) => run.worstClearKeystrokeMs),
        budget: undefined,
      },
      {
        id: "cyclesNodesDelta",
        label: `${cycles} cycles + onunload: DOM nodes Δ`,
        unit: "nodes",
        ...perTarget(leaks, (run) => run.nodesDelta),
        budget: { max: 0, text: "≤ 0 (every run)", on: "max" },
      },
      {
        id: "cyclesListenersDelta",
        label: `${cycles} cycles + onunload: listeners Δ`,
        unit: "count",
        ...perTarget(leaks, (run) => run.listenersDelta),
        budget: { max: 0, text: "≤ 0 (every run)", on: "max" },
      },
      {
        id: "cyclesTimersDelta",
        label: `${cycles} cycles + onunload: timers Δ`,
        unit: "count",
        ...perTarget(leaks, (run) => run.timersDelta),
        budget: { max: 0, text: "≤ 0 (every run)", on: "max" },
      },
      {
        id: "cyclesHeapDelta",
        label: `${cycles} cycles + onunload: JS heap Δ after GC`,
        unit: "B",
        ...perTarget(leaks, (run) => run.heapDeltaBytes),
        budget: { max: 1 * MB, text: "≤ 1 MB", on: "median" },
      },
    ];

    const rows = tableRows(figures);
    const failed = figures.filter((figure) => passes(figure) === false);
    const date = new Date().toISOString();
    const machineLine = `${machine.cpuModel}, ${machine.cores} cores, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}`;
    console.log(`\n${textTable(rows)}\n`);
    console.log(`Machine: ${machineLine}`);
    console.log(
      `${runs} fresh pages per figure (${cycles} cycles each for the leak rows); KB = 1,000 B, MB = 1,000,000 B; ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
    const result = {
      date,
      machine,
      runs,
      cycles,
      units: { KB, MB },
      hostRequests: HOST_REQUESTS,
      figures: figures.map((figure) => ({
        id: figure.id,
        label: figure.label.trim(),
        unit: figure.unit,
        plugin: figure.plugin,
        hello: figure.hello,
        svelteMinimal: figure.svelteMinimal,
        budget: figure.budget ?? null,
        pass: passes(figure),
      })),
      details: {
        sizes,
        pluginRequestsAtLoad: [
          ...new Set(pluginStartup.flatMap((run) => run.apiBeforeLoaded).sort()),
        ],
        elementsBeyondHello: elementDiff(
          pluginStartup[0]?.elements ?? [],
          helloRuns[0]?.elements ?? [],
        ),
        requestsDuringFirstDockOpen: pluginStartup[0]?.requestsDuringDockOpen ?? [],
        requestsDuringCreate: pluginStartup[0]?.create?.requests ?? [],
        listenersLeftByPlugin: [...new Set(pluginLeaks.flatMap((run) => run.listenersAdded))],
        timeoutsLeftByPlugin: [...new Set(pluginLeaks.flatMap((run) => run.timeoutsAdded))],
        filterKeystrokesMs: lists.map((run) => run.keystrokes.map((ms) => Number(ms.toFixed(2)))),
      },
    };
    fs.writeFileSync(
      path.join(repoRoot, "bench", "results.json"),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    if (options.readme) {
      const markdown = [
        `Last run: ${date.slice(0, 10)}, ${runs} fresh pages per figure, on ${machineLine}.`,
        "",
        markdownTable(rows),
      ].join("\n");
      if (!(await updateReadme(path.join(repoRoot, "README.md"), markdown)))
        progress(`README.md has no ${README_START} … ${README_END} markers; not updated`);
    }
    if (failed.length > 0) {
      console.log(`Over budget: ${failed.map((figure) => figure.label.trim()).join("; ")}`);
      process.exitCode = 1;
    } else console.log("Every figure is within its budget.");
  } finally {
    await cleanup();
  }
}

/**
 * Elements in `mine` that `theirs` lacks (multiset difference), e.g. an icon sprite.
 * @param {string[]} mine @param {string[]} theirs
 */
function elementDiff(mine, theirs) {
  const left = [...theirs];
  return mine.filter((element) => {
    const index = left.indexOf(element);
    if (index < 0) return true;
    left.splice(index, 1);
    return false;
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 2;
});
