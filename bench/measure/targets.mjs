// @ts-check
/** The three plugins measured side by side, and how a page of the sandbox is opened for one. */
import { installBenchHelpers } from "./probes.mjs";

/**
 * @typedef {"plugin" | "hello" | "svelteMinimal"} TargetKey
 * @typedef {object} Target
 * @property {TargetKey} key
 * @property {string} label
 * @property {string} name plugin.json name
 * @property {string} dir plugin folder (index.js, index.css, plugin.json, i18n/)
 * @property {string[]} ready selectors inside the dock that mean "form interactive"
 *   (inputs and selects among them must also be enabled)
 * @property {string | undefined} settled selector inside the dock that exists once the work an
 *   opening starts (reading settings, listing) is over, if it starts any
 * @property {string | undefined} command langKey of the command that opens a dialog, if any
 * @property {string} url the sandbox serving only this plugin (set once it runs)
 */

/**
 * The dock's panel of a plugin's one dock, as SiYuan classes it (`sy__<name><type>`).
 * @param {string} name
 */
export const dockSelectorOf = (name) => `.sy__${name}dock`;

/** The host's own control surface (plugin list, kernel double panel): not part of SiYuan. */
export const HOST_CHROME = "#hostSidebar";

/**
 * Opens a fresh context and page on the sandbox and waits until the host loaded every plugin.
 * @param {import("playwright-core").Browser} browser
 * @param {string} url
 * @param {Array<[(arg: any) => void, unknown]>} [initScripts] run before the host, in order
 */
export async function openHostPage(browser, url, initScripts = []) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(installBenchHelpers);
  for (const [script, arg] of initScripts) await page.addInitScript(script, arg);
  await page.goto(`${url}?lang=en_US&theme=light&noreload`);
  await page.waitForSelector("body[data-loaded]", { state: "attached", timeout: 20_000 });
  return { context, page };
}

/**
 * In the page: opens the dock through the host (as a click on its dock button does) and waits
 * until the ready selectors exist and are enabled, then forces layout. Returns when it started
 * and ended (`performance.now()`).
 * @param {{name: string, ready: string[]}} arg
 */
export async function openDockUntilReady({ name, ready }) {
  const page = /** @type {any} */ (window);
  const dockSelector = `.sy__${CSS.escape(name)}dock`;
  const isReady = () => {
    const dock = document.querySelector(dockSelector);
    if (!dock) return null;
    for (const selector of ready) {
      const element = dock.querySelector(selector);
      if (!element) return null;
      if (element.matches("input:disabled, select:disabled")) return null;
    }
    return dock;
  };
  const start = performance.now();
  page.__sandbox.openDock(name);
  await page.__bench.until(isReady);
  page.__bench.layout();
  return { start, end: performance.now() };
}
