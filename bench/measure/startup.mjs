// @ts-check
/**
 * One fresh page per run: the time the host loader spends on evaluate + construct + onload, the
 * kernel requests made before `body[data-loaded]`, the DOM nodes present before the dock is first
 * opened, then, in the same page, dock → form interactive at the first opening and again after
 * closing it, and, for the plugin, Create → response rendered against a bare fetch of the same
 * request, for the page's first Create and a few later ones.
 */
import { installLoadProbe } from "./probes.mjs";
import { dockSelectorOf, HOST_CHROME, openDockUntilReady, openHostPage } from "./targets.mjs";

/** How long the panel is left alone after it settled, before it is closed or a name is typed. */
const SETTLE_PAUSE_MS = 500;
/** Creates after the page's first one, each timed on its own. */
export const LATER_CREATES = 2;

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
 * @property {number} dockFirstOpenMs dock first opened → form interactive
 * @property {number} dockSecondOpenMs dock closed and opened again → form interactive
 * @property {string[]} requestsDuringDockOpen during the first opening
 * @property {CreateRun[]} creates the page's first Create, then the later ones (plugin only)
 *
 * @typedef {{createMs: number, bareFetchMs: number, requests: string[]}} CreateRun
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
 * Lets the dock finish what opening it or a Create started (for the plugin: reading the sync
 * settings and listing) and then leaves it alone for {@link SETTLE_PAUSE_MS}, less than a person
 * takes to type a name: the page's follow-up work (painting, the browser compiling what just
 * ran) is over, as it is when Create is clicked or the dock is closed. Otherwise the next figure
 * would time the listing's rendering, which has figures of its own.
 * @param {import("playwright-core").Page} page
 * @param {import("./targets.mjs").Target} target
 */
async function settle(page, target) {
  if (target.settled)
    await page.waitForSelector(`${dockSelectorOf(target.name)} ${target.settled}`, {
      state: "attached",
    });
  await page.waitForTimeout(SETTLE_PAUSE_MS);
}

/**
 * In the page: types a name, clicks Create and waits for the summary naming it; then the same
 * POST the plugin sent (captured) is timed as a bare fetch with another name. Returns both times.
 * @param {{name: string, bareName: string, dockSelector: string}} arg
 */
async function createAgainstBareFetch({ name, bareName, dockSelector }) {
  const page = /** @type {any} */ (window);
  const dock = /** @type {HTMLElement} */ (document.querySelector(dockSelector));
  const input = /** @type {HTMLInputElement} */ (dock.querySelector('input[type="text"]'));
  const button = /** @type {HTMLButtonElement} */ (dock.querySelector('button[type="submit"]'));
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
    const dock = { name: target.name, ready: target.ready };
    const firstOpen = await page.evaluate(openDockUntilReady, dock);
    await settle(page, target);
    await page.evaluate(
      (name) => /** @type {any} */ (window).__sandbox.closeDock(name),
      target.name,
    );
    const secondOpen = await page.evaluate(openDockUntilReady, dock);
    /** @type {Array<{start: number, end: number, bareFetchMs: number}>} */
    const creates = [];
    const createCount = target.key === "plugin" ? 1 + LATER_CREATES : 0;
    for (let index = 0; index < createCount; index += 1) {
      await settle(page, target);
      const tag = `${Date.now().toString(36)}-${run}-${index}`;
      creates.push(
        await page.evaluate(createAgainstBareFetch, {
          name: `bench-create-${tag}`,
          bareName: `bench-bare-${tag}`,
          dockSelector: dockSelectorOf(target.name),
        }),
      );
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
      dockFirstOpenMs: firstOpen.end - firstOpen.start,
      dockSecondOpenMs: secondOpen.end - secondOpen.start,
      requestsDuringDockOpen: during(firstOpen),
      creates: creates.map((create) => ({
        createMs: create.end - create.start,
        bareFetchMs: create.bareFetchMs,
        requests: during(create),
      })),
    };
  } finally {
    await context.close();
  }
}
