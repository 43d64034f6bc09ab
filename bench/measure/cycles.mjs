// @ts-check
/**
 * Leaks: on a fresh page the plugin is unloaded once to take the baseline (the host with the
 * plugin gone), loaded again through the host loader, driven through N cycles of opening and
 * closing its dock and (if it has one) its command dialog, then unloaded. DOM nodes, listeners on
 * window/document/body, live intervals, pending timeouts and the JS heap after GC are compared.
 * The heap is also taken after GC at half the cycles and at the last one, with the plugin still
 * loaded: growth that goes on between the two is a leak, a one-off cache is not.
 */
import { installLeakProbe } from "./probes.mjs";
import { openHostPage } from "./targets.mjs";

/**
 * In the page: everything above, returning the baseline, the heap at half the cycles and at the
 * last one, and the final state.
 * @param {{name: string, ready: string[], command: string | undefined, cycles: number}} arg
 */
async function cycleAndUnload({ name, ready, command, cycles }) {
  const page = /** @type {any} */ (window);
  const bench = page.__bench;
  const host = page.__sandbox;
  const wait = (/** @type {number} */ ms) =>
    new Promise((resolve) => bench.realSetTimeout(resolve, ms));
  const snapshot = async () => {
    // Dialogs close after their animation, and requests sent by panels closed at once may still
    // be queued: let every close and every fetch finish first (what never settles shows up as
    // a leak after at most 15 s).
    await bench.until(() => document.querySelector(".b3-dialog") === null);
    const quiet = () => {
      const { inflight, timeouts } = page.__benchLeaks();
      return `${inflight}/${timeouts}`;
    };
    // Quiet: no fetch in flight, and the pending timeouts unchanged for 500 ms.
    for (let waited = 0, last = ""; waited < 15_000; waited += 250) {
      const now = quiet();
      if (now === last && now.startsWith("0/")) break;
      last = now;
      await wait(250);
    }
    const heap = await bench.collect();
    return { ...page.__benchLeaks(), nodes: bench.nodes(), heap };
  };
  /** @param {Element} scope */
  const isReady = (scope) =>
    ready.every((selector) => {
      const element = scope.querySelector(selector);
      return element !== null && !element.matches("input:disabled, select:disabled");
    });
  const dockSelector = `.sy__${CSS.escape(name)}dock`;

  host.unloadPlugin(name);
  const before = await snapshot();
  await host.loadPlugin(name);
  const halfway = Math.floor(cycles / 2);
  let heapHalfway = NaN;
  for (let cycle = 0; cycle < cycles; cycle += 1) {
    if (cycle === halfway) heapHalfway = (await snapshot()).heap;
    host.openDock(name);
    await bench.until(() => {
      const dock = document.querySelector(dockSelector);
      return dock && isReady(dock) ? dock : null;
    });
    host.closeDock(name);
    if (!command) continue;
    const dialogCount = document.querySelectorAll(".b3-dialog--open").length;
    host.runCommand(name, command);
    const dialog = await bench.until(() => {
      const open = document.querySelectorAll(".b3-dialog--open");
      const newest = open.length > dialogCount ? open[open.length - 1] : null;
      return newest && isReady(newest) ? newest : null;
    });
    // Closed as a user does: a click on the scrim.
    /** @type {HTMLElement} */ (dialog.querySelector(".b3-dialog__scrim")).click();
  }
  const heapLast = (await snapshot()).heap;
  host.unloadPlugin(name);
  const after = await snapshot();
  return { before, after, heapHalfway, heapLast };
}

/**
 * @param {import("playwright-core").Browser} browser
 * @param {import("./targets.mjs").Target} target
 * @param {number} cycles
 */
export async function measureCycles(browser, target, cycles) {
  const { context, page } = await openHostPage(browser, target.url, [[installLeakProbe, null]]);
  try {
    const { before, after, heapHalfway, heapLast } = await page.evaluate(cycleAndUnload, {
      name: target.name,
      ready: target.ready,
      command: target.command,
      cycles,
    });
    const added = after.listeners.filter(
      (/** @type {string} */ entry) => !before.listeners.includes(entry),
    );
    return {
      nodesDelta: after.nodes - before.nodes,
      unsettledFetches: after.inflight,
      listenersDelta: after.listeners.length - before.listeners.length,
      listenersAdded: added,
      timeoutsAdded: after.pendingTimeouts.filter(
        (/** @type {string} */ entry) => !before.pendingTimeouts.includes(entry),
      ),
      timersDelta: after.intervals + after.timeouts - (before.intervals + before.timeouts),
      heapDeltaBytes: after.heap - before.heap,
      heapSecondHalfBytes: heapLast - heapHalfway,
    };
  } finally {
    await context.close();
  }
}
