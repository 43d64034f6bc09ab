// @ts-check
/**
 * `npm run bench`: builds the plugin and the two baseline plugins, then measures all three side by
 * side in Debian's Chromium through the sandbox host (one fresh page per run), prints the table,
 * writes bench/results.json and exits 1 when a figure is over its budget.
 *
 * Options: --runs N (default 40; fewer is for trying the bench out only), --cycles N (default 200),
 * --leak-runs N (fresh pages of N cycles each per target, default 20),
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
import { HOST_REQUESTS, LATER_CREATES, measureStartup } from "./measure/startup.mjs";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const MIN_RUNS = 40;
const KB = 1000;
/** evaluate + construct + onload may cost the larger of this ratio to hello … */
const LOAD_BUDGET_RATIO = 1.5;
/** … and hello plus this much (a ratio alone means little on sub-millisecond medians). */
const LOAD_BUDGET_MARGIN_MS = 0.5;

const { values: options } = parseArgs({
  options: {
    runs: { type: "string", default: String(MIN_RUNS) },
    cycles: { type: "string", default: "200" },
    "leak-runs": { type: "string", default: "20" },
    "skip-build": { type: "boolean", default: false },
    readme: { type: "boolean", default: false },
  },
});
const runs = Number(options.runs);
const cycles = Number(options.cycles);
const leakRuns = Number(options["leak-runs"]);
if ([runs, cycles, leakRuns].some((count) => !Number.isInteger(count) || count < 1)) {
  console.error("--runs, --cycles and --leak-runs take positive integers");
  process.exit(2);
}

/** @param {string} line */
const progress = (line) => process.stderr.write(`[bench] ${line}\n`);

/** @typedef {import("./measure/targets.mjs").Target} Target */
/** @typedef {import("./measure/targets.mjs").TargetKey} TargetKey */
/** @typedef {import("./lib/report.mjs").Figure} Figure */
/** @typedef {import("./lib/stats.mjs").Summary} Summary */

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
 * @param {number} count runs per target
 * @returns {Promise<Map<TargetKey, T[]>>}
 */
