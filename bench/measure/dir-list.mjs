// @ts-check
/**
 * 1,000 directories: the dock opens on an empty Local provider folder, then 1,000 folders appear
 * on disk (swapped in by renaming) and the list's refresh button is clicked; timed from the
 * kernel's reply until the rows exist and layout is done. Then a filter query is typed a key at
 * a time.
 */
import fs from "node:fs";
import path from "node:path";
import { dockSelectorOf, openDockUntilReady, openHostPage } from "./targets.mjs";

export const DIRECTORY_COUNT = 1000;
/** What is typed in the filter, one key at a time; it narrows 1,000 rows down to one. */
export const FILTER_QUERY = "bench-0421";

/**
 * Makes the staged folder of `count` directories next to the sandbox's empty cloud folder.
 * @param {string} staged
 */
export function stageDirectories(staged, count = DIRECTORY_COUNT) {
  fs.mkdirSync(staged, { recursive: true });
  for (let index = 0; index < count; index += 1) {
    fs.mkdirSync(path.join(staged, `bench-${String(index).padStart(4, "0")}`), { recursive: true });
  }
}

/**
 * Swaps two folders by renaming (atomic for the kernel double, which reads the path each time).
 * @param {string} a @param {string} b
 */
function swapFolders(a, b) {
  const parking = `${a}.swap`;
  fs.renameSync(a, parking);
  fs.renameSync(b, a);
  fs.renameSync(parking, b);
}

/**
 * In the page: clicks the list's refresh button and waits until the list is rendered: all `count`
 * rows, or, where the plugin renders a long list a page at a time, its first page with the
 * "show more" control after it. The budget is on the plugin's part, from the moment the body of
 * the kernel's reply has been read (the whole body: the plugin's code runs after it)
 * to rows laid out; how long the kernel took to list is its own, reported beside it with a bare
 * fetch of the same request. Returns how many rows were in the DOM at the end.
 * @param {{dockSelector: string, count: number}} arg
 */
async function refreshUntilRows({ dockSelector, count }) {
  const page = /** @type {any} */ (window);
  const dock = /** @type {HTMLElement} */ (document.querySelector(dockSelector));
  const section = /** @type {HTMLElement} */ (dock.querySelector(".csd-dirs"));
  const bareStart = performance.now();
  await (await fetch("/api/sync/listCloudSyncDir", { method: "POST", body: "{}" })).text();
  const bareFetchMs = performance.now() - bareStart;
  await page.__bench.task();
  const refresh = /** @type {HTMLButtonElement} */ (section.querySelector("button"));
  if (refresh.disabled) throw new Error("the refresh button is disabled: a listing is running");
  let replyReadAt = NaN;
  // The plugin reads replies through a stream with a size cap, so the hook reads the list's body
  // here, notes when it was read, and hands the plugin the same text from memory.
  const realFetch = window.fetch;
  window.fetch = async function timedFetch(input, init) {
    const response = await realFetch.call(this, input, init);
    if (new URL(response.url).pathname !== "/api/sync/listCloudSyncDir") return response;
    const text = await response.text();
    replyReadAt = performance.now();
    return new Response(text, { status: response.status, headers: response.headers });
  };
  try {
    const start = performance.now();
    refresh.click();
    const rows = () => section.querySelectorAll('[data-testid="dir-row"]').length;
    await page.__bench.until(
      () => rows() === count || (rows() > 1 && section.querySelector(".csd-dirs__more")),
      20_000,
    );
    page.__bench.layout();
    const end = performance.now();
    if (!Number.isFinite(replyReadAt)) throw new Error("the list was rendered without a reply");
    return {
      renderMs: end - replyReadAt,
      totalMs: end - start,
      bareFetchMs,
      rowsRendered: rows(),
    };
  } finally {
    window.fetch = realFetch;
  }
}

/**
 * In the page: types `query` into the filter one key at a time (value + input event, as a key
 * press does), each timed until the DOM is updated (next task) and laid out; then clears it with
 * Backspace the same way.
 * @param {{dockSelector: string, query: string}} arg
 */
async function typeInFilter({ dockSelector, query }) {
  const page = /** @type {any} */ (window);
  const dock = /** @type {HTMLElement} */ (document.querySelector(dockSelector));
  const filter = /** @type {HTMLInputElement} */ (dock.querySelector(".csd-dirs__filter"));
  filter.focus();
  const press = async (/** @type {string} */ value) => {
    await page.__bench.task();
    const start = performance.now();
    filter.value = value;
    filter.dispatchEvent(new InputEvent("input", { bubbles: true }));
    await page.__bench.task();
    page.__bench.layout();
    return performance.now() - start;
  };
  /** @type {number[]} */
  const typing = [];
  for (let length = 1; length <= query.length; length += 1)
    typing.push(await press(query.slice(0, length)));
  const rowsLeft = dock.querySelectorAll('[data-testid="dir-row"]').length;
  /** @type {number[]} */
  const clearing = [];
  for (let length = query.length - 1; length >= 0; length -= 1)
    clearing.push(await press(query.slice(0, length)));
  return { typing, clearing, rowsLeft };
}

/**
 * @param {import("playwright-core").Browser} browser
 * @param {import("./targets.mjs").Target} target the plugin, on a sandbox whose cloud folder is empty
 * @param {{cloudDir: string, staged: string}} folders
 */
export async function measureDirectoryList(browser, target, { cloudDir, staged }) {
  const { context, page } = await openHostPage(browser, target.url);
  const dockSelector = dockSelectorOf(target.name);
  let swapped = false;
  try {
    await page.evaluate(openDockUntilReady, { name: target.name, ready: target.ready });
    // The first listing (of the empty folder) must be over before the folders appear: the list
    // element exists once a listing arrived, and the section is no longer busy.
    await page.waitForSelector(`${dockSelector} ${target.settled}`, { state: "attached" });
    const early = await page.locator(`${dockSelector} [data-testid="dir-row"]`).count();
    // (The kernel double keeps the active directory, so "empty" lists one row.)
    if (early >= DIRECTORY_COUNT) throw new Error(`the Local folder already lists ${early} rows`);
    swapFolders(cloudDir, staged);
    swapped = true;
    const list = await page.evaluate(refreshUntilRows, { dockSelector, count: DIRECTORY_COUNT });
    const filter = await page.evaluate(typeInFilter, { dockSelector, query: FILTER_QUERY });
    if (filter.rowsLeft !== 1)
      throw new Error(`the filter "${FILTER_QUERY}" left ${filter.rowsLeft} rows, expected 1`);
    return {
      ...list,
      worstKeystrokeMs: Math.max(...filter.typing),
      worstClearKeystrokeMs: Math.max(...filter.clearing),
      keystrokes: filter.typing,
    };
  } finally {
    if (swapped) swapFolders(cloudDir, staged);
    await context.close();
  }
}
