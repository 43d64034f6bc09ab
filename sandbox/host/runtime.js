// @ts-check
/**
 * Shared runtime state of the host page: the `window.siyuan` object, the query flags, and the
 * registry of loaded plugins. Other modules import from here instead of touching `window`.
 */

const query = new URLSearchParams(location.search);

/** Page flags taken from the URL so a reload keeps them. */
export const flags = {
  mobile: query.get("mobile") === "1",
  /** `?noreload` replaces the 401 page reload by a log line (tests). */
  noReload: query.has("noreload"),
  /** @type {"en_US" | "zh_CN" | null} */
  lang: query.get("lang") === "zh_CN" ? "zh_CN" : query.get("lang") === "en_US" ? "en_US" : null,
  /** @type {"light" | "dark" | null} */
  theme: query.get("theme") === "dark" ? "dark" : query.get("theme") === "light" ? "light" : null,
};

/**
 * Returns the page URL with some query parameters changed (null removes one).
 * @param {Record<string, string | null>} changes
 */
export function urlWithQuery(changes) {
  const url = new URL(location.href);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  return url.toString();
}

/**
 * The `window.siyuan` global as plugins see it. Filled by `installSiyuanGlobal`.
 * @type {any}
 */
export const siyuan = {};

/**
 * Publishes `window.siyuan`; the object identity stays the same so modules can hold it.
 * @param {Record<string, any>} value
 */
export function installSiyuanGlobal(value) {
  Object.assign(siyuan, value);
  /** @type {any} */ (window).siyuan = siyuan;
}

/** Loaded plugins by name (exposed as `window.__sandbox.plugins`). @type {Map<string, any>} */
export const plugins = new Map();

/** Every text shown through showMessage, oldest first (`window.__sandbox.messages`). @type {string[]} */
export const messages = [];

/** The frontend name SiYuan would report in this page. */
export function frontendName() {
  return flags.mobile ? "browser-mobile" : "browser-desktop";
}

/** Small UI strings of the host, per language (also published as `window.siyuan.languages`). */
export const languagePacks = {
  en_US: {
    cancel: "Cancel",
    confirm: "Confirm",
    save: "Save",
    close: "Close",
    min: "Minimize",
    commandPanel: "Command palette",
    plugin: "Plugin",
    pluginDocks: "Plugin docks",
  },
  zh_CN: {
    cancel: "取消",
    confirm: "确定",
    save: "保存",
    close: "关闭",
    min: "最小化",
    commandPanel: "命令面板",
    plugin: "插件",
    pluginDocks: "插件停靠栏",
  },
};