async function interleaved(targets, measure, phase, count) {
  /** @type {Map<TargetKey, T[]>} */
  const results = new Map(targets.map((target) => [target.key, []]));
  for (let run = 0; run < count; run += 1) {
    for (let offset = 0; offset < targets.length; offset += 1) {
      const target = /** @type {Target} */ (targets[(run + offset) % targets.length]);
      results.get(target.key)?.push(await measure(target, run));
    }
    progress(`${phase}: run ${run + 1}/${count}`);
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
        // The create form: its name field and Create. The provider select above it is not part
        // of it and stays disabled until SiYuan's settings have been read, as it must.
        ready: ['input[type="text"]', 'button[type="submit"]'],
        settled: ".csd-dirs[aria-busy='false'] .csd-dirs__list",
        command: "commandCreate",
        url: "",
      },
      {
        key: "hello",
        label: "hello",
        name: readPluginName(baselineDirs.hello),
        dir: baselineDirs.hello,
        ready: [],
        settled: undefined,
        command: undefined,
        url: "",
      },
      {
        key: "svelteMinimal",
        label: "svelte-minimal",
        name: readPluginName(baselineDirs["svelte-minimal"]),
        dir: baselineDirs["svelte-minimal"],
        ready: ["input", "button"],
        settled: undefined,
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
      runs,
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
      leakRuns,
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
    if (!sizes.plugin.embedsPanel)
      throw new Error(
        "dist/index.js holds no embedded panel (docs/embedded-panel.md): its start-up part cannot be told apart",
      );
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
    /**
     * One size, of all three targets.
     * @param {string} id @param {string} label
     * @param {(size: ReturnType<typeof pluginSizes>) => number} pick
     * @param {Figure["budget"]} budget
     * @returns {Figure}
     */
    const sizeFigure = (id, label, pick, budget) => ({
      id,
      label,
      unit: "B",
      plugin: exact(pick(sizes.plugin)),
      hello: exact(pick(sizes.hello)),
      svelteMinimal: exact(pick(sizes.svelteMinimal)),
      budget,
      ratios: true,
    });
    const load = perTarget(startup, (run) => run.loadMs);
    const helloLoad = load.hello?.median ?? NaN;
    const loadBudget = Math.max(LOAD_BUDGET_RATIO * helloLoad, helloLoad + LOAD_BUDGET_MARGIN_MS);
    const dockFirstOpen = perTarget(startup, (run) => run.dockFirstOpenMs);
    const dockSecondOpen = perTarget(startup, (run) => run.dockSecondOpenMs);
    /**
     * At most `factor` times svelte-minimal's median of the same figure in this run.
     * @param {number} factor @param {Summary | undefined} svelteMinimal
     */
    const timesSvelteMinimal = (factor, svelteMinimal) => {
      const max = factor * (svelteMinimal?.median ?? NaN);
      return {
        max,
        text: `≤ ${factor}× svelte-min (${max.toFixed(2)} ms)`,
        on: /** @type {const} */ ("median"),
      };
    };
    const pluginStartup = startup.get("plugin") ?? [];
    const firstCreates = pluginStartup.flatMap((run) => run.creates.slice(0, 1));
    const laterCreates = pluginStartup.flatMap((run) => run.creates.slice(1));
    const overFetch = (/** @type {import("./measure/startup.mjs").CreateRun} */ create) =>
      create.createMs - create.bareFetchMs;
    const pluginLeaks = leaks.get("plugin") ?? [];

    /** @type {Figure[]} */
    const figures = [
      sizeFigure("jsGzip", "dist/index.js gzip, all of it", (size) => size.jsGzip, {
        max: 36 * KB,
        text: "≤ 36 KB",
        on: "median",
      }),
      sizeFigure(
        "jsStartupGzip",
        "  of which evaluated at start-up (the embedded panel left out)",
        (size) => size.jsStartupGzip,
        undefined,
      ),
      sizeFigure("cssGzip", "dist/index.css gzip", (size) => size.cssGzip, {
        max: 3 * KB,
        text: "none, or ≤ 3 KB",
        on: "median",
      }),
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
          max: loadBudget,
          text: `≤ max(${LOAD_BUDGET_RATIO}× hello, hello + ${LOAD_BUDGET_MARGIN_MS} ms) (${loadBudget.toFixed(2)} ms)`,
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
        id: "dockFirstOpenMs",
        label: "dock first opened → form interactive",
        unit: "ms",
        ...dockFirstOpen,
        budget: timesSvelteMinimal(7, dockFirstOpen.svelteMinimal),
        ratios: true,
      },
      {
        id: "dockSecondOpenMs",
        label: "dock opened again in the same page → form interactive",
        unit: "ms",
        ...dockSecondOpen,
        budget: timesSvelteMinimal(2, dockSecondOpen.svelteMinimal),
        ratios: true,
      },
      {
        id: "firstCreateOverFetchMs",
        label: "first Create → response rendered − bare fetch",
        unit: "ms",
        plugin: over(firstCreates, overFetch),
        budget: { max: 12, text: "≤ 12 ms", on: "median" },
      },
      {
        id: "firstCreateMs",
        label: "  first Create → response rendered",
        unit: "ms",
        plugin: over(firstCreates, (create) => create.createMs),
        budget: undefined,
      },
      {
        id: "firstCreateBareFetchMs",
        label: "  bare fetch of the same POST",
        unit: "ms",
        plugin: over(firstCreates, (create) => create.bareFetchMs),
        budget: undefined,
      },
      {
        id: "laterCreateOverFetchMs",
        label: `later Creates (${LATER_CREATES} a page) → response rendered − bare fetch`,
        unit: "ms",
        plugin: over(laterCreates, overFetch),
        budget: { max: 5, text: "≤ 5 ms", on: "median" },
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
        id: "cyclesHeapSecondHalf",
        label: `JS heap after GC: cycle ${cycles} − cycle ${Math.floor(cycles / 2)}`,
        unit: "B",
        ...perTarget(leaks, (run) => run.heapSecondHalfBytes),
        budget: { max: 100 * KB, text: "≤ 100 KB", on: "median" },
      },
      {
        id: "cyclesHeapDelta",
        label: `  ${cycles} cycles + onunload: JS heap growth after GC, in all`,
        unit: "B",
        ...perTarget(leaks, (run) => run.heapDeltaBytes),
        budget: undefined,
      },
    ];

    const rows = tableRows(figures);
    const failed = figures.filter((figure) => passes(figure) === false);
    const date = new Date().toISOString();
    const machineLine = `${machine.cpuModel}, ${machine.cores} cores, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}`;
    console.log(`\n${textTable(rows)}\n`);
    console.log(`Machine: ${machineLine}`);
    console.log(
      `${runs} fresh pages per figure, ${leakRuns} of ${cycles} cycles each for the leak rows; KB = 1,000 B; ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
    const result = {
      date,
      machine,
      runs,
      cycles,
      leakRuns,
      units: { KB },
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
        requestsDuringFirstCreate: firstCreates[0]?.requests ?? [],
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
        `Last run: ${date.slice(0, 10)}, ${runs} fresh pages per figure (${leakRuns} for the leak rows), on ${machineLine}.`,
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
