// @ts-check
/**
 * Loads plugins exactly like SiYuan's frontend loader (docs/siyuan-plugin-platform.md §2.4): petals
 * from `/api/petal/loadPetals`, index.js evaluated as CommonJS through `window.eval`, the class
 * checked against `Plugin`, css inserted after `#pluginsStyle`, `onload` not awaited, then
 * `onLayoutReady` once `onload` settled. Unloading mirrors SiYuan's cleanup.
 */
import { siyuanApi } from "./api/index.js";
import { fetchSyncPost } from "./api/fetch.js";
import { Plugin } from "./api/plugin.js";
import { openShownDocks, removePluginDocks } from "./docks.js";
import { frontendName, plugins, siyuan } from "./runtime.js";

/**
 * @typedef {object} Petal
 * @property {string} name
 * @property {string} displayName
 * @property {string} js
 * @property {string} css
 * @property {Record<string, any>} i18n
 */

/** Stands in for SiYuan's `app` object, which plugins mostly pass back to the API. */
const app = Object.freeze({
  get plugins() {
    return [...plugins.values()];
  },
  appId: "sandbox",
});

/** Every petal the kernel offered, by name (also the disabled ones, for the plugin list). @type {Map<string, Petal>} */
export const knownPetals = new Map();

/** Tells the plugin list UI to re-render. */
function announcePluginsChanged() {
  document.dispatchEvent(new CustomEvent("sandbox:plugins-changed"));
}

/** @returns {Promise<Petal[]>} */
async function requestPetals() {
  const response = await fetchSyncPost("/api/petal/loadPetals", {
    frontend: frontendName(),
    lang: siyuan.config.lang,
  });
  if (response.code !== 0 || !Array.isArray(response.data))
    throw new Error(`loadPetals failed: ${response.msg}`);
  for (const petal of response.data) knownPetals.set(petal.name, petal);
  return response.data;
}

/**
 * `require` inside a plugin: "siyuan" is the API, anything else is Electron's `window.require`
 * (undefined in a browser).
 * @param {string} key
 */
function requirePluginModule(key) {
  if (key === "siyuan") return siyuanApi;
  return /** @type {any} */ (window).require?.(key);
}

/**
 * Evaluates index.js as CommonJS and returns its exported plugin class, or undefined after
 * logging the same errors SiYuan logs.
 * @param {Petal} petal
 */
function evaluatePluginClass(petal) {
  const module = { exports: {} };
  try {
    const factory = window.eval(
      "(function anonymous(require, module, exports){" +
        petal.js +
        "\n})\n//# sourceURL=plugin:" +
        petal.name,
    );
    factory(requirePluginModule, module, module.exports);
  } catch (error) {
    console.error(`plugin ${petal.name} load error:`, error);
    return undefined;
  }
  const exported = /** @type {any} */ (module.exports);
  const pluginClass = exported.default || exported;
  if (typeof pluginClass !== "function") {
    console.error(`plugin ${petal.name} has no export`);
    return undefined;
  }
  if (!(pluginClass.prototype instanceof Plugin)) {
    console.error(`plugin ${petal.name} does not extends Plugin`);
    return undefined;
  }
  return pluginClass;
}

/**
 * Inserts the plugin css right after the `#pluginsStyle` marker; a plugin without css gets no
 * element (SiYuan's loader.ts `insertPluginCSS`).
 * @param {Petal} petal
 */
function insertPluginStyle(petal) {
  if (!petal.css) return;
  const style = document.createElement("style");
  style.id = `pluginsStyle${petal.name}`;
  style.textContent = petal.css;
  const marker = document.getElementById("pluginsStyle");
  if (marker) marker.after(style);
  else document.head.append(style);
}

/**
 * Constructs and starts one plugin; resolves once `onLayoutReady` ran.
 * @param {Petal} petal
 */
async function startPlugin(petal) {
  const PluginClass = evaluatePluginClass(petal);
  if (!PluginClass) return;
  let plugin;
  try {
    plugin = new PluginClass({
      app,
      name: petal.name,
      displayName: petal.displayName,
      i18n: petal.i18n,
    });
  } catch (error) {
    console.error(`plugin ${petal.name} constructor error:`, error);
    return;
  }
  plugins.set(petal.name, plugin);
  insertPluginStyle(petal);
  let onloadResult;
  try {
    onloadResult = plugin.onload();
  } catch (error) {
    console.error(`plugin ${petal.name} onload error:`, error);
  }
  await Promise.resolve(onloadResult).catch((error) =>
    console.error(`plugin ${petal.name} onload error:`, error),
  );
  if (plugins.get(petal.name) !== plugin) return; // unloaded meanwhile
  try {
    plugin.onLayoutReady();
  } catch (error) {
    console.error(`plugin ${petal.name} onLayoutReady error:`, error);
  }
  openShownDocks(petal.name);
  announcePluginsChanged();
}

/** Boot: loads every petal; resolves when all plugins passed onLayoutReady. */
export async function loadAllPlugins() {
  const petals = await requestPetals();
  await Promise.all(petals.map((petal) => startPlugin(petal)));
  announcePluginsChanged();
}

/**
 * Enables a plugin at runtime with fresh code from the kernel.
 * @param {string} name
 */
export async function loadPlugin(name) {
  if (plugins.has(name)) return;
  const petal = (await requestPetals()).find((candidate) => candidate.name === name);
  if (!petal) throw new Error(`the kernel offers no plugin named ${name}`);
  await startPlugin(petal);
}

/**
 * Disables a plugin like SiYuan: `onunload`, then its docks, top/status bar items, icon
 * sprite, style element, hotkeys and event bus are removed.
 * @param {string} name
 */
export function unloadPlugin(name) {
  const plugin = plugins.get(name);
  if (!plugin) return;
  try {
    plugin.onunload();
  } catch (error) {
    console.error(`plugin ${name} onunload error:`, error);
  }
  removePluginDocks(name);
  for (const element of [...plugin.topBarIcons, ...plugin.statusBarIcons]) element.remove();
  document.querySelector(`svg[data-name="${CSS.escape(name)}"]`)?.remove();
  document.getElementById(`pluginsStyle${name}`)?.remove();
  delete siyuan.config.keymap.plugin[name];
  plugin.eventBus.dispose();
  plugins.delete(name);
  announcePluginsChanged();
}

/**
 * SiYuan's reload (default `onDataChanged`): unload, then load fresh code.
 * @param {string} name
 */
export async function reloadPlugin(name) {
  unloadPlugin(name);
  await loadPlugin(name);
}
