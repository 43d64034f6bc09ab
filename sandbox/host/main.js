// @ts-check
/**
 * Host page boot: builds `window.siyuan` from the kernel's getConf, draws the chrome, loads
 * the plugins like SiYuan, exposes `window.__sandbox` for tests and listens for live reload.
 */
import { fetchSyncPost } from "./api/fetch.js";
import { installHotkeys, runCommand } from "./commands.js";
import { control, renderControlPanel } from "./control-panel.js";
import { closeDock, findDock, openDock } from "./docks.js";
import { loadAllPlugins, loadPlugin, unloadPlugin } from "./loader.js";
import { flags, installSiyuanGlobal, languagePacks, messages, plugins } from "./runtime.js";
import { applyTheme, bindToolbar, renderPluginList } from "./toolbar.js";

/** @type {(value: void) => void} */
let markLoaded = () => {};
const loaded = new Promise((resolve) => (markLoaded = resolve));

/** Test hooks; `loaded` resolves once every plugin passed onLayoutReady. */
/** @type {any} */ (window).__sandbox = {
  plugins,
  loaded,
  messages,
  unloadPlugin,
  loadPlugin,
  openDock: (/** @type {string} */ name, /** @type {string | undefined} */ type) =>
    openDock(findDock(name, type)),
  closeDock: (/** @type {string} */ name, /** @type {string | undefined} */ type) =>
    closeDock(findDock(name, type)),
  runCommand,
};

/** @param {unknown} lang kernel language (legacy or BCP-47) → the two the host speaks */
function hostLanguage(lang) {
  return typeof lang === "string" && lang.toLowerCase().startsWith("zh") ? "zh_CN" : "en_US";
}

/**
 * Builds `window.siyuan` the way SiYuan does after getConf; the URL's `?lang`/`?theme` win.
 * @param {any} data getConf's `data`, or undefined when the kernel could not answer
 */
function installConfig(data) {
  const conf = data?.conf ?? {};
  const lang = flags.lang ?? hostLanguage(conf.lang);
  const mode = flags.theme ? (flags.theme === "dark" ? 1 : 0) : (conf.appearance?.mode ?? 0);
  installSiyuanGlobal({
    config: {
      ...conf,
      lang,
      readonly: Boolean(conf.readonly),
      sync: conf.sync ?? { provider: 0, cloudName: "main", enabled: false },
      appearance: { ...conf.appearance, mode },
      keymap: { general: {}, editor: {}, ...conf.keymap, plugin: {} },
    },
    isPublish: Boolean(data?.isPublish),
    languages: languagePacks[lang],
  });
  document.documentElement.lang = lang === "zh_CN" ? "zh-CN" : "en";
  return mode === 1 ? "dark" : "light";
}

/** Reloads the page when the server reports changed plugin files. */
function listenForLiveReload() {
  const events = new EventSource("/__sandbox/events");
  events.addEventListener("reload", () => location.reload());
}

async function boot() {
  document.body.classList.toggle("sandbox--mobile", flags.mobile);
  const info = await control("/__sandbox/info");
  const doubleMode = info.mode === "double";
  // The URL's language is the page's truth; the double follows it so getConf and i18n agree.
  if (doubleMode && flags.lang && (await control("/__sandbox/state")).lang !== flags.lang) {
    await control("/__sandbox/state", { lang: flags.lang });
  }
  const conf = await fetchSyncPost("/api/system/getConf", {}).catch((error) => {
    console.warn("[sandbox] getConf failed; using defaults", error);
    return undefined;
  });
  const theme = installConfig(conf?.code === 0 ? conf.data : undefined);
  bindToolbar(doubleMode);
  applyTheme(theme);
  renderControlPanel(info, doubleMode ? await control("/__sandbox/state") : null);
  document.addEventListener("sandbox:plugins-changed", renderPluginList);
  installHotkeys();
  listenForLiveReload();
  await loadAllPlugins().catch((error) =>
    console.error("[sandbox] loading plugins failed:", error),
  );
  document.body.dataset.loaded = "true";
  markLoaded();
}

void boot();
