// @ts-check
/**
 * Page-side code, installed with `page.addInitScript` so it runs before the host's own scripts.
 * Every function here is serialized into the page, so each must be self-contained.
 */

/**
 * `window.__bench`: small helpers the measurements share inside the page.
 * - `until(predicate, timeoutMs)`: resolves with the predicate's first truthy value, checked now
 *   and after every DOM mutation (a MutationObserver runs at the microtask checkpoint right after
 *   the change, so no polling delay is added to a measurement).
 * - `layout()`: forces style recalculation and layout, so a timing includes them.
 * - `task()`: resolves in a fresh task, after every pending microtask (Svelte flushes there).
 * - `nodes(excluded)`: every node of the document (elements, text, comments), without the
 *   subtrees matching `excluded`.
 * - `collect()`: three full GCs (needs `--js-flags=--expose-gc`), then the used JS heap.
 */
export function installBenchHelpers() {
  const page = /** @type {any} */ (window);
  const realSetTimeout = window.setTimeout.bind(window);
  const realClearTimeout = window.clearTimeout.bind(window);
  page.__bench = {
    /** The page's own setTimeout, untouched by the leak probe (bench timers are not counted). */
    realSetTimeout,
    /**
     * @template T
     * @param {() => T} predicate
     * @param {number} [timeoutMs]
     * @returns {Promise<NonNullable<T>>}
     */
    until(predicate, timeoutMs = 10_000) {
      const first = predicate();
      if (first) return Promise.resolve(/** @type {NonNullable<T>} */ (first));
      return new Promise((resolve, reject) => {
        const observer = new MutationObserver(() => {
          const value = predicate();
          if (!value) return;
          observer.disconnect();
          realClearTimeout(timer);
          resolve(/** @type {NonNullable<T>} */ (value));
        });
        observer.observe(document, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
        const timer = realSetTimeout(() => {
          observer.disconnect();
          reject(new Error(`bench: condition not met within ${timeoutMs} ms: ${predicate}`));
        }, timeoutMs);
      });
    },
    layout() {
      void document.body.getBoundingClientRect();
      void document.documentElement.offsetHeight;
    },
    task() {
      return new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          resolve(undefined);
        };
        channel.port2.postMessage(null);
      });
    },
    /** @param {string} [excluded] */
    nodes(excluded) {
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL, {
        acceptNode: (node) =>
          excluded && node instanceof Element && node.matches(excluded)
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_ACCEPT,
      });
      let count = 0;
      while (walker.nextNode()) count += 1;
      return count;
    },
    /** `tag#id[data-name]` of every element (the plugin's name as `<plugin>`), for a diff. */
    elementList(/** @type {string} */ excluded, /** @type {string} */ pluginName) {
      /** @type {string[]} */
      const out = [];
      for (const element of document.querySelectorAll("*")) {
        if (excluded && element.closest(excluded)) continue;
        const id = element.id ? `#${element.id}` : "";
        const name = element.getAttribute("data-name") ?? element.getAttribute("data-type");
        const described = `${element.tagName.toLowerCase()}${id}${name ? `[${name}]` : ""}`;
        out.push(described.replaceAll(pluginName, "<plugin>"));
      }
      return out;
    },
    async collect() {
      for (let round = 0; round < 3; round += 1) {
        page.gc();
        await new Promise((resolve) => realSetTimeout(resolve, 20));
      }
      return /** @type {any} */ (performance).memory.usedJSHeapSize;
    },
  };
}

/**
 * Times the host loader's own steps for one plugin, without changing them: `window.eval` is
 * wrapped so that the moment the loader evaluates `plugin:<name>` is recorded, and the factory it
 * returns is wrapped so that, once the module has run, the exported class's `onload` records when
 * it returns. The loader then constructs the class, inserts its css and calls `onload` as usual.
 * Also records every fetch/XHR/beacon the page starts, and whether `body[data-loaded]` was set.
 * @param {string} pluginName
 */
export function installLoadProbe(pluginName) {
  const page = /** @type {any} */ (window);
  const probe = {
    evalStart: NaN,
    factoryStart: NaN,
    factoryEnd: NaN,
    onloadStart: NaN,
    onloadEnd: NaN,
    /** @type {{path: string, loaded: boolean, t: number}[]} */
    requests: [],
  };
  page.__benchLoad = probe;
  const suffix = `//# sourceURL=plugin:${pluginName}`;
  const realEval = window.eval;
  window.eval = function benchEval(/** @type {string} */ code) {
    if (typeof code !== "string" || !code.endsWith(suffix)) return realEval(code);
    const start = performance.now();
    const factory = realEval(code);
    return function benchFactory(
      /** @type {unknown} */ require,
      /** @type {{exports: any}} */ module,
      /** @type {unknown} */ exports,
    ) {
      probe.evalStart = start;
      probe.factoryStart = performance.now();
      factory(require, module, exports);
      probe.factoryEnd = performance.now();
      const pluginClass = module.exports?.default || module.exports;
      if (typeof pluginClass !== "function") return;
      const prototype = pluginClass.prototype;
      const onload = prototype.onload;
      prototype.onload = function benchOnload(/** @type {unknown[]} */ ...args) {
        probe.onloadStart = performance.now();
        try {
          return onload.apply(this, args);
        } finally {
          probe.onloadEnd = performance.now();
          prototype.onload = onload;
        }
      };
    };
  };
  const record = (/** @type {string | URL | Request} */ input) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    probe.requests.push({
      path: url.pathname,
      loaded: document.body?.dataset.loaded === "true",
      t: performance.now(),
    });
  };
  const realFetch = window.fetch;
  window.fetch = function benchFetch(input, init) {
    record(input);
    return realFetch.call(this, input, init);
  };
  const realOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function benchOpen(
    /** @type {string} */ method,
    /** @type {string | URL} */ url,
    /** @type {any[]} */ ...rest
  ) {
    record(url);
    return /** @type {any} */ (realOpen).call(this, method, url, ...rest);
  };
  const realBeacon = navigator.sendBeacon?.bind(navigator);
  if (realBeacon) {
    navigator.sendBeacon = (url, data) => {
      record(url);
      return realBeacon(url, data);
    };
  }
}

