// @ts-check
/**
 * One fresh page per run: the time the host loader spends on evaluate + construct + onload, the
 * kernel requests made before `body[data-loaded]`, the DOM nodes present before the dock is first
 * opened, then (same page, first open) dock → form interactive and, for the plugin, Create →
 * response rendered against a bare fetch of the same request.
 */
import { installLoadProbe } from "./probes.mjs";
import { HOST_CHROME, openDockUntilReady, openHostPage } from "./targets.mjs";

/** How long the panel is left alone after it settled, before a name is typed. */
const TYPING_PAUSE_MS = 500;

/** What the host requests by itself before any plugin runs (checked against the hello run). */
export const HOST_REQUESTS = ["/api/system/getConf", "/api/petal/loadPetals"];

/**
 * @typedef {object} StartupRun
 * @property {number} loadMs evaluate + construct + onload
 * @property {{evalMs: number, moduleMs: number, constructMs: number, onloadMs: number}} loadSteps
 *   `window.eval` of the wrapper (parse), the module's top level, construct + css, `onload`
 * @property {string[]} apiBeforeLoaded every /api/ path requested before body[data-loaded]
 * @property {number} kernelRequests those, less the host's own
 * @property {number} domNodes nodes of the page outside the host's chrome, before first open
 * @property {string[]} elements the elements among them, for a diff against the hello baseline
 * @property {number} dockOpenMs dock opened → form interactive
 * @property {string[]} requestsDuringDockOpen
 * @property {{createMs: number, bareFetchMs: number, requests: string[]} | undefined} create
 */

/**
 * Removes one occurrence of each host request; what is left was asked by the plugin.
 * @param {string[]} paths
 */
export function pluginRequests(paths) {
  const left = [...paths];
  for (const own of HOST_REQUESTS) {
    const index = left.indexOf(own);
    if (index >= 0) left.splice(index, 1);
  }
  return left;
}

/**
 * In the page: types a name, clicks Create and waits for the summary naming it; then the same
 * POST the plugin sent (captured) is timed as a bare fetch with another name. Returns both times.
 * The panel is first left to finish what opening it started (reading the sync settings and the
 * first listing) and then alone for {@link TYPING_PAUSE_MS}, as it is by the time a person has
 * typed a name: otherwise this figure would time the first listing's rendering and painting,
 * which have figures of their own.
 * @param {{name: string, bareName: string, dockSelector: string, pauseMs: number}} arg
 */
async function createAgainstBareFetch({ name, bareName, dockSelector, pauseMs }) {
  const page = /** @type {any} */ (window);
  const dock = /** @type {HTMLElement} */ (document.querySelector(dockSelector));
  const input = /** @type {HTMLInputElement} */ (dock.querySelector('input[type="text"]'));
  const button = /** @type {HTMLButtonElement} */ (dock.querySelector('button[type="submit"]'));
  await page.__bench.until(() =>
    dock.querySelector(".csd-dirs[aria-busy='false'] .csd-dirs__list"),
  );
  // Less than a person takes to type a name: the page's own follow-up work (painting the
  // panel, the browser compiling what just ran) is over, as it is when Create is clicked.
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
  // The plugin's own request, as it sends it: its body is reused for the bare fetch.
  const bare = async (/** @type {RequestInit} */ init) => {
    const body = JSON.parse(String(init.body));
    body.name = bareName;
    const start = performance.now();
    const response = await fetch("/api/sync/createCloudSyncDir", {
      method: init.method,
      body: JSON.stringify(body),
    });
    await response.text();
    return performance.now() - start;
  };
  input.value = name;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await page.__bench.until(() => !button.disabled);
  await page.__bench.task();
  /** @type {RequestInit | undefined} */
  let captured;
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    if (String(input).endsWith("/api/sync/createCloudSyncDir")) captured = init;
    return realFetch(input, init);
  };
  const start = performance.now();
  button.click();
  await page.__bench.until(() => {
    const summary = dock.querySelector('[data-testid="summary"]');
    return summary?.textContent?.includes(name) ? summary : null;
  });
  page.__bench.layout();
  const end = performance.now();
  window.fetch = realFetch;
  if (!captured) throw new Error("the plugin sent no createCloudSyncDir request");
  // Let the list refresh that follows a create finish before the bare fetch is timed.
  await page.__bench.until(() => dock.querySelector(".csd-dirs[aria-busy='false']"));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const bareFetchMs = await bare(captured);
  return { start, end, bareFetchMs };
}

/**
 * @param {import("playwright-core").Browser} browser
 * @param {import("./targets.mjs").Target} target
 * @param {number} run index, for unique directory names
 * @returns {Promise<StartupRun>}
 */
export async function measureStartup(browser, target, run) {
  const { context, page } = await openHostPage(browser, target.url, [
    [installLoadProbe, target.name],
  ]);
  try {
    const probe = await page.evaluate(() => /** @type {any} */ (window).__benchLoad);
    if (!Number.isFinite(probe.evalStart) || !Number.isFinite(probe.onloadEnd))
      throw new Error(`${target.name}: the loader did not evaluate and start the plugin`);
    const apiBeforeLoaded = probe.requests
      .filter((/** @type {{path: string, loaded: boolean}} */ r) => !r.loaded)
      .map((/** @type {{path: string}} */ r) => r.path)
      .filter((/** @type {string} */ path) => path.startsWith("/api/"));
    const { domNodes, elements } = await page.evaluate(
      ([excluded, name]) => {
        const bench = /** @type {any} */ (window).__bench;
        return { domNodes: bench.nodes(excluded), elements: bench.elementList(excluded, name) };
      },
      [HOST_CHROME, target.name],
    );
    const dockOpen = await page.evaluate(openDockUntilReady, {
      name: target.name,
      ready: target.ready,
    });
    let create;
    if (target.key === "plugin") {
      const tag = `${Date.now().toString(36)}-${run}`;
      create = await page.evaluate(createAgainstBareFetch, {
        name: `bench-create-${tag}`,
        bareName: `bench-bare-${tag}`,
        dockSelector: `.sy__${target.name}dock`,
        pauseMs: TYPING_PAUSE_MS,
      });
    }
    /** @type {{path: string, t: number}[]} */
    const requests = await page.evaluate(() => /** @type {any} */ (window).__benchLoad.requests);
    const during = (/** @type {{start: number, end: number}} */ span) =>
      requests.filter((r) => r.t >= span.start && r.t <= span.end).map((r) => r.path);
    return {
      loadMs: probe.onloadEnd - probe.evalStart,
      loadSteps: {
        evalMs: probe.factoryStart - probe.evalStart,
        moduleMs: probe.factoryEnd - probe.factoryStart,
        constructMs: probe.onloadStart - probe.factoryEnd,
        onloadMs: probe.onloadEnd - probe.onloadStart,
      },
      apiBeforeLoaded,
      kernelRequests: pluginRequests(apiBeforeLoaded).length,
      domNodes,
      elements,
      dockOpenMs: dockOpen.end - dockOpen.start,
      requestsDuringDockOpen: during(dockOpen),
      create: create && {
        createMs: create.end - create.start,
        bareFetchMs: create.bareFetchMs,
        requests: during(create),
      },
    };
  } finally {
    await context.close();
  }
}