/**
 * Tracks what can leak, from before any script runs (as tests/e2e/plugin-surfaces.spec.ts does):
 * listeners on window, document and body, live intervals and pending timeouts (and fetches in
 * flight, which are waited for, not counted).
 * `window.__benchLeaks()` returns the current state.
 */
export function installLeakProbe() {
  const page = /** @type {any} */ (window);
  /** @type {Map<EventTarget, Set<string>>} */
  const live = new Map();
  /** @type {WeakMap<object, number>} */
  const ids = new WeakMap();
  let nextId = 0;
  const idOf = (/** @type {object} */ listener) => {
    if (!ids.has(listener)) ids.set(listener, (nextId += 1));
    return ids.get(listener);
  };
  const key = (
    /** @type {string} */ type,
    /** @type {object} */ listener,
    /** @type {unknown} */ options,
  ) =>
    `${type}|${idOf(listener)}|${typeof options === "boolean" ? options : Boolean(/** @type {any} */ (options)?.capture)}`;
  const watched = (/** @type {EventTarget} */ target) =>
    target === window || target === document || target === document.body;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  /** @type {(this: EventTarget, ...args: Parameters<EventTarget["addEventListener"]>) => void} */
  const tracedAdd = function (type, listener, options) {
    if (watched(this) && listener) {
      if (!live.has(this)) live.set(this, new Set());
      live.get(this)?.add(key(type, listener, options));
    }
    return add.call(this, type, listener, options);
  };
  /** @type {(this: EventTarget, ...args: Parameters<EventTarget["removeEventListener"]>) => void} */
  const tracedRemove = function (type, listener, options) {
    if (watched(this) && listener) live.get(this)?.delete(key(type, listener, options));
    return remove.call(this, type, listener, options);
  };
  EventTarget.prototype.addEventListener = tracedAdd;
  EventTarget.prototype.removeEventListener = tracedRemove;
  /** @type {Set<number>} */
  const intervals = new Set();
  /** Pending timeouts: id → delay and the start of the handler's source, to tell whose. */
  /** @type {Map<number, string>} */
  const timeouts = new Map();
  const realSetInterval = window.setInterval.bind(window);
  const realClearInterval = window.clearInterval.bind(window);
  const realSetTimeout = window.setTimeout.bind(window);
  const realClearTimeout = window.clearTimeout.bind(window);
  window.setInterval = /** @type {typeof window.setInterval} */ (
    (
      /** @type {TimerHandler} */ handler,
      /** @type {number} */ ms,
      /** @type {any[]} */ ...args
    ) => {
      const id = realSetInterval(handler, ms, ...args);
      intervals.add(id);
      return id;
    }
  );
  window.clearInterval = (/** @type {any} */ id) => {
    if (id !== undefined) intervals.delete(id);
    realClearInterval(id);
  };
  window.setTimeout = /** @type {typeof window.setTimeout} */ (
    (
      /** @type {TimerHandler} */ handler,
      /** @type {number} */ ms,
      /** @type {any[]} */ ...args
    ) => {
      /** @type {number} */
      let id = 0;
      const run =
        typeof handler === "function"
          ? (/** @type {any[]} */ ...callArgs) => {
              timeouts.delete(id);
              return handler(...callArgs);
            }
          : handler;
      id = realSetTimeout(run, ms, ...args);
      if (typeof handler === "function")
        timeouts.set(id, `${ms ?? 0} ms: ${String(handler).replace(/\s+/g, " ").slice(0, 160)}`);
      return id;
    }
  );
  window.clearTimeout = (/** @type {any} */ id) => {
    if (id !== undefined) timeouts.delete(id);
    realClearTimeout(id);
  };
  // Requests still on their way hold timers and memory that are not leaks: counted, so that a
  // snapshot can wait for the network to be quiet first.
  let inflight = 0;
  const realFetch = window.fetch;
  window.fetch = function trackedFetch(input, init) {
    inflight += 1;
    const settle = () => (inflight -= 1);
    const response = realFetch.call(this, input, init);
    response.then(settle, settle);
    return response;
  };
  page.__benchLeaks = () => ({
    inflight,
    listeners: [...live.values()].flatMap((set) => [...set]),
    intervals: intervals.size,
    timeouts: timeouts.size,
    pendingTimeouts: [...timeouts.values()],
  });
}
